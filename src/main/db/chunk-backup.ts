/**
 * Backups that cost what changed (issue 20). With the originals moved out of the database (originals-store.ts),
 * a backup is:
 * 1. a consistent image of the database file (the WAL checkpointed, then the file read under a write lock, so
 *    nothing can change it meanwhile; VACUUM INTO a temporary file when the checkpoint cannot finish), split into
 *    CHUNK_SIZE chunks content-addressed by SHA-256. The chunks the previous backup does not hold are written
 *    into ONE new chunk pack `backups/chunks/<sha256>.pack` (temporary file, fdatasync, rename, folder fsync);
 * 2. the original packs the backups folder does not hold yet, copied (by name: packs are immutable) into
 *    `backups/originals/`;
 * 3. a small manifest `backups/sao-luu-<date-time>-<reason>.json`: the chunk table (hash, pack, offset, length per
 *    chunk, base64), the database's size, its identity, and the original packs it needs. Written last (temporary
 *    file, fsync, rename): a backup exists only once everything it names is on the disk.
 * Rotation removes manifests beyond `keep`, then every chunk pack and original pack no kept manifest references
 * (an original pack the live database references is kept too). Restore (materialize) rebuilds the file from the
 * chunks, each checked against its hash; services/backups.ts then runs the same checks and swap as for a
 * `.sqlite` copy.
 */
import type BetterSqlite3 from 'better-sqlite3';
import { createHash } from 'node:crypto';
import {
  closeSync,
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
  writeFileSync,
  writeSync,
} from 'node:fs';
import { join } from 'node:path';
import { AppError } from '../../shared/result';
import { syncDir } from '../paths';
import {
  backupOriginalsDir,
  copyPackChecked,
  originalsDirFor,
  PACK_RE,
  packTemp,
  referencedPacks,
  sweepTemps,
} from './originals-store';

export const CHUNK_SIZE = 16 * 1024;
export const MANIFEST_FORMAT = 'bdg-backup-1';
/** one row of the chunk table: 32-byte hash, u32 pack index, f64 offset, u32 length */
const ROW = 48;

export const chunksDir = (backupDir: string): string => join(backupDir, 'chunks');

export interface Manifest {
  format: typeof MANIFEST_FORMAT;
  createdAt: string;
  reason: string;
  dbSize: number;
  chunkSize: number;
  identity: { databaseId: string | null; province: string };
  chunkPacks: string[];
  /** base64 of the binary chunk table (ROW bytes a chunk) */
  table: string;
  /** the original packs the database references (in backups/originals/) and their total size */
  originalPacks: string[];
  originalsBytes: number;
}

interface Loc {
  hash: Buffer;
  pack: number;
  offset: number;
  length: number;
}

function decodeTable(m: Manifest): Loc[] {
  const b = Buffer.from(m.table, 'base64');
  const out: Loc[] = [];
  for (let at = 0; at + ROW <= b.length; at += ROW) {
    out.push({
      hash: b.subarray(at, at + 32),
      pack: b.readUInt32LE(at + 32),
      offset: b.readDoubleLE(at + 36),
      length: b.readUInt32LE(at + 44),
    });
  }
  return out;
}

function encodeTable(locs: Loc[]): string {
  const b = Buffer.alloc(locs.length * ROW);
  locs.forEach((l, i) => {
    const at = i * ROW;
    l.hash.copy(b, at);
    b.writeUInt32LE(l.pack, at + 32);
    b.writeDoubleLE(l.offset, at + 36);
    b.writeUInt32LE(l.length, at + 44);
  });
  return b.toString('base64');
}

export function readManifest(path: string): Manifest {
  const m = JSON.parse(readFileSync(path, 'utf8')) as Manifest;
  if (m.format !== MANIFEST_FORMAT || typeof m.table !== 'string' || !Array.isArray(m.chunkPacks))
    throw new Error('không phải bản kê sao lưu');
  return m;
}

const isManifestName = (n: string) => /^sao-luu-.*\.json$/.test(n);

/** The newest manifest in `dir` that reads (the chunks a new backup can reuse). */
function newestManifest(dir: string): Manifest | null {
  const names = readdirSync(dir)
    .filter(isManifestName)
    .sort((a, b) => (a < b ? 1 : -1));
  for (const n of names) {
    try {
      return readManifest(join(dir, n));
    } catch {
      // a damaged manifest is skipped: its chunks are simply written again
    }
  }
  return null;
}

