/**
 * The daily backup: at most one a day (local date, ctx.today()), remembered by a marker in the settings table,
 * rotated to the officer's setting `backupKeep` (30 by default). Called by the doors when they start
 * (`bdg serve`, the Electron core worker), not by createContext, so one-shot CLI commands and tests stay quiet.
 */
import type { Ctx } from './context';
import { backupSync, type BackupFile } from '../db/snapshot';
import { getMeta, getSettings, setMeta } from './settings';

export const DAILY_BACKUP_MARKER = 'backup.lastDaily';
export const DAILY_BACKUP_REASON = 'hang-ngay';

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
