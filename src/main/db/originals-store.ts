/**
 * The originals store (issue 20): every original file is first written in its import's transaction into
 * `files.bytes` (one fsync per file, atomic with its figures); afterwards it is MOVED OUT of the database into an
 * immutable, content-addressed pack file beside it, `<dbdir>/originals/<sha256 of the pack>.pack`, so the
 * database stays small and a backup copies only what changed.
 *
 * The move (moveOriginalsOut): every `files` row with `pack IS NULL` is written into one new pack (a temporary
 * file, written, fdatasync'd, renamed to its own SHA-256, the folder fsync'd), the pack is read back and checked
 * against its name, then ONE transaction sets `pack`, `pack_offset` and `bytes = x''` (`size` is the length).
 * A crash anywhere leaves the database with the bytes, or pointing to a complete pack; a pack no row references
 * (a crash before the transaction) is an orphan, removed by a later move once it is older than ORPHAN_AGE_MS.
 *
 * Reading (readPacked): the bytes at (offset, size) of the pack, their SHA-256 checked against the row's; a
 * missing or damaged pack is taken from the backups folder's copy (`backups/originals/`, the same name), which
 * also repairs the live store; otherwise a Vietnamese error naming the file.
 */
import Database from 'better-sqlite3';
import type BetterSqlite3 from 'better-sqlite3';
import { createHash, randomBytes } from 'node:crypto';
import {
  closeSync,
  copyFileSync,
  existsSync,
  fdatasyncSync,
  mkdirSync,
  openSync,
  readFileSync,
  readSync,
  readdirSync,
  renameSync,
  rmSync,
  statSync,
  writeSync,
} from 'node:fs';
import { dirname, join } from 'node:path';
import { AppError } from '../../shared/result';
import { processAlive, syncDir } from '../paths';

export const PACK_RE = /^[0-9a-f]{64}\.pack$/;
/** an unreferenced pack younger than this may belong to a move still running: left alone */
export const ORPHAN_AGE_MS = 10 * 60_000;
/** a move writes packs of at most this many bytes (the first move of an old database writes several) */
const MAX_PACK_BYTES = 64 * 1024 * 1024;

/** The live originals store: `originals/` beside the database. */
export const originalsDirFor = (dbPath: string): string => join(dirname(dbPath), 'originals');
/** The backups folder's copies of the original packs. */
export const backupOriginalsDir = (backupDir: string): string => join(backupDir, 'originals');

const sha256hex = (b: Uint8Array): string => createHash('sha256').update(b).digest('hex');

/** A temporary name in `dir` owned by this process (`*.<pid>.tmp`, removed by sweepTemps when its pid is gone). */
export function packTemp(dir: string): string {
  return join(dir, `new-${randomBytes(6).toString('hex')}.${process.pid}.tmp`);
}

/** Removes the temporary files a killed run left in `dir` (never those of a process still running). */
export function sweepTemps(dir: string): void {
  if (!existsSync(dir)) return;
  for (const n of readdirSync(dir)) {
    const m = /\.(\d+)\.tmp$/.exec(n);
    if (m && !processAlive(Number(m[1]))) rmSync(join(dir, n), { force: true });
  }
}

/** Does this database have the pack columns (migration 0005)? */
export function hasPackColumns(raw: BetterSqlite3.Database): boolean {
  const cols = raw.prepare("SELECT name FROM pragma_table_info('files')").all() as Array<{ name: string }>;
  return cols.some((c) => c.name === 'pack');
}

/**
 * What `files` holds that a backup asks for on every run (a scan of every row: ~50 ms nationally), kept per
 * connection for as long as the database provably did not change: the key is read in the same read transaction
 * as the rows, and holds `data_version` (differs once another connection committed), `total_changes()` (our
 * connection's inserted, updated or deleted rows, triggers included, rolled back ones too) and `schema_version`
 * (any DDL). A restore reopens the connection (a new key space). Nothing computed inside a caller's transaction
 * is kept.
 */
const filesCache = new WeakMap<BetterSqlite3.Database, { key: string; refs?: Set<string>; pending?: number }>();

function cachedFiles<T>(raw: BetterSqlite3.Database, field: 'refs' | 'pending', compute: () => T): T {
  // inside the caller's transaction its changes may yet be rolled back, and a rollback leaves total_changes()
  // as it was with them: what is computed there is not kept (a kept one is used: same key, no change since)
  const keep = !raw.inTransaction;
  const run = (): T => {
    // the first statement starts the read transaction: the key below and the rows are the same state
    const { c, s } = raw
      .prepare('SELECT total_changes() AS c, (SELECT schema_version FROM pragma_schema_version) AS s')
      .get() as { c: number; s: number };
    const key = `${raw.pragma('data_version', { simple: true })}:${c}:${s}`;
    const hit = filesCache.get(raw);
    if (hit && hit.key === key && hit[field] !== undefined) return hit[field] as T;
    const value = compute();
    if (keep) {
      const entry = hit && hit.key === key ? hit : { key };
      (entry as Record<string, unknown>)[field] = value;
      filesCache.set(raw, entry);
    }
    return value;
  };
  return keep ? raw.transaction(run)() : run();
}

