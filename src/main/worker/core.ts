/**
 * Opens the core a long-running door serves (the Electron core worker, `bdg serve`): the context on the officer's
 * database, or on this process's demo database, then today's backup. A failed backup is reported, never fatal:
 * it must not keep the officer out of the app, and the next start tries again.
 */
import { createContext, type Ctx, type CtxOptions } from '../api/context';
import { demoDatabase } from '../demo';
import { maybeDailyBackup } from '../services/backups';

export interface CoreOptions {
  /** open the demo province (a throw-away database) instead of `dbPath` */
  demo?: boolean;
  emit?: CtxOptions['emit'];
  /** which door serves the core (named to another door that finds the database open) */
  door?: CtxOptions['door'];
  onBackupError?: (message: string) => void;
}

export async function openCore(dbPath: string, opts: CoreOptions = {}): Promise<Ctx> {
  const demo = opts.demo ?? false;
  const ctx = createContext(demo ? await demoDatabase() : dbPath, {
    demo,
    ...(opts.emit ? { emit: opts.emit } : {}),
    ...(opts.door ? { door: opts.door } : {}),
  });
  try {
    maybeDailyBackup(ctx);
  } catch (e) {
    opts.onBackupError?.(e instanceof Error ? e.message : String(e));
  }
  return ctx;
}
