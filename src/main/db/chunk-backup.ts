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
 * 4. what changed, cheaply and provably (the WAL tracker below): after a backup on a connection, the next backup on
 *    the same connection, in the same process, hashes only the chunks holding a page written to the WAL since,
 *    and takes every other chunk's hash from the previous manifest; whenever the tracking might be incomplete it
 *    hashes every chunk, as before.
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
  fstatSync,
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

function parseManifest(path: string): Manifest {
  const m = JSON.parse(readFileSync(path, 'utf8')) as Manifest;
  if (m.format !== MANIFEST_FORMAT || typeof m.table !== 'string' || !Array.isArray(m.chunkPacks))
    throw new Error('không phải bản kê sao lưu');
  return m;
}

/**
 * Manifests are written once (temporary file, rename) and never changed: a parsed one is kept, keyed by its
 * file's identity (inode, size, time), so a national backup does not parse its ~1 MB predecessors again. Whole
 * manifests: the last few; their pack lists and sizes (what rotation and the list need): every one seen.
 */
type ManifestInfo = Pick<Manifest, 'chunkPacks' | 'originalPacks' | 'dbSize' | 'originalsBytes'>;
const wholeCache = new Map<string, { key: string; m: Manifest }>();
const infoCache = new Map<string, { key: string; info: ManifestInfo }>();
const WHOLE_KEPT = 3;
const INFO_KEPT = 256;

function fileKey(path: string): string {
  const st = statSync(path);
  return `${st.dev}:${st.ino}:${st.size}:${st.mtimeMs}`;
}

export function readManifest(path: string): Manifest {
  const key = fileKey(path);
  const hit = wholeCache.get(path);
  if (hit && hit.key === key) return hit.m;
  const m = parseManifest(path);
  wholeCache.delete(path);
  wholeCache.set(path, { key, m });
  while (wholeCache.size > WHOLE_KEPT) wholeCache.delete(wholeCache.keys().next().value!);
  infoCache.set(path, { key, info: infoOf(m) });
  return m;
}

const infoOf = (m: Manifest): ManifestInfo => ({
  chunkPacks: m.chunkPacks,
  originalPacks: m.originalPacks,
  dbSize: m.dbSize,
  originalsBytes: m.originalsBytes,
});