function writeFileDurable(path: string, bytes: Uint8Array | string): void {
  const dir = join(path, '..');
  const tmp = packTemp(dir);
  try {
    writeFileSync(tmp, bytes);
    const fd = openSync(tmp, 'r+');
    try {
      fdatasyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(tmp, path);
  } finally {
    rmSync(tmp, { force: true });
  }
}

/**
 * Calls `each` with consecutive chunks of a consistent image of the open database; returns the image's size.
 * The WAL is checkpointed into the file, which is then read under the write lock (BEGIN IMMEDIATE: no writer,
 * no checkpoint can run meanwhile). If the WAL cannot be emptied, VACUUM INTO a temporary file is read instead.
 */
function readImage(raw: BetterSqlite3.Database, dbPath: string, chunkSize: number, each: (c: Buffer) => void): number {
  const readFile = (path: string, size: number) => {
    const fd = openSync(path, 'r');
    try {
      const buf = Buffer.allocUnsafe(chunkSize);
      for (let at = 0; at < size;) {
        const want = Math.min(chunkSize, size - at);
        let got = 0;
        while (got < want) {
          const n = readSync(fd, buf, got, want - got, at + got);
          if (n <= 0) throw new Error('tệp cơ sở dữ liệu ngắn hơn dự kiến');
          got += n;
        }
        each(buf.subarray(0, want));
        at += want;
      }
    } finally {
      closeSync(fd);
    }
    return size;
  };
  if (!raw.inTransaction) {
    const [cp] = raw.pragma('wal_checkpoint(TRUNCATE)') as Array<{ busy: number }>;
    if (!cp?.busy) {
      raw.exec('BEGIN IMMEDIATE');
      try {
        const wal = `${dbPath}-wal`;
        if (!existsSync(wal) || statSync(wal).size === 0) {
          const size =
            (raw.pragma('page_count', { simple: true }) as number) *
            (raw.pragma('page_size', { simple: true }) as number);
          return readFile(dbPath, size);
        }
      } finally {
        raw.exec('COMMIT');
      }
    }
  }
  const tmp = packTemp(join(dbPath, '..'));
  try {
    raw.prepare('VACUUM INTO ?').run(tmp);
    return readFile(tmp, statSync(tmp).size);
  } finally {
    rmSync(tmp, { force: true });
  }
}

export interface ChunkBackupResult {
  name: string;
  path: string;
  manifest: Manifest;
  /** chunks and bytes this backup wrote (new chunks only), original packs it copied */
  written: { chunks: number; bytes: number; originalPacks: number; originalBytes: number };
}

/**
 * Writes a backup of the open database (its originals already moved out) into `backupDir` as manifest `name`
 * (`sao-luu-….json`, not yet present).
 */
export function writeChunkBackup(
  raw: BetterSqlite3.Database,
  dbPath: string,
  backupDir: string,
  name: string,
  meta: { reason: string; identity: Manifest['identity'] },
  chunkSize = CHUNK_SIZE,
): ChunkBackupResult {
  const cdir = chunksDir(backupDir);
  const odir = backupOriginalsDir(backupDir);
  mkdirSync(cdir, { recursive: true });
  mkdirSync(odir, { recursive: true });
  sweepTemps(cdir);
  sweepTemps(odir);
  sweepTemps(backupDir);

  const prev = newestManifest(backupDir);
  const known = new Map<string, { pack: string; offset: number; length: number }>();
  if (prev && prev.chunkSize === chunkSize) {
    for (const l of decodeTable(prev)) {
      const pack = prev.chunkPacks[l.pack];
      if (pack && existsSync(join(cdir, pack)))
        known.set(l.hash.toString('hex'), { pack, offset: l.offset, length: l.length });
    }
  }
  const packs: string[] = [];
  const packIdx = (p: string) => {
    let i = packs.indexOf(p);
    if (i < 0) i = packs.push(p) - 1;
    return i;
  };
  // new chunks go to one pack: its name (its own hash) is known only at the end
  const NEW = -1;
  const locs: Loc[] = [];
  const fresh = new Map<string, number>();
  let tmp: string | null = null;
  let fd = -1;
  let at = 0;
  const packHash = createHash('sha256');
  const written = { chunks: 0, bytes: 0, originalPacks: 0, originalBytes: 0 };
  let originals: Set<string> = new Set();
  let dbSize = 0;
  try {
    dbSize = readImage(raw, dbPath, chunkSize, (c) => {
      const hash = createHash('sha256').update(c).digest();
      const hex = hash.toString('hex');
      const k = known.get(hex);
      if (k) {
        locs.push({ hash, pack: packIdx(k.pack), offset: k.offset, length: k.length });
        return;
      }
      const f = fresh.get(hex);
      if (f !== undefined) {
        locs.push({ hash, pack: NEW, offset: f, length: c.length });
        return;
      }
      if (fd < 0) {
        tmp = packTemp(cdir);
        fd = openSync(tmp, 'wx');
      }
      for (let w = 0; w < c.length;) w += writeSync(fd, c, w, c.length - w, at + w);
      packHash.update(c);
      fresh.set(hex, at);
      locs.push({ hash, pack: NEW, offset: at, length: c.length });
      at += c.length;
      written.chunks++;
      written.bytes += c.length;
    });
    // the original packs the image references (read after the image: the same state, nothing wrote between)
    originals = referencedPacks(raw);
    if (fd >= 0) {
      fdatasyncSync(fd);
      closeSync(fd);
      fd = -1;
      const packName = `${packHash.digest('hex')}.pack`;
      if (existsSync(join(cdir, packName))) rmSync(tmp!, { force: true });
      else renameSync(tmp!, join(cdir, packName));
      tmp = null;
      const i = packIdx(packName);
      for (const l of locs) if (l.pack === NEW) l.pack = i;
      syncDir(cdir);
    }
  } finally {
    if (fd >= 0) closeSync(fd);
    if (tmp) rmSync(tmp, { force: true });
  }

  // the original packs not yet in the backups folder (immutable: by name), checked as copied
  const have = new Set(readdirSync(odir).filter((n) => PACK_RE.test(n)));
  const liveDir = originalsDirFor(dbPath);
  let originalsBytes = 0;
  for (const p of originals) {
    if (!have.has(p)) {
      if (!copyPackChecked(liveDir, odir, p)) {
        throw new AppError(
          'bad_file',
          `Không sao lưu được tệp gói bản gốc originals/${p}: tệp không còn hoặc bị hỏng. Hãy chạy "bdg check" ` +
            'và khôi phục một bản sao lưu có tệp này.',
        );
      }
      written.originalPacks++;
      written.originalBytes += statSync(join(odir, p)).size;
    }
    originalsBytes += statSync(join(odir, p)).size;
  }
  if (written.originalPacks) syncDir(odir);

  const manifest: Manifest = {
    format: MANIFEST_FORMAT,
    createdAt: new Date().toISOString(),
    reason: meta.reason,
    dbSize,
    chunkSize,
    identity: meta.identity,
    chunkPacks: packs,
    table: encodeTable(locs),
    originalPacks: [...originals].sort(),
    originalsBytes,
  };
  const path = join(backupDir, name);
  writeFileDurable(path, JSON.stringify(manifest));
  syncDir(backupDir);
  return { name, path, manifest, written };
}

/** Rebuilds the database file a manifest describes at `target` (each chunk checked), flushed. */
export function materializeBackup(backupDir: string, name: string, target: string): Manifest {
  const m = readManifest(join(backupDir, name));
  const cdir = chunksDir(backupDir);
  const fds = new Map<number, number>();
  const out = openSync(target, 'w');
  try {
    let at = 0;
    for (const l of decodeTable(m)) {
      let fd = fds.get(l.pack);
      if (fd === undefined) {
        const pack = m.chunkPacks[l.pack];
        if (!pack || !PACK_RE.test(pack)) throw new Error('bản kê sao lưu hỏng');
        fd = openSync(join(cdir, pack), 'r');
        fds.set(l.pack, fd);
      }
      const buf = Buffer.alloc(l.length);
      if (readSync(fd, buf, 0, l.length, l.offset) !== l.length) throw new Error('gói dữ liệu sao lưu bị cắt');
      if (!createHash('sha256').update(buf).digest().equals(l.hash)) throw new Error('gói dữ liệu sao lưu bị hỏng');
      for (let w = 0; w < buf.length;) w += writeSync(out, buf, w, buf.length - w, at + w);
      at += l.length;
    }
    if (at !== m.dbSize) throw new Error('bản kê sao lưu không khớp kích thước');
    fdatasyncSync(out);
  } finally {
    closeSync(out);
    for (const fd of fds.values()) closeSync(fd);
  }
  return m;
}

/**
 * After rotation: removes every chunk pack and original pack that no manifest left in `backupDir` references
 * (and, for original packs, that the live database `liveRefs` does not reference).
 */
export function collectBackupPacks(
  backupDir: string,
  liveRefs: Set<string>,
): { chunkPacks: number; originalPacks: number } {
  const usedChunks = new Set<string>();
  const usedOriginals = new Set(liveRefs);
  for (const n of readdirSync(backupDir).filter(isManifestName)) {
    let m: Manifest;
    try {
      m = readManifest(join(backupDir, n));
    } catch {
      // a manifest that does not read cannot be restored: it protects nothing (it is kept for the officer to see)
      continue;
    }
    for (const p of m.chunkPacks) usedChunks.add(p);
    for (const p of m.originalPacks) usedOriginals.add(p);
  }
  const sweep = (dir: string, used: Set<string>) => {
    if (!existsSync(dir)) return 0;
    let n = 0;
    for (const f of readdirSync(dir)) {
      if (!PACK_RE.test(f) || used.has(f)) continue;
      rmSync(join(dir, f), { force: true });
      n++;
    }
    if (n) syncDir(dir);
    return n;
  };
  return {
    chunkPacks: sweep(chunksDir(backupDir), usedChunks),
    originalPacks: sweep(backupOriginalsDir(backupDir), usedOriginals),
  };
}
