/**
 * One database, one owner. The door that opens a database (a window, `bdg serve`, a `bdg` command) holds a lock
 * file beside it, `<db>.lock`: {"pid","door","host","since"}. Another process that opens the same database is
 * refused with a message naming the owner; a lock whose process is gone (a crash, a kill) is taken over. Within
 * one process the lock is shared (counted): the core and a restore in the same process are one owner.
 * Restore and the migration upgrade require it (assertOwner).
 *
 * The lock file is created with O_EXCL, so two processes starting together cannot both take a free lock; a stale
 * one is taken over only if it still holds what was read (no one took it over meanwhile).
 */
import { closeSync, fsyncSync, openSync, readFileSync, renameSync, rmSync, writeSync } from 'node:fs';
import { hostname } from 'node:os';
import { AppError } from '../../shared/result';
import { processAlive } from '../paths';

export type Door = 'electron' | 'web' | 'cli' | 'core';

interface LockInfo {
  pid: number;
  door: Door;
  host: string;
  since: string;
}

const DOOR_LABEL: Record<Door, string> = {
  electron: 'cửa sổ Báo cáo BĐG',
  web: 'Báo cáo BĐG trên trình duyệt (bdg serve)',
  cli: 'lệnh bdg',
  core: 'Báo cáo BĐG',
};

export const lockPathFor = (dbPath: string) => `${dbPath}.lock`;

/** this process's holds: lock path → count */
const held = new Map<string, number>();

function read(path: string): { text: string; info: LockInfo | null } | null {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    return null;
  }
  try {
    const o = JSON.parse(text) as Partial<LockInfo>;
    if (typeof o.pid !== 'number') return { text, info: null };
    return {
      text,
      info: { pid: o.pid, door: (o.door ?? 'core') as Door, host: String(o.host ?? ''), since: String(o.since ?? '') },
    };
  } catch {
    return { text, info: null };
  }
}

function writeNew(path: string, info: LockInfo): boolean {
  let fd: number;
  try {
    fd = openSync(path, 'wx');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw e;
  }
  try {
    writeSync(fd, JSON.stringify(info));
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  return true;
}

function sinceText(iso: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return '';
  const p = (n: number) => String(n).padStart(2, '0');
  return `${p(d.getHours())}:${p(d.getMinutes())} ngày ${p(d.getDate())}/${p(d.getMonth() + 1)}/${d.getFullYear()}`;
}

export function ownerMessage(dbPath: string, info: LockInfo): string {
  const since = sinceText(info.since);
  const where = info.host && info.host !== hostname() ? `, trên máy ${info.host}` : '';
  return (
    `Cơ sở dữ liệu "${dbPath}" đang được mở trong ${DOOR_LABEL[info.door] ?? DOOR_LABEL.core} khác ` +
    `(tiến trình ${info.pid}${since ? `, từ ${since}` : ''}${where}). Mỗi lúc chỉ một nơi được mở một cơ sở dữ ` +
    'liệu, để không mất dữ liệu. Hãy đóng nơi đó rồi thử lại. Dữ liệu không bị hỏng.'
  );
}

/**
 * Takes (or shares, within this process) the owner lock of `dbPath` for `door`; returns its release. Throws
 * AppError db_locked, naming the owner, when another live process holds it.
 */
export function acquireOwnerLock(dbPath: string, door: Door = 'core'): () => void {
  const path = lockPathFor(dbPath);
  const count = held.get(path) ?? 0;
  if (count === 0) take(path, dbPath, door);
  held.set(path, count + 1);
  let released = false;
  return () => {
    if (released) return;
    released = true;
    const n = (held.get(path) ?? 1) - 1;
    if (n > 0) {
      held.set(path, n);
      return;
    }
    held.delete(path);
    // only our own lock is removed (never one that someone took over from us)
    const now = read(path);
    if (now?.info?.pid === process.pid && now.info.host === hostname()) rmSync(path, { force: true });
  };
}

function take(path: string, dbPath: string, door: Door): void {
  const mine: LockInfo = { pid: process.pid, door, host: hostname(), since: new Date().toISOString() };
  for (let attempt = 0; attempt < 5; attempt++) {
    if (writeNew(path, mine)) return;
    const found = read(path);
    if (!found) continue; // released meanwhile: try again
    const { info } = found;
    if (info && info.pid === process.pid && info.host === mine.host) return; // ours (left by this process)
    // another machine's process cannot be checked: it is taken for alive
    if (info && (info.host !== mine.host || processAlive(info.pid)))
      throw new AppError('db_locked', ownerMessage(dbPath, info), info);
    // stale (its process is gone, or unreadable): take it over if it still says what we read
    const tmp = `${path}.${process.pid}.tmp`;
    rmSync(tmp, { force: true });
    if (!writeNew(tmp, mine)) continue;
    const again = read(path);
    if (again?.text !== found.text) {
      rmSync(tmp, { force: true });
      continue;
    }
    renameSync(tmp, path);
    const now = read(path);
    if (now?.info?.pid === process.pid) return;
  }
  throw new AppError(
    'db_locked',
    `Không giữ được quyền mở cơ sở dữ liệu "${dbPath}": nhiều nơi đang mở nó cùng lúc. Hãy đóng các cửa sổ ` +
      'Báo cáo BĐG và lệnh bdg khác rồi thử lại.',
  );
}

/** Throws unless this process holds the owner lock of `dbPath` (restore and the migration upgrade need it). */
export function assertOwner(dbPath: string, what: string): void {
  if (dbPath === ':memory:') return;
  const path = lockPathFor(dbPath);
  const now = read(path);
  if ((held.get(path) ?? 0) > 0 && now?.info?.pid === process.pid) return;
  if (now?.info && now.info.pid !== process.pid)
    throw new AppError('db_locked', ownerMessage(dbPath, now.info), now.info);
  throw new AppError(
    'db_locked',
    `Không thể ${what} vì chưa giữ quyền mở cơ sở dữ liệu "${dbPath}" (có thể một nơi khác vừa mở nó). ` +
      'Hãy đóng các cửa sổ Báo cáo BĐG và lệnh bdg khác rồi thử lại.',
  );
}