/** The packs the database's rows reference (a copy: the caller may change it). */
export function referencedPacks(raw: BetterSqlite3.Database): Set<string> {
  if (!hasPackColumns(raw)) return new Set();
  const refs = cachedFiles(raw, 'refs', () => {
    const rows = raw.prepare('SELECT DISTINCT pack FROM files WHERE pack IS NOT NULL').all() as Array<{ pack: string }>;
    return new Set(rows.map((r) => r.pack));
  });
  return new Set(refs);
}

/** How many originals are still in the database (not yet moved to a pack). */
function pendingOriginals(raw: BetterSqlite3.Database): number {
  return cachedFiles(
    raw,
    'pending',
    () => (raw.prepare('SELECT count(*) AS n FROM files WHERE pack IS NULL').get() as { n: number }).n,
  );
}

/** The SHA-256 of a whole file, read in pieces. */
export function fileSha256(path: string): string {
  const h = createHash('sha256');
  const fd = openSync(path, 'r');
  try {
    const buf = Buffer.allocUnsafe(1 << 20);
    for (let n; (n = readSync(fd, buf, 0, buf.length, null)) > 0;) h.update(buf.subarray(0, n));
  } finally {
    closeSync(fd);
  }
  return h.digest('hex');
}

/**
 * Copies the pack `name` from `fromDir` into `toDir` (temporary file, flushed, renamed) after checking the copy
 * against its name; false when the source is missing or damaged. The folder is not fsync'd (the caller does).
 */
