/**
 * Backups as the officer sees them: the list with Vietnamese labels, a manual backup rotated to her setting
 * `backupKeep` (30 by default), a copy handed out as bytes, restore (from the list or an uploaded copy), the
 * database check, and the daily backup.
 *
 * The daily backup: at most one a day (local date, ctx.today()), remembered by a marker in the settings table.
 * It is taken by the long-running doors when they start (`bdg serve`, the Electron core worker: worker/core.ts),
 * not by createContext, so one-shot CLI commands and tests stay quiet.
 * The file-level work (VACUUM INTO, verify, swap) is db/snapshot.ts.
 */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { BackupEntry } from '../../shared/contract/app';
import type { FilePayload } from '../../shared/contract/op';
import { AppError } from '../../shared/result';
import type { Ctx } from './context';
import { backupSync, listBackups, restoreFile, snapshotBytes, verifyBackup, type BackupFile } from '../db/snapshot';
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

/** A backup into the backups folder, rotated to the officer's `backupKeep`. */
export function createBackup(ctx: Ctx, reason = MANUAL_BACKUP_REASON): BackupEntry {
  return entry(backupSync(ctx.raw, ctx.backupDir, reason, getSettings(ctx.db).backupKeep));
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
  const b = backupSync(ctx.raw, ctx.backupDir, DAILY_BACKUP_REASON, getSettings(ctx.db).backupKeep);
  // the marker is written after the copy exists: a crash in between only means one more backup tomorrow
  setMeta(ctx.db, DAILY_BACKUP_MARKER, today);
  return b;
}

export interface Restored {
  restored: string;
  keptAs: string;
}

/** Restores one of the backups in the list, named as the list names it (never a path). */
export function restoreBackup(ctx: Ctx, name: string): Restored {
  if (!/^[\w.-]+\.sqlite$/.test(name) || name.includes('..')) {
    throw new AppError('invalid_input', 'Tên bản sao lưu không hợp lệ.');
  }
  return { restored: name, keptAs: replaceDatabase(ctx, join(ctx.backupDir, name), name) };
}

/**
 * Restores a copy given as bytes (`bdg restore --from`, an upload): written to a temporary file beside the
 * database, checked exactly like a listed backup, then swapped in.
 */
export function restoreUploaded(ctx: Ctx, file: FilePayload): Restored {
  const tmp = `${ctx.dbPath}.tai-len.tmp`;
  mkdirSync(dirname(tmp), { recursive: true });
  writeFileSync(tmp, file.bytes);
  try {
    return { restored: file.name, keptAs: replaceDatabase(ctx, tmp, file.name) };
  } finally {
    for (const ext of ['', '-wal', '-shm']) rmSync(tmp + ext, { force: true });
  }
}

/**
 * Checks the copy, then closes the database, swaps the file (keeping the replaced one beside the backups) and
 * opens it again. A refused copy leaves the live database exactly as it was, open or not.
 */
function replaceDatabase(ctx: Ctx, from: string, name: string): string {
  verifyBackup(from, name);
  ctx.close();
  try {
    return restoreFile(ctx.dbPath, from, ctx.backupDir);
  } finally {
    ctx.reopen();
  }
}

/** SQLite's integrity check and foreign-key check of the open database. */
export function checkDatabase(ctx: Ctx): { integrity: string; foreignKeys: string } {
  const integrity = String(ctx.raw.pragma('integrity_check', { simple: true }));
  const fk = ctx.raw.pragma('foreign_key_check') as unknown[];
  return { integrity, foreignKeys: fk.length === 0 ? 'ok' : `${fk.length} vi phạm` };
}
