/**
 * Snapshots of the database file, low level: consistent copies with VACUUM INTO (kept as rotated backups or
 * handed out as bytes), the check that a copy is an intact database of this app, and the swap of the live file.
 * The backup list, its labels and the keep policy are services/backups.ts.
 */
import Database from 'better-sqlite3';
import type BetterSqlite3 from 'better-sqlite3';
import { copyFileSync, existsSync, mkdirSync, readFileSync, readdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { basename, join } from 'node:path';
import { AppError } from '../../shared/result';
import { slugify } from '../../shared/text/vi';

export interface BackupFile {
  name: string;
  path: string;
  size: number;
  createdAt: string;
  reason: string;
}

const PREFIX = 'sao-luu-';

function stamp(d = new Date()): string {
  const p = (n: number, w = 2) => String(n).padStart(w, '0');
  return `${d.getFullYear()}${p(d.getMonth() + 1)}${p(d.getDate())}-${p(d.getHours())}${p(d.getMinutes())}${p(d.getSeconds())}-${p(d.getMilliseconds(), 3)}`;
}

function slug(reason: string): string {
  return slugify(reason).slice(0, 40) || 'thu-cong';
}

/** `sao-luu-<date-time>-<reason>`: the name of a snapshot taken now, without its extension */
function snapshotName(reason: string): string {
  return `${PREFIX}${stamp()}-${slug(reason)}`;
}

/** Writes a consistent copy of the open database into `dir`. */
export function backupSync(raw: BetterSqlite3.Database, dir: string, reason: string, keep?: number): BackupFile {
  mkdirSync(dir, { recursive: true });
  const base = snapshotName(reason);
  // two backups in the same millisecond with the same reason must not collide (VACUUM INTO refuses a target)
  let name = `${base}.sqlite`;
  for (let n = 2; existsSync(join(dir, name)); n++) name = `${base}-${n}.sqlite`;
  const path = join(dir, name);
  // written under a temporary name, renamed when whole: a crash mid-copy never leaves a torn "backup"
  const tmp = `${path}.tmp`;
  removeStaleTemps(dir);
  try {
    raw.prepare('VACUUM INTO ?').run(tmp);
    renameSync(tmp, path);
  } catch (e) {
    rmSync(tmp, { force: true });
    throw e;
  }
  if (keep !== undefined) rotateBackups(dir, keep);
  const st = statSync(path);
  return { name, path, size: st.size, createdAt: st.mtime.toISOString(), reason: slug(reason) };
}

/** A consistent copy of the open database as bytes: VACUUM INTO a temporary file in `dir`, read, removed. */
export function snapshotBytes(
  raw: BetterSqlite3.Database,
  dir: string,
  reason: string,
): { name: string; bytes: Buffer } {
  mkdirSync(dir, { recursive: true });
  removeStaleTemps(dir);
  const name = `${snapshotName(reason)}.sqlite`;
  const tmp = join(dir, `${name}.${process.pid}.tmp`);
  try {
    raw.prepare('VACUUM INTO ?').run(tmp);
    return { name, bytes: readFileSync(tmp) };
  } finally {
    rmSync(tmp, { force: true });
  }
}

/** Removes copies left half-written by a crash (older than an hour, so a concurrent writer is never disturbed). */
function removeStaleTemps(dir: string): void {
  const hourAgo = Date.now() - 3600_000;
  for (const n of readdirSync(dir)) {
    if (!n.startsWith(PREFIX) || !/\.tmp(-journal|-wal|-shm)?$/.test(n)) continue;
    try {
      if (statSync(join(dir, n)).mtimeMs < hourAgo) rmSync(join(dir, n), { force: true });
    } catch {
      // gone already
    }
  }
}

export function listBackups(dir: string): BackupFile[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((n) => n.startsWith(PREFIX) && n.endsWith('.sqlite'))
    .map((name) => {
      const path = join(dir, name);
      const st = statSync(path);
      const reason = name.replace(/^sao-luu-\d{8}-\d{6}-\d{3}-/, '').replace(/\.sqlite$/, '');
      return { name, path, size: st.size, createdAt: st.mtime.toISOString(), reason };
    })
    .sort((a, b) => (a.name < b.name ? 1 : -1));
}

export function rotateBackups(dir: string, keep: number): void {
  const all = listBackups(dir);
  for (const b of all.slice(keep)) for (const ext of ['', '-wal', '-shm']) rmSync(b.path + ext, { force: true });
}

/**
 * Opens a candidate backup read-only and checks it is an intact database of this app. `name` is how the officer
 * knows the file (an uploaded copy sits under a temporary name).
 */
export function verifyBackup(path: string, name = basename(path)): void {
  if (!existsSync(path)) throw new AppError('not_found', `Không tìm thấy bản sao lưu "${name}".`);
  let db: BetterSqlite3.Database | undefined;
  try {
    db = new Database(path, { readonly: true, fileMustExist: true });
    const integrity = db.pragma('integrity_check', { simple: true });
    if (integrity !== 'ok') throw new Error(String(integrity));
    const hasUnits = db.prepare("SELECT 1 FROM sqlite_master WHERE type='table' AND name='units'").get();
    const hasMig = db.prepare("SELECT 1 FROM sqlite_master WHERE type='table' AND name='__drizzle_migrations'").get();
    if (!hasUnits || !hasMig) throw new Error('không có các bảng của ứng dụng');
  } catch (e) {
    throw new AppError(
      'bad_file',
      `Bản sao lưu "${name}" bị hỏng hoặc không phải cơ sở dữ liệu của ứng dụng, nên chưa khôi phục. ` +
        'Hãy chọn một bản sao lưu khác.',
      { cause: e instanceof Error ? e.message : String(e) },
    );
  } finally {
    db?.close();
  }
}

/**
 * Keeps a copy of the live database before it is replaced. A live database that is damaged (the usual reason to
 * restore) cannot be copied with VACUUM INTO: then its files are copied byte for byte, WAL included.
 */
function keepLive(dbPath: string, keptAs: string): void {
  let live: BetterSqlite3.Database | undefined;
  try {
    live = new Database(dbPath, { fileMustExist: true });
    // fold the WAL into the main file before keeping it
    live.pragma('wal_checkpoint(TRUNCATE)');
    live.prepare('VACUUM INTO ?').run(keptAs);
    return;
  } catch {
    rmSync(keptAs, { force: true });
  } finally {
    live?.close();
  }
  copyFileSync(dbPath, keptAs);
  for (const ext of ['-wal', '-shm']) if (existsSync(dbPath + ext)) copyFileSync(dbPath + ext, keptAs + ext);
}

/**
 * Replaces the database file at `dbPath` (which must be closed) with `fromPath`, a copy that passed verifyBackup.
 * The replaced database is kept beside the backups; returns its path.
 */
export function restoreFile(dbPath: string, fromPath: string, backupDir: string): string {
  mkdirSync(backupDir, { recursive: true });
  const keptAs = join(backupDir, `${snapshotName('truoc-khoi-phuc')}.sqlite`);
  if (existsSync(dbPath)) keepLive(dbPath, keptAs);
  const tmp = `${dbPath}.khoi-phuc.tmp`;
  copyFileSync(fromPath, tmp);
  for (const ext of ['-wal', '-shm']) rmSync(dbPath + ext, { force: true });
  renameSync(tmp, dbPath);
  return keptAs;
}