export function copyPackChecked(fromDir: string, toDir: string, name: string): boolean {
  const from = join(fromDir, name);
  if (!existsSync(from)) return false;
  mkdirSync(toDir, { recursive: true });
  const tmp = packTemp(toDir);
  try {
    copyFileSync(from, tmp);
    if (`${fileSha256(tmp)}.pack` !== name) return false;
    const fd = openSync(tmp, 'r+');
    try {
      fdatasyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(tmp, join(toDir, name));
    return true;
  } finally {
    rmSync(tmp, { force: true });
  }
}

function readAt(path: string, offset: number, size: number): Buffer | null {
  if (!existsSync(path)) return null;
  const out = Buffer.alloc(size);
  const fd = openSync(path, 'r');
  try {
    let at = 0;
    while (at < size) {
      const n = readSync(fd, out, at, size - at, offset + at);
      if (n <= 0) return null;
      at += n;
    }
  } finally {
    closeSync(fd);
  }
  return out;
}

export interface PackedRef {
  sha256: string;
  pack: string;
  offset: number;
  size: number;
}

/**
 * The bytes of a moved original, checked against its SHA-256: from the live store, else from the backups
 * folder's copy of the pack (which then replaces a missing or damaged live pack). `label` names the file in the
 * error (its file name, or its hash).
 */
export function readPacked(dbPath: string, backupDir: string, ref: PackedRef, label: string): Buffer {
  const liveDir = originalsDirFor(dbPath);
  const live = readAt(join(liveDir, ref.pack), ref.offset, ref.size);
  if (live && sha256hex(live) === ref.sha256) return live;
  const copyDir = backupOriginalsDir(backupDir);
  const copy = readAt(join(copyDir, ref.pack), ref.offset, ref.size);
  if (copy && sha256hex(copy) === ref.sha256) {
    // repair the live store from the checked copy (best effort: the bytes are returned either way)
    try {
      if (copyPackChecked(copyDir, liveDir, ref.pack)) syncDir(liveDir);
    } catch {
      // the copy stays in the backups folder; the next read takes it again
    }
    return copy;
  }
  throw new AppError(
    'bad_file',
    `Tệp gốc "${label}" ${live ? 'bị hỏng' : 'không còn'} trong kho tệp gốc (originals/${ref.pack}) và không có ` +
      'bản còn tốt trong thư mục sao lưu. Các số liệu đã nhận vẫn nguyên vẹn; để lấy lại tệp gốc, hãy khôi phục ' +
      'một bản sao lưu có tệp này, hoặc xin đơn vị gửi lại tệp.',
    { pack: ref.pack, sha256: ref.sha256 },
  );
}

export interface MoveResult {
  /** originals moved out of the database */
  moved: number;
  /** packs written (normally one; none when nothing was pending) */
  packs: string[];
  bytes: number;
  /** unreferenced packs removed (crash leftovers older than ORPHAN_AGE_MS) */
  orphansRemoved: string[];
}

export interface MoveOptions {
  /** called after the packs are written and checked, before the transaction (a test stops here, as a crash would) */
  beforeCommit?: () => void;
  orphanAgeMs?: number;
  /**
   * Bytes the caller still holds, by their SHA-256 (a batch's files): a pending original is written into the pack
   * from them instead of being read back out of the database, when they prove to be it (the same length and the
   * same SHA-256, hashed again here). A batch of 1,000 forms then allocates no second copy of its ~17 MB of
   * originals at its end, where its memory peaks.
   */
  known?: ReadonlyMap<string, Uint8Array>;
}

interface Pending {
  sha256: string;
  offset: number;
  size: number;
}

/** The bytes of pending original `row`: the caller's own copy when it is that original, else the database's. */
function pendingBytes(
  fromDb: BetterSqlite3.Statement,
  row: { id: number; sha256: string; size: number },
  known: ReadonlyMap<string, Uint8Array> | undefined,
): Uint8Array {
  const held = known?.get(row.sha256);
  if (held && held.byteLength === row.size && sha256hex(held) === row.sha256) return held;
  return fromDb.get(row.id) as Buffer;
}

/** Writes the pending originals into packs in `dir`; returns each pack's name and the entries it holds. */
function writePacks(
  raw: BetterSqlite3.Database,
  dir: string,
  known?: ReadonlyMap<string, Uint8Array>,
): Array<{ name: string; entries: Pending[] }> {
  const out: Array<{ name: string; entries: Pending[] }> = [];
  let cur: { fd: number; tmp: string; hash: ReturnType<typeof createHash>; at: number; entries: Pending[] } | null =
    null;
  const finish = () => {
    if (!cur) return;
    const c = cur;
    cur = null;
    try {
      fdatasyncSync(c.fd);
    } finally {
      closeSync(c.fd);
    }
    const name = `${c.hash.digest('hex')}.pack`;
    // the same pack already there (identical bytes, by its name): keep it
    if (existsSync(join(dir, name))) rmSync(c.tmp, { force: true });
    else renameSync(c.tmp, join(dir, name));
    out.push({ name, entries: c.entries });
  };
  try {
    // the rows first (no bytes): each original's bytes are then taken one at a time, from the caller or the database
    const rows = raw
      .prepare('SELECT rowid AS id, sha256, length(bytes) AS size FROM files WHERE pack IS NULL ORDER BY rowid')
      .all() as Array<{ id: number; sha256: string; size: number }>;
    const fromDb = raw.prepare('SELECT bytes FROM files WHERE rowid = ?').pluck();
    for (const r of rows) {
      const bytes = pendingBytes(fromDb, r, known);
      if (cur && cur.at + bytes.length > MAX_PACK_BYTES) finish();
      if (!cur) {
        const tmp = packTemp(dir);
        cur = { fd: openSync(tmp, 'wx'), tmp, hash: createHash('sha256'), at: 0, entries: [] };
      }
      for (let w = 0; w < bytes.length;) w += writeSync(cur.fd, bytes, w, bytes.length - w, cur.at + w);
      cur.hash.update(bytes);
      cur.entries.push({ sha256: r.sha256, offset: cur.at, size: bytes.length });
      cur.at += bytes.length;
    }
    finish();
  } catch (e) {
    const c = cur as { fd: number; tmp: string } | null;
    if (c) {
      closeSync(c.fd);
      rmSync(c.tmp, { force: true });
    }
    throw e;
  }
  if (out.length) syncDir(dir);
  return out;
}

/**
 * Moves every original still in the database out into the originals store (see the file's comment), then removes
 * old orphan packs. Nothing to do for an in-memory database or one without the pack columns.
 */
export function moveOriginalsOut(raw: BetterSqlite3.Database, dbPath: string, opts: MoveOptions = {}): MoveResult {
  const result: MoveResult = { moved: 0, packs: [], bytes: 0, orphansRemoved: [] };
  if (dbPath === ':memory:' || !hasPackColumns(raw)) return result;
  const dir = originalsDirFor(dbPath);
  const pending = pendingOriginals(raw);
  if (pending > 0) {
    mkdirSync(dir, { recursive: true });
    sweepTemps(dir);
    const packs = writePacks(raw, dir, opts.known);
    // read back: every pack is whole and is what its name says
    for (const p of packs) {
      if (`${fileSha256(join(dir, p.name))}.pack` !== p.name)
        throw new AppError('internal', `Ghi kho tệp gốc không thành công (originals/${p.name} đọc lại không khớp).`);
    }
    opts.beforeCommit?.();
    const set = raw.prepare(
      "UPDATE files SET pack = ?, pack_offset = ?, bytes = x'' WHERE sha256 = ? AND pack IS NULL AND length(bytes) = ?",
    );
    // the freed pages are zeroed, so a backup after the move sees unchanged (zero) chunks, not stale originals
    const secure = raw.pragma('secure_delete', { simple: true });
    raw.pragma('secure_delete = ON');
    try {
      raw.transaction(() => {
        for (const p of packs) {
          for (const e of p.entries) result.moved += set.run(p.name, e.offset, e.sha256, e.size).changes;
        }
      })();
    } finally {
      raw.pragma(`secure_delete = ${secure ? 'ON' : 'OFF'}`);
    }
    result.packs = packs.map((p) => p.name);
    result.bytes = packs.reduce((s, p) => s + p.entries.reduce((t, e) => t + e.size, 0), 0);
    reclaimFreePages(raw);
  }
  result.orphansRemoved = collectOrphans(raw, dir, opts.orphanAgeMs ?? ORPHAN_AGE_MS);
  return result;
}

/**
 * After the first move of an old database most of its file is free pages: VACUUM once, so later backups read a
 * small file. Small frees (a batch's originals) are left: the next batch reuses them.
 */
function reclaimFreePages(raw: BetterSqlite3.Database): void {
  const free = raw.pragma('freelist_count', { simple: true }) as number;
  const total = raw.pragma('page_count', { simple: true }) as number;
  const pageSize = raw.pragma('page_size', { simple: true }) as number;
  if (free * pageSize > 16 * 1024 * 1024 && free > total / 4 && !raw.inTransaction) raw.exec('VACUUM');
}

/** Removes packs in `dir` that no row references and that are older than `ageMs`; returns their names. */
export function collectOrphans(raw: BetterSqlite3.Database, dir: string, ageMs = ORPHAN_AGE_MS): string[] {
  if (!existsSync(dir)) return [];
  sweepTemps(dir);
  const names = readdirSync(dir).filter((n) => PACK_RE.test(n));
  if (!names.length) return [];
  const used = referencedPacks(raw);
  const removed: string[] = [];
  const old = Date.now() - ageMs;
  for (const n of names) {
    if (used.has(n)) continue;
    const p = join(dir, n);
    if (statSync(p).mtimeMs > old) continue;
    rmSync(p, { force: true });
    removed.push(n);
  }
  if (removed.length) syncDir(dir);
  return removed;
}

/**
 * Makes the database file at `copyPath` (a copy, not open elsewhere) self-contained: every moved original is read
 * back (checked) into `files.bytes`, `pack` set to null, so the copy restores anywhere. The live store is that of
 * `liveDbPath`.
 */
export function embedOriginals(copyPath: string, liveDbPath: string, backupDir: string): void {
  const db = new Database(copyPath, { fileMustExist: true });
  try {
    if (!hasPackColumns(db)) return;
    const refs = db
      .prepare('SELECT sha256, pack, pack_offset AS offset, size FROM files WHERE pack IS NOT NULL')
      .all() as PackedRef[];
    if (!refs.length) return;
    const put = db.prepare('UPDATE files SET bytes = ?, pack = NULL, pack_offset = NULL WHERE sha256 = ?');
    db.transaction(() => {
      for (const r of refs) put.run(readPacked(liveDbPath, backupDir, r, r.sha256), r.sha256);
    })();
    db.pragma('wal_checkpoint(TRUNCATE)');
  } finally {
    db.close();
  }
}

/**
 * Before a restored database replaces the live one: every pack it references must be in the live store; a
 * missing one is put back from the backups folder (checked). Throws, naming the copy, when one is nowhere.
 */
export function ensurePacksFor(candidatePath: string, liveDbPath: string, backupDir: string, name: string): void {
  let needed: Set<string>;
  const db = new Database(candidatePath, { readonly: true, fileMustExist: true });
  try {
    needed = referencedPacks(db);
  } finally {
    db.close();
  }
  if (!needed.size) return;
  const liveDir = originalsDirFor(liveDbPath);
  const missing: string[] = [];
  let copied = false;
  for (const p of needed) {
    if (existsSync(join(liveDir, p))) continue;
    if (copyPackChecked(backupOriginalsDir(backupDir), liveDir, p)) copied = true;
    else missing.push(p);
  }
  if (copied) syncDir(liveDir);
  if (missing.length) {
    throw new AppError(
      'bad_file',
      `Bản sao lưu "${name}" cần ${missing.length} tệp gói bản gốc không còn trong kho tệp gốc lẫn thư mục sao ` +
        'lưu, nên chưa khôi phục (khôi phục sẽ mất tệp gốc của các báo cáo). Hãy chọn một bản sao lưu khác, hoặc ' +
        'dùng một bản sao lưu trọn gói (.sqlite).',
      { missing },
    );
  }
}

/** Reads a whole pack (used by tests and the bench to damage or inspect one). */
export function readPackFile(dbPath: string, name: string): Buffer {
  return readFileSync(join(originalsDirFor(dbPath), name));
}
