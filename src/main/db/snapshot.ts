/**
 * Snapshots of the database file, low level: consistent copies with VACUUM INTO (kept as rotated backups or
 * handed out as bytes), the check that a copy is an intact database of this app, and the swap of the live file.
 * The backup list, its labels and the keep policy are services/backups.ts.
 */
import { processAlive, syncDir } from '../paths';
import Database from 'better-sqlite3';
import type BetterSqlite3 from 'better-sqlite3';
import {
  closeSync,
  copyFileSync,
  existsSync,
  fsyncSync,
  mkdirSync,
  openSync,
  readFileSync,
  readdirSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { AppError } from '../../shared/result';
import { slugify } from '../../shared/text/vi';
import { collectBackupPacks, manifestInfo } from './chunk-backup';
import { backupOriginalsDir, embedOriginals, originalsDirFor, referencedPacks, sweepTemps } from './originals-store';

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
export function snapshotName(reason: string): string {
  return `${PREFIX}${stamp()}-${slug(reason)}`;
}

/** Flushes a file to the disk, so a rename after it can never publish a torn copy. */
export function syncFile(path: string): void {
  const fd = openSync(path, 'r+');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

/** A temporary name owned by this process: `<path>.<pid>.tmp` (a leftover is recognised by its dead pid). */
export function tempFor(path: string): string {
  return `${path}.${process.pid}.tmp`;
}

/**
 * Is the temporary file `name` (in `dir`) a leftover of a killed run? Yes when the process named in it is gone;
 * a name without a pid (an older version's) when it is more than an hour old.
 */
function isLeftover(dir: string, name: string): boolean {
  const m = /\.(\d+)\.tmp(?:-wal|-shm|-journal)?$/.exec(name);
  if (m) return !processAlive(Number(m[1]));
  try {
    return statSync(join(dir, name)).mtimeMs < Date.now() - 3600_000;
  } catch {
    return false;
  }
}

/**
 * Removes what a killed backup, restore or upload left beside the database and in its backups folder (a torn
 * `*.tmp` copy, its `-wal`/`-shm`/`-journal`): run when a door opens the database, and before each backup, so a
 * leftover never blocks the next run. A temporary file of a process still running is left alone.
 */
export function removeLeftovers(dbPath: string, backupDir: string): string[] {
  const removed: string[] = [];
  const base = basename(dbPath);
  const sweep = (dir: string, match: (n: string) => boolean) => {
    if (!existsSync(dir)) return;
    for (const n of readdirSync(dir)) {
      if (!match(n) || !isLeftover(dir, n)) continue;
      rmSync(join(dir, n), { force: true });
      removed.push(join(dir, n));
    }
  };
  const TMP = /\.tmp(?:-wal|-shm|-journal)?$/;
  sweep(dirname(dbPath), (n) => n.startsWith(`${base}.`) && TMP.test(n) && /\.(khoi-phuc|tai-len|lock)\b/.test(n));
  sweep(backupDir, (n) => n.startsWith(PREFIX) && TMP.test(n));
  // the originals store and the backups' chunk and pack folders (`*.<pid>.tmp` of a killed move or backup)
  for (const d of [originalsDirFor(dbPath), join(backupDir, 'chunks'), backupOriginalsDir(backupDir), backupDir])
    sweepTemps(d);
  return removed;
}

/** VACUUM INTO `target` (a consistent copy, WAL included), flushed to the disk. */
function vacuumInto(raw: BetterSqlite3.Database, target: string): void {
  raw.prepare('VACUUM INTO ?').run(target);
  syncFile(target);
}

/**
 * A self-contained copy (one `.sqlite` that restores anywhere): VACUUM INTO `target`, then every original moved
 * out to the originals store is read back (checked) into the copy's `files.bytes`; flushed.
 */
function selfContainedInto(raw: BetterSqlite3.Database, target: string, backupDir: string): void {
  raw.prepare('VACUUM INTO ?').run(target);
  if (referencedPacks(raw).size) embedOriginals(target, raw.name, backupDir);
  syncFile(target);
}

/** Writes a consistent copy of the open database into `dir`. */
export function backupSync(raw: BetterSqlite3.Database, dir: string, reason: string, keep?: number): BackupFile {
  mkdirSync(dir, { recursive: true });
  const base = snapshotName(reason);
  // two backups in the same millisecond with the same reason must not collide (VACUUM INTO refuses a target)
  let name = `${base}.sqlite`;
  for (let n = 2; existsSync(join(dir, name)); n++) name = `${base}-${n}.sqlite`;
  const path = join(dir, name);
  // written under a temporary name, flushed, renamed when whole: a crash mid-copy never leaves a torn "backup"
  const tmp = tempFor(path);
  removeStaleTemps(dir);
  try {
    selfContainedInto(raw, tmp, dir);
    renameSync(tmp, path);
    syncDir(dir);
  } catch (e) {
    rmSync(tmp, { force: true });
    throw e;
  }
  if (keep !== undefined) rotateBackups(dir, keep, referencedPacks(raw));
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
  const tmp = tempFor(join(dir, name));
  try {
    selfContainedInto(raw, tmp, dir);
    return { name, bytes: readFileSync(tmp) };
  } finally {
    rmSync(tmp, { force: true });
  }
}

/** Removes copies left half-written by a killed run (never the temporary file of a process still running). */
function removeStaleTemps(dir: string): void {
  for (const n of readdirSync(dir)) {
    if (!n.startsWith(PREFIX) || !/\.tmp(?:-wal|-shm|-journal)?$/.test(n)) continue;
    if (isLeftover(dir, n)) rmSync(join(dir, n), { force: true });
  }
}

/** The backups in `dir`, newest first: `.sqlite` copies and `.json` manifests (chunked backups, issue 20). */
function backupNames(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((n) => n.startsWith(PREFIX) && (n.endsWith('.sqlite') || n.endsWith('.json')))
    .sort((a, b) => (a < b ? 1 : -1));
}

/** The reason part of a backup's name (`sao-luu-<date-time>-<reason>.json`). */
export function backupReason(name: string): string {
  return name.replace(/^sao-luu-\d{8}-\d{6}-\d{3}-/, '').replace(/\.(sqlite|json)$/, '');
}

/**
 * `size`: what the backup holds logically, in bytes: a `.sqlite` copy's file size; for a chunked backup the size
 * of the database it rebuilds plus the original packs it needs (shared with other backups on the disk, so the
 * sizes of the list add up to more than the folder uses).
 */
export function listBackups(dir: string): BackupFile[] {
  return backupNames(dir).map((name) => {
    const path = join(dir, name);
    const st = statSync(path);
    const reason = backupReason(name);
    let size = st.size;
    if (name.endsWith('.json')) {
      try {
        const m = manifestInfo(path);
        size = m.dbSize + m.originalsBytes;
      } catch {
        // a damaged manifest is listed with its own size (its restore is refused with a clear message)
      }
    }
    return { name, path, size, createdAt: st.mtime.toISOString(), reason };
  });
}

/**
 * Keeps the newest `keep` backups; then removes the chunk packs and original packs no kept backup needs (an
 * original pack `liveRefs`, the live database's, names is kept).
 */
export function rotateBackups(dir: string, keep: number, liveRefs: Set<string> = new Set()): void {
  for (const n of backupNames(dir).slice(keep))
    for (const ext of ['', '-wal', '-shm']) rmSync(join(dir, n) + ext, { force: true });
  collectBackupPacks(dir, liveRefs);
}

const BAD_COPY = (name: string) =>
  `Bản sao lưu "${name}" bị hỏng hoặc không phải cơ sở dữ liệu của ứng dụng, nên chưa khôi phục. ` +
  'Hãy chọn một bản sao lưu khác.';

/** Throws unless the open `db` is an intact database of this app (integrity check, the app's tables). */
function checkIsOurs(db: BetterSqlite3.Database): void {
  const integrity = db.pragma('integrity_check', { simple: true });
  if (integrity !== 'ok') throw new Error(String(integrity));
  const hasUnits = db.prepare("SELECT 1 FROM sqlite_master WHERE type='table' AND name='units'").get();
  const hasMig = db.prepare("SELECT 1 FROM sqlite_master WHERE type='table' AND name='__drizzle_migrations'").get();
  if (!hasUnits || !hasMig) throw new Error('không có các bảng của ứng dụng');
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
    checkIsOurs(db);
  } catch (e) {
    throw new AppError('bad_file', BAD_COPY(name), { cause: e instanceof Error ? e.message : String(e) });
  } finally {
    db?.close();
  }
}

/** Which database a file is: its random identity (settings `databaseId`) and the province it belongs to. */
export interface DbIdentity {
  databaseId: string | null;
  province: string;
  /** false for a database with no unit and no report yet (nothing to lose by replacing it) */
  hasData: boolean;
}

export function identityOf(db: BetterSqlite3.Database): DbIdentity {
  const get = (key: string) =>
    (db.prepare('SELECT value FROM settings WHERE key = ?').get(key) as { value: string } | undefined)?.value ?? null;
  let province = '';
  try {
    province = ((JSON.parse(get('app.settings') ?? '{}') as { province?: unknown }).province as string)?.trim() ?? '';
  } catch {
    province = '';
  }
  const count = (table: string) => {
    try {
      return (db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;
    } catch {
      return 0;
    }
  };
  return {
    databaseId: get('databaseId'),
    province: typeof province === 'string' ? province : '',
    hasData: count('units') + count('submissions') > 0,
  };
}

/** The identity of the database at `path`, opened read-only; null when it does not open (damaged, missing). */
export function readIdentity(path: string): DbIdentity | null {
  if (!existsSync(path)) return null;
  let db: BetterSqlite3.Database | undefined;
  try {
    db = new Database(path, { readonly: true, fileMustExist: true });
    return identityOf(db);
  } catch {
    return null;
  } finally {
    db?.close();
  }
}

/**
 * Makes the copy a restore swaps in. The candidate's files were put at `stage` (its main file, and its `-wal` as
 * `stage-wal` when it had one: the last changes of an unclean shutdown live there); the stage is a private copy,
 * so opening it folds the WAL in and the candidate itself is never written. It is checked (intact, ours), then
 * VACUUMed INTO `target` and flushed: a consistent snapshot, whole or absent. Returns the candidate's identity.
 */
export function stageRestore(stage: string, target: string, name: string): DbIdentity {
  let db: BetterSqlite3.Database | undefined;
  try {
    db = new Database(stage, { fileMustExist: true });
    checkIsOurs(db);
    const identity = identityOf(db);
    rmSync(target, { force: true });
    vacuumInto(db, target);
    return identity;
  } catch (e) {
    rmSync(target, { force: true });
    if (e instanceof AppError) throw e;
    throw new AppError('bad_file', BAD_COPY(name), { cause: e instanceof Error ? e.message : String(e) });
  } finally {
    db?.close();
  }
}

/** Writes `bytes` to `path` and flushes it. */
export function writeSynced(path: string, bytes: Uint8Array): void {
  writeFileSync(path, bytes);
  syncFile(path);
}

/**
 * Keeps a copy of the live database before it is replaced. A live database that is damaged (the usual reason to
 * restore) cannot be copied with VACUUM INTO: then its files are copied byte for byte, WAL included.
 */
function keepLive(dbPath: string, keptAs: string): void {
  let live: BetterSqlite3.Database | undefined;
  const tmp = tempFor(keptAs);
  try {
    live = new Database(dbPath, { fileMustExist: true });
    // fold the WAL into the main file before keeping it
    live.pragma('wal_checkpoint(TRUNCATE)');
    // self-contained: the replaced database's originals may leave the live store once it is replaced
    selfContainedInto(live, tmp, dirname(keptAs));
    renameSync(tmp, keptAs);
    return;
  } catch {
    rmSync(tmp, { force: true });
  } finally {
    live?.close();
  }
  for (const ext of ['-wal', '-shm', '']) {
    if (!existsSync(dbPath + ext)) continue;
    copyFileSync(dbPath + ext, tmp + ext);
    syncFile(tmp + ext);
  }
  for (const ext of ['-wal', '-shm', '']) if (existsSync(tmp + ext)) renameSync(tmp + ext, keptAs + ext);
}

/**
 * Swaps `prepared` (a copy made by stageRestore, on the same disk) in as the database at `dbPath`, which must be
 * closed: the replaced database is kept beside the backups first (returns its path), then the prepared file is
 * renamed over the live one, an atomic step: a kill at any point leaves the old database or the new one whole.
 */
export function restoreFile(dbPath: string, prepared: string, backupDir: string): string {
  mkdirSync(backupDir, { recursive: true });
  const keptAs = join(backupDir, `${snapshotName('truoc-khoi-phuc')}.sqlite`);
  if (existsSync(dbPath)) keepLive(dbPath, keptAs);
  syncDir(backupDir);
  // the live database is closed and checkpointed (keepLive): a WAL still here belongs to the replaced file (kept
  // above) and must not be replayed onto the restored one
  for (const ext of ['-wal', '-shm']) rmSync(dbPath + ext, { force: true });
  renameSync(prepared, dbPath);
  syncDir(dirname(dbPath));
  return keptAs;
}