/** A manifest's pack lists and sizes (parsed once per manifest file); throws when it does not read. */
export function manifestInfo(path: string): ManifestInfo {
  const key = fileKey(path);
  const hit = infoCache.get(path);
  if (hit && hit.key === key) return hit.info;
  const info = infoOf(parseManifest(path));
  infoCache.delete(path);
  infoCache.set(path, { key, info });
  while (infoCache.size > INFO_KEPT) infoCache.delete(infoCache.keys().next().value!);
  return info;
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
 * The WAL tracker (issue 20: a backup that costs what changed). Why it is exact:
 * - In WAL mode SQLite writes the database file only in a checkpoint, which copies WAL frames into it (and may
 *   cut the file to the database's size). So between two images of the file, only pages that have a frame in
 *   the WAL can differ, PROVIDED no frame was lost: frames of one WAL generation are only ever appended (a
 *   rolled-back transaction's frames are overwritten, but were never copied), and a generation ends only by a
 *   restart (the WAL reused from its start), which increments the WAL header's salt-1 by exactly one (wal.c,
 *   walRestartHdr) while any connection keeps the shared wal-index; our connection is open throughout, so the
 *   WAL file and its wal-index are never deleted meanwhile (only the last connection's close does that).
 * - Each backup runs `wal_checkpoint(TRUNCATE)`, which restarts the WAL itself (salt-1 + 1) and empties it; the
 *   image is read after it, with the WAL empty, under the write lock. So if the next backup finds the WAL
 *   header's salt-1 equal to (the salt-1 it had before that checkpoint) + 1, no other restart happened since:
 *   every frame written since the image is still in the WAL file, and the pages that may have changed are the
 *   page numbers of all frames in the file (a superset: stale or uncommitted frames only add chunks to hash).
 * - The frames are listed under the write lock (no writer), but the checkpoint that follows cannot run inside a
 *   transaction: a commit by another connection between the two would be copied in unseen. `PRAGMA data_version`
 *   differs when another connection committed in the interim (documented), so it is compared across the gap; our
 *   own connection runs nothing there. It is also compared since the previous image: the tracking holds only
 *   while no other connection committed at all, so every frame is our connection's, and our connection (which
 *   restarted the WAL) writes the first frame of a generation with the wal-index's salts, where a connection
 *   that never restarted it may draw random ones (wal.c, sqlite3WalFrames) that could, by chance, match.
 * - With the WAL empty at a backup nothing can be proved (a checkpoint may have emptied it): every chunk is
 *   hashed; if the tracking held, the wal-index still has the expected salt-1 (or a later one, which the next
 *   backup sees), so it goes on. With no tracking and an empty WAL, the backup first sets `user_version` to
 *   itself (no row changes; page 1 goes to the WAL, which gets a header), so the tracking can start.
 * - Our connection's automatic checkpoints would restart the WAL in the middle of a batch (lost frames, then a
 *   full hash): while the tracker is armed they are off (`wal_autocheckpoint = 0`) and the next backup's
 *   checkpoint does the work (releaseWalTracker turns them back on). Another connection's checkpoint followed by
 *   a restart, a restart of the process or of the connection (reopen after a restore: a new connection), a
 *   replaced file (another inode), an empty or unreadable WAL, another backups folder or chunk size, or a
 *   previous manifest that is gone: each makes the next backup hash every chunk.
 */
interface Tracker {
  dbPath: string;
  backupDir: string;
  chunkSize: number;
  /** the manifest whose image the tracking starts from */
  manifest: string;
  ino: number;
  dev: number;
  /** the salt-1 the WAL header has while no restart happened since that image */
  salt1: number;
  /** our connection's data_version in that image's transaction: another connection committed since if it differs */
  dataVersion: number;
}

type Need = (i: number, length: number) => boolean;

const trackers = new WeakMap<BetterSqlite3.Database, Tracker>();
const DEFAULT_AUTOCHECKPOINT = 1000;

/** Stops tracking on `raw` (its automatic checkpoints back on); the next backup hashes every chunk. */
export function releaseWalTracker(raw: BetterSqlite3.Database): void {
  if (!trackers.delete(raw)) return;
  try {
    if (raw.open) raw.pragma(`wal_autocheckpoint = ${DEFAULT_AUTOCHECKPOINT}`);
  } catch {
    // a closed or busy connection: nothing to restore
  }
}

/** Is a tracker armed on `raw` (tests, and the batch's WAL size check)? */
export function walTracked(raw: BetterSqlite3.Database): boolean {
  return trackers.has(raw);
}

const WAL_MAGIC = [0x377f0682, 0x377f0683];

/**
 * The WAL's header salt-1 and the page numbers of every frame in the file (valid or not), or null when the file
 * is absent, shorter than a header, or not a WAL of this page size.
 */
export function walFramePages(walPath: string, pageSize: number): { salt1: number; pages: Set<number> } | null {
  let fd: number;
  try {
    fd = openSync(walPath, 'r');
  } catch {
    return null;
  }
  try {
    const size = fstatSync(fd).size;
    if (size < 32) return null;
    const head = Buffer.alloc(32);
    if (readSync(fd, head, 0, 32, 0) !== 32) return null;
    if (!WAL_MAGIC.includes(head.readUInt32BE(0)) || head.readUInt32BE(8) !== pageSize) return null;
    const salt1 = head.readUInt32BE(16);
    const frame = 24 + pageSize;
    const pages = new Set<number>();
    // frame headers, read in blocks of whole frames
    const perBlock = Math.max(1, Math.floor((1 << 20) / frame));
    const buf = Buffer.allocUnsafe(perBlock * frame);
    for (let at = 32; at + 24 <= size;) {
      const want = Math.min(buf.length, size - at);
      // a short read is not expected from a file: rather than guess, no list (every chunk is hashed)
      if (readSync(fd, buf, 0, want, at) !== want) return null;
      for (let o = 0; o + 24 <= want; o += frame) pages.add(buf.readUInt32BE(o));
      at += want;
    }
    return { salt1, pages };
  } finally {
    closeSync(fd);
  }
}

/**
 * A consistent image of the open database, chunk by chunk. Before the checkpoint, under the write lock, the WAL's
 * frames are listed and handed to `plan`, which returns which chunks must be read (`need`), or null for all of
 * them; `each(i, chunk)` is called for those, `each(i, null, length)` for the others (unchanged since the
 * previous image: the caller reuses their hash). The WAL is then checkpointed into the file (TRUNCATE: it is
 * restarted and emptied), which is read under the write lock (BEGIN IMMEDIATE: no writer; with the WAL empty no
 * checkpoint has anything to copy, so nothing can change the file meanwhile). If the WAL cannot be emptied,
 * VACUUM INTO a temporary file is read instead (every chunk). Returns the image's size, whether the file itself
 * was read (`direct`), the WAL header's salt-1 seen before the checkpoint (the next generation's is that + 1) and
 * our data_version in the image's transaction (null when another connection committed across the gap).
 */
function readImage(
  raw: BetterSqlite3.Database,
  dbPath: string,
  chunkSize: number,
  plan: (wal: { salt1: number; pages: Set<number> } | null, pageSize: number, dataVersion: number) => Need | null,
  each: (i: number, c: Buffer | null, length: number) => void,
  beforeCheckpoint?: () => void,
  /** give an empty WAL a header first (a tracking can start only from a known salt-1) */
  startWal = false,
): {
  size: number;
  direct: boolean;
  /** the WAL header's salt-1 under the lock before the checkpoint (null: no header), when the file was read */
  walSalt1: number | null;
  /** data_version before the checkpoint (the listing's) and in the image's transaction */
  dataVersion: number | null;
  partial: boolean;
  refs: Set<string>;
} {
  const all: Need = () => true;
  const readFile = (path: string, size: number, ask: Need) => {
    const fd = openSync(path, 'r');
    try {
      const buf = Buffer.allocUnsafe(chunkSize);
      for (let at = 0, i = 0; at < size; i++) {
        const want = Math.min(chunkSize, size - at);
        if (!ask(i, want)) {
          each(i, null, want);
          at += want;
          continue;
        }
        let got = 0;
        while (got < want) {
          const n = readSync(fd, buf, got, want - got, at + got);
          if (n <= 0) throw new Error('tệp cơ sở dữ liệu ngắn hơn dự kiến');
          got += n;
        }
        each(i, buf.subarray(0, want), want);
        at += want;
      }
    } finally {
      closeSync(fd);
    }
    return size;
  };
  if (!raw.inTransaction) {
    const pageSize = raw.pragma('page_size', { simple: true }) as number;
    // the WAL's salt-1 before the checkpoint, read under the write lock (the header is then the generation's)
    let before: number | null = null;
    let dv1: number | null = null;
    let need: Need | null = null;
    const walPath = `${dbPath}-wal`;
    if (startWal && (statSync(walPath, { throwIfNoEntry: false })?.size ?? 0) === 0) {
      // a write that changes no row: page 1 goes to the WAL (its change counter bumped), which gets a header;
      // before the image, so the image has it
      const v = raw.pragma('user_version', { simple: true }) as number;
      raw.pragma(`user_version = ${Number(v) | 0}`);
    }
    raw.exec('BEGIN IMMEDIATE');
    try {
      const wal = walFramePages(walPath, pageSize);
      before = wal?.salt1 ?? null;
      dv1 = raw.pragma('data_version', { simple: true }) as number;
      need = plan(wal, pageSize, dv1);
    } finally {
      raw.exec('COMMIT');
    }
    beforeCheckpoint?.();
    const [cp] = raw.pragma('wal_checkpoint(TRUNCATE)') as Array<{ busy: number }>;
    if (!cp?.busy) {
      raw.exec('BEGIN IMMEDIATE');
      try {
        if (!existsSync(walPath) || statSync(walPath).size === 0) {
          const dv2 = raw.pragma('data_version', { simple: true }) as number;
          const size = (raw.pragma('page_count', { simple: true }) as number) * pageSize;
          // another connection committed between the listing and the checkpoint: its pages were not listed
          const ask = need && dv2 === dv1 ? need : all;
          readFile(dbPath, size, ask);
          // the original packs the image references, read in the same transaction: the same state
          const refs = referencedPacks(raw);
          // (data_version: when another connection committed across the gap, no tracking starts from here)
          return {
            size,
            direct: true,
            walSalt1: before,
            dataVersion: dv2 === dv1 ? dv2 : null,
            partial: ask !== all,
            refs,
          };
        }
      } finally {
        raw.exec('COMMIT');
      }
    }
  }
  const tmp = packTemp(join(dbPath, '..'));
  try {
    // (VACUUM INTO cannot run inside a transaction: the packs are read right after, as before)
    raw.prepare('VACUUM INTO ?').run(tmp);
    const refs = referencedPacks(raw);
    const size = readFile(tmp, statSync(tmp).size, all);
    return { size, direct: false, walSalt1: null, dataVersion: null, partial: false, refs };
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
  /**
   * chunks read and hashed, of the image's `of`; `tracked` when the others' hashes came from the previous
   * manifest (the WAL tracker proved them unchanged)
   */
  hashed: { chunks: number; of: number; tracked: boolean };
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
  hooks: { beforeCheckpoint?: () => void } = {},
): ChunkBackupResult {
  // the tracker is taken off first: any failure below leaves the next backup hashing every chunk
  const tracker = trackers.get(raw);
  trackers.delete(raw);
  try {
    const r = writeChunkBackupTracked(raw, dbPath, backupDir, name, meta, chunkSize, hooks, tracker);
    if (r.arm) {
      trackers.set(raw, r.arm);
      raw.pragma('wal_autocheckpoint = 0');
    } else if (tracker) raw.pragma(`wal_autocheckpoint = ${DEFAULT_AUTOCHECKPOINT}`);
    return r.result;
  } catch (e) {
    if (tracker && raw.open) raw.pragma(`wal_autocheckpoint = ${DEFAULT_AUTOCHECKPOINT}`);
    throw e;
  }
}

function fileId(path: string): { ino: number; dev: number } | null {
  const st = statSync(path, { throwIfNoEntry: false });
  return st ? { ino: st.ino, dev: st.dev } : null;
}

function writeChunkBackupTracked(
  raw: BetterSqlite3.Database,
  dbPath: string,
  backupDir: string,
  name: string,
  meta: { reason: string; identity: Manifest['identity'] },
  chunkSize: number,
  hooks: { beforeCheckpoint?: () => void },
  tracker: Tracker | undefined,
): { result: ChunkBackupResult; arm: Tracker | null } {
  const cdir = chunksDir(backupDir);
  const odir = backupOriginalsDir(backupDir);
  mkdirSync(cdir, { recursive: true });
  mkdirSync(odir, { recursive: true });
  sweepTemps(cdir);
  sweepTemps(odir);
  sweepTemps(backupDir);

  const packThere = new Map<string, boolean>();
  const there = (pack: string | undefined) => {
    if (!pack) return false;
    let t = packThere.get(pack);
    if (t === undefined) packThere.set(pack, (t = existsSync(join(cdir, pack))));
    return t;
  };
  const prev = newestManifest(backupDir);
  const known = new Map<string, { pack: string; offset: number; length: number }>();
  if (prev && prev.chunkSize === chunkSize) {
    for (const l of decodeTable(prev)) {
      const pack = prev.chunkPacks[l.pack];
      if (there(pack)) known.set(l.hash.toString('hex'), { pack: pack!, offset: l.offset, length: l.length });
    }
  }
  // the image the tracker starts from: its manifest, still there, every chunk pack of it present
  let base: { m: Manifest; locs: Loc[] } | null = null;
  const id = fileId(dbPath);
  if (
    tracker &&
    id &&
    tracker.dbPath === dbPath &&
    tracker.backupDir === backupDir &&
    tracker.chunkSize === chunkSize &&
    tracker.ino === id.ino &&
    tracker.dev === id.dev
  ) {
    try {
      const m = readManifest(join(backupDir, tracker.manifest));
      const locs = decodeTable(m);
      if (m.chunkSize === chunkSize && locs.every((l) => there(m.chunkPacks[l.pack]))) base = { m, locs };
    } catch {
      base = null;
    }
  }
  // the tracker holds for this file, and no other connection committed since its image
  let trackerHolds = false;
  const plan = (wal: { salt1: number; pages: Set<number> } | null, pageSize: number, dv: number): Need | null => {
    trackerHolds = !!base && !!tracker && tracker.dataVersion === dv;
    // no restart since the base image (see the tracker's comment), chunks of whole pages
    if (!base || !tracker || !trackerHolds || !wal || wal.salt1 !== tracker.salt1 || chunkSize % pageSize !== 0)
      return null;
    const dirty = new Set<number>();
    for (const p of wal.pages) if (p >= 1) dirty.add(Math.floor(((p - 1) * pageSize) / chunkSize));
    const locs = base.locs;
    return (i, length) => dirty.has(i) || i >= locs.length || locs[i]!.length !== length;
  };
  const hashed = { chunks: 0, of: 0, tracked: false };
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
  let restartedFrom: number | null = null;
  let armVersion = 0;
  try {
    const img = readImage(
      raw,
      dbPath,
      chunkSize,
      plan,
      (i, c, length) => {
        hashed.of++;
        if (!c) {
          // unchanged since the base image: its hash and place
          const l = base!.locs[i]!;
          locs.push({ hash: l.hash, pack: packIdx(base!.m.chunkPacks[l.pack]!), offset: l.offset, length });
          return;
        }
        hashed.chunks++;
        add(c);
      },
      hooks.beforeCheckpoint,
      !base,
    );
    dbSize = img.size;
    hashed.tracked = img.partial;
    // the salt-1 the checkpoint restarted the WAL from: the header's; with an empty WAL (no header) it is the
    // tracker's expectation when the tracker held (only our connection wrote, and not a frame, since its image:
    // the wal-index still has that salt, or a larger one if something restarted it, which the next backup sees)
    if (img.direct && img.dataVersion !== null) {
      restartedFrom = img.walSalt1 ?? (trackerHolds ? tracker!.salt1 : null);
      armVersion = img.dataVersion;
    }
    function add(c: Buffer): void {
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
    }
    originals = img.refs;
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
  // the next backup may start from this image when the checkpoint before it restarted the WAL (salt-1 + 1)
  const arm =
    restartedFrom !== null && id
      ? {
          dbPath,
          backupDir,
          chunkSize,
          manifest: name,
          ino: id.ino,
          dev: id.dev,
          salt1: (restartedFrom + 1) >>> 0,
          dataVersion: armVersion,
        }
      : null;
  return { result: { name, path, manifest, written, hashed }, arm };
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
    let m: ManifestInfo;
    try {
      m = manifestInfo(join(backupDir, n));
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
