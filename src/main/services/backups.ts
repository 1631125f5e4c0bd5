/**
 * Backups as the officer sees them: the list with Vietnamese labels, a manual backup rotated to her setting
 * `backupKeep` (30 by default), a copy handed out as bytes, restore (from the list or an uploaded copy), the
 * database check, and the daily backup.
 *
 * The daily backup: at most one a day (local date, ctx.today()), remembered by a marker in the settings table.
 * It is taken by the long-running doors when they start (`bdg serve`, the Electron core worker: worker/core.ts),
 * not by createContext, so one-shot CLI commands and tests stay quiet.
 * The file-level work (VACUUM INTO, verify, swap) is db/snapshot.ts.
 *
 * Issue 20: a backup (manual, daily, before a batch) first moves the originals still in the database out to the
 * originals store (db/originals-store.ts), then writes only the chunks of the database that changed and the
 * original packs the backups folder lacks (db/chunk-backup.ts): a `.json` manifest in the list. `.sqlite` copies
 * (older backups, the one taken before an upgrade, the one kept when a restore replaces the database, an export)
 * are self-contained and still list and restore.
 */
import { copyFileSync, existsSync, mkdirSync, rmSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { BackupEntry } from '../../shared/contract/app';
import type { FilePayload } from '../../shared/contract/op';
import { AppError } from '../../shared/result';
import type { Ctx } from './context';
import {
  backupReason,
  backupSync,
  identityOf,
  listBackups,
  readIdentity,
  rotateBackups,
  snapshotName,
  restoreFile,
  snapshotBytes,
  stageRestore,
  tempFor,
  verifyBackup,
  writeSynced,
  type BackupFile,
  type DbIdentity,
} from '../db/snapshot';
import { acquireOwnerLock } from '../db/owner-lock';
import {
  materializeBackup,
  releaseWalTracker,
  walTracked,
  writeChunkBackup,
  type ChunkBackupResult,
} from '../db/chunk-backup';
import { ensurePacksFor, moveOriginalsOut, type MoveResult } from '../db/originals-store';
import { getMeta, getSettings, setMeta } from './settings';

export const DAILY_BACKUP_MARKER = 'backup.lastDaily';
export const DAILY_BACKUP_REASON = 'hang-ngay';
export const MANUAL_BACKUP_REASON = 'thu-cong';

const BACKUP_LABELS: Array<[RegExp, string]> = [
  [/^thu-cong/, 'Sao lưu thủ công'],
  [/^truoc-nhap/, 'Trước khi nhập báo cáo'],
  [/^hang-ngay/, 'Sao lưu hằng ngày'],
  [/^truoc-nang-cap/, 'Trước khi nâng cấp cơ sở dữ liệu'],
  [/^truoc-khoi-phuc/, 'Bản bị thay khi khôi phục'],
];

export function backupLabel(reason: string): string {
  return BACKUP_LABELS.find(([re]) => re.test(reason))?.[1] ?? 'Sao lưu';
}

function entry({ name, size, createdAt, reason }: BackupFile): BackupEntry {
  return { name, size, createdAt, reason, label: backupLabel(reason) };
}

export function backupEntries(ctx: Ctx): BackupEntry[] {
  return listBackups(ctx.backupDir).map(entry);
}

/** Moves the originals still in the database out to the originals store (one pack, one fsync). */
export function moveOriginals(ctx: Ctx, known?: ReadonlyMap<string, Uint8Array>): MoveResult {
  return moveOriginalsOut(ctx.raw, ctx.dbPath, known ? { known } : {});
}

/** the WAL grows between tracked backups (their connection's automatic checkpoints are off): at most this */
export const TRACKED_WAL_MAX_BYTES = 64 * 1024 * 1024;

/**
 * After a batch: its originals leave the database (a failure only leaves them there for the next backup), written
 * from the batch's own bytes where `known` has them (originals-store.ts MoveOptions.known). A WAL
 * grown past TRACKED_WAL_MAX_BYTES since the last backup ends the tracking (automatic checkpoints back on; the
 * next backup hashes every chunk).
 */
export function moveAfterBatch(ctx: Ctx, known?: ReadonlyMap<string, Uint8Array>): void {
  if (ctx.dbPath === ':memory:' || ctx.demo) return;
  try {
    moveOriginals(ctx, known);
  } catch {
    // the originals stay in files.bytes, whole; the next backup moves them
  }
  if (
    walTracked(ctx.raw) &&
    (statSync(`${ctx.dbPath}-wal`, { throwIfNoEntry: false })?.size ?? 0) > TRACKED_WAL_MAX_BYTES
  )
    releaseWalTracker(ctx.raw);
}

/**
 * A backup that costs what changed (see the file's comment), rotated to `keep` when given. `written` says what
 * it wrote (new chunks, copied original packs). An in-memory database gets a `.sqlite` copy as before.
 */
export function takeBackup(
  ctx: Ctx,
  reason: string,
  keep?: number,
): BackupFile & { written?: ChunkBackupResult['written']; hashed?: ChunkBackupResult['hashed'] } {
  if (ctx.dbPath === ':memory:') return backupSync(ctx.raw, ctx.backupDir, reason, keep);
  const dir = ctx.backupDir;
  mkdirSync(dir, { recursive: true });
  moveOriginals(ctx);
  const base = snapshotName(reason);
  let name = `${base}.json`;
  for (let n = 2; existsSync(join(dir, name)) || existsSync(join(dir, name.replace(/json$/, 'sqlite'))); n++)
    name = `${base}-${n}.json`;
  const id = identityOf(ctx.raw);
  const r = writeChunkBackup(ctx.raw, ctx.dbPath, dir, name, {
    reason,
    identity: { databaseId: id.databaseId, province: id.province },
  });
  // the live database references what the image does (read in the image's transaction, a moment ago)
  if (keep !== undefined) rotateBackups(dir, keep, new Set(r.manifest.originalPacks));
  // the entry as the list gives it (listBackups would read every manifest again)
  return {
    name,
    path: r.path,
    size: r.manifest.dbSize + r.manifest.originalsBytes,
    createdAt: statSync(r.path).mtime.toISOString(),
    reason: backupReason(name),
    written: r.written,
    hashed: r.hashed,
  };
}

/** The backup before a batch's first write. */
export function backupBeforeBatch(ctx: Ctx): BackupFile {
  return takeBackup(ctx, 'truoc-nhap-bao-cao', getSettings(ctx.db).backupKeep);
}

/** A backup into the backups folder, rotated to the officer's `backupKeep`. */
export function createBackup(ctx: Ctx, reason = MANUAL_BACKUP_REASON): BackupEntry {
  return entry(takeBackup(ctx, reason, getSettings(ctx.db).backupKeep));
}

/** A consistent copy of the database as a file to save elsewhere (`bdg backup --out`, a download). */
export function exportBackup(ctx: Ctx): { name: string; bytes: Uint8Array } {
  return snapshotBytes(ctx.raw, ctx.backupDir, MANUAL_BACKUP_REASON);
}

/** Takes today's backup unless one was already taken today; returns it, or null when nothing was done. */
export function maybeDailyBackup(ctx: Ctx): BackupFile | null {
  if (ctx.demo || ctx.dbPath === ':memory:') return null;
  const today = ctx.today();
  if (getMeta(ctx.db, DAILY_BACKUP_MARKER) === today) return null;
  const b = takeBackup(ctx, DAILY_BACKUP_REASON, getSettings(ctx.db).backupKeep);
  // the marker is written after the copy exists: a crash in between only means one more backup tomorrow
  setMeta(ctx.db, DAILY_BACKUP_MARKER, today);
  return b;
}

export interface Restored {
  restored: string;
  keptAs: string;
}

export interface RestoreOptions {
  /** the officer confirmed restoring a copy of another database (another province, another identity) */
  force?: boolean;
}

/** Restores one of the backups in the list, named as the list names it (never a path). */
export function restoreBackup(ctx: Ctx, name: string, opts: RestoreOptions = {}): Restored {
  if (!/^[\w.-]+\.(sqlite|json)$/.test(name) || name.includes('..')) {
    throw new AppError('invalid_input', 'Tên bản sao lưu không hợp lệ.');
  }
  const from = join(ctx.backupDir, name);
  if (!existsSync(from)) throw new AppError('not_found', `Không tìm thấy bản sao lưu "${name}".`);
  const keptAs = replaceDatabase(
    ctx,
    (stage) => {
      if (name.endsWith('.json')) {
        // a chunked backup: the file rebuilt from its chunks, each checked against its hash
        try {
          materializeBackup(ctx.backupDir, name, stage);
        } catch (e) {
          throw new AppError('bad_file', BAD_CHUNKED(name), { cause: e instanceof Error ? e.message : String(e) });
        }
        return;
      }
      copyFileSync(from, stage);
      if (existsSync(`${from}-wal`)) copyFileSync(`${from}-wal`, `${stage}-wal`);
    },
    name,
    opts,
  );
  return { restored: name, keptAs };
}

/**
 * Restores a copy given as bytes (`bdg restore --from`, an upload), with the bytes of its `-wal` when it had one
 * (a copy from a PC that was not shut down cleanly keeps its last changes there): staged beside the database,
 * checked exactly like a listed backup, then swapped in.
 */
export function restoreUploaded(ctx: Ctx, file: FilePayload, wal?: Uint8Array, opts: RestoreOptions = {}): Restored {
  const keptAs = replaceDatabase(
    ctx,
    (stage) => {
      writeSynced(stage, file.bytes);
      if (wal?.length) writeSynced(`${stage}-wal`, wal);
    },
    file.name,
    opts,
  );
  return { restored: file.name, keptAs };
}

const BAD_CHUNKED = (name: string) =>
  `Bản sao lưu "${name}" bị hỏng (thiếu hoặc sai một phần dữ liệu trong thư mục sao lưu), nên chưa khôi phục. ` +
  'Hãy chọn một bản sao lưu khác.';

const sameText = (a: string, b: string) =>
  a.normalize('NFC').toLocaleLowerCase('vi') === b.normalize('NFC').toLocaleLowerCase('vi');

/**
 * A copy of ANOTHER database (another identity, or another province's name) replaces this province's data only
 * when the officer confirmed it (`force`): otherwise a conflict naming both.
 */
function checkIdentity(live: DbIdentity | null, copy: DbIdentity, name: string, opts: RestoreOptions): void {
  // nothing to confirm: the officer said so, the live database does not open, or it holds nothing yet
  if (opts.force || !live || !live.hasData) return;
  const otherId = !!live.databaseId && !!copy.databaseId && live.databaseId !== copy.databaseId;
  const otherProvince = !!live.province && !!copy.province && !sameText(live.province, copy.province);
  if (!otherId && !otherProvince) return;
  const whose = copy.province ? `của "${copy.province}"` : 'của một cơ sở dữ liệu khác';
  const here = live.province ? `"${live.province}"` : 'cơ sở dữ liệu đang dùng';
  throw new AppError(
    'conflict',
    `Bản sao lưu "${name}" là ${whose}${otherProvince ? '' : ' (một cơ sở dữ liệu khác, không phải bản sao lưu của cơ sở dữ liệu này)'}. ` +
      `Khôi phục sẽ thay toàn bộ dữ liệu của ${here} bằng dữ liệu trong bản sao lưu đó (bản hiện tại vẫn được giữ lại). ` +
      'Nếu đúng là muốn như vậy, hãy xác nhận khôi phục (dòng lệnh: thêm --force).',
    { needsConfirmation: true, live, copy },
  );
}

/**
 * Stages the copy (`put` writes its files at the staging path), makes a consistent, checked snapshot of it, then
 * closes the database, swaps the file (keeping the replaced one beside the backups) and opens it again. A refused
 * copy leaves the live database exactly as it was, open or not; a kill at any point leaves it whole (old or new),
 * and the temporary files are leftovers the next start removes.
 */
function replaceDatabase(ctx: Ctx, put: (stage: string) => void, name: string, opts: RestoreOptions): string {
  mkdirSync(dirname(ctx.dbPath), { recursive: true });
  // a restore needs the owner lock (held across the swap, when the core's own hold is let go and taken again):
  // another process with the database open would go on writing to the replaced file, and lose it all
  const release = acquireOwnerLock(ctx.dbPath);
  const stage = tempFor(`${ctx.dbPath}.tai-len`);
  const prepared = tempFor(`${ctx.dbPath}.khoi-phuc`);
  try {
    put(stage);
    const copy = stageRestore(stage, prepared, name);
    verifyBackup(prepared, name);
    checkIdentity(readIdentity(ctx.dbPath), copy, name, opts);
    // the original packs the copy references must be in the live store (put back from the backups folder)
    ensurePacksFor(prepared, ctx.dbPath, ctx.backupDir, name);
    ctx.close();
    try {
      return restoreFile(ctx.dbPath, prepared, ctx.backupDir);
    } finally {
      ctx.reopen();
    }
  } finally {
    for (const f of [stage, `${stage}-wal`, `${stage}-shm`, `${stage}-journal`, prepared]) rmSync(f, { force: true });
    release();
  }
}

/** SQLite's integrity check and foreign-key check of the open database. */
export function checkDatabase(ctx: Ctx): { integrity: string; foreignKeys: string } {
  const integrity = String(ctx.raw.pragma('integrity_check', { simple: true }));
  const fk = ctx.raw.pragma('foreign_key_check') as unknown[];
  return { integrity, foreignKeys: fk.length === 0 ? 'ok' : `${fk.length} vi phạm` };
}
