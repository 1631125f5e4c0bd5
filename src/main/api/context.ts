/** Opens the core a door talks to: the database and the paths around it (the Ctx every handler receives). */
import { openDatabase } from '../db/open';
import { acquireOwnerLock, type Door } from '../db/owner-lock';
import { removeLeftovers } from '../db/snapshot';
import { backupDirFor } from '../paths';
import { ensureSeeded } from '../services/catalog';
import type { ApiEvent } from '../../shared/contract';
import { localIsoDate } from '../../shared/rules/period';
import type { Ctx } from '../services/context';

export type { Ctx } from '../services/context';

export interface CtxOptions {
  demo?: boolean;
  emit?: (event: ApiEvent, payload: unknown) => void;
  today?: () => string;
  province?: string;
  /** which door opens the database (named to another door that finds it open) */
  door?: Door;
}

export type { Door } from '../db/owner-lock';

export function createContext(dbPath: string, opts: CtxOptions = {}): Ctx {
  // one database, one owner: another process that has it open refuses us here, before anything is touched
  const locks = dbPath !== ':memory:' && !opts.demo;
  const lock = () => (locks ? acquireOwnerLock(dbPath, opts.door ?? 'core') : () => undefined);
  let release: (() => void) | null = lock();
  let open: ReturnType<typeof openDatabase>;
  try {
    // what a killed backup, restore or upload left behind is removed before anything else (it never blocks a run)
    if (locks) removeLeftovers(dbPath, backupDirFor(dbPath));
    open = openDatabase(dbPath);
    ensureSeeded(open.db, opts.province);
  } catch (e) {
    release();
    throw e;
  }
  let currentPath = dbPath;
  let demo = opts.demo ?? false;
  const ctx: Ctx = {
    get db() {
      return open.db;
    },
    get raw() {
      return open.raw;
    },
    get dbPath() {
      return currentPath;
    },
    get backupDir() {
      return backupDirFor(currentPath);
    },
    get demo() {
      return demo;
    },
    homeDbPath: dbPath,
    emit: opts.emit ?? (() => {}),
    reopen() {
      open.close();
      release ??= lock();
      open = openDatabase(currentPath);
      ensureSeeded(open.db);
    },
    switchTo(path: string, isDemo: boolean) {
      const next = openDatabase(path);
      ensureSeeded(next.db);
      open.close();
      open = next;
      currentPath = path;
      demo = isDemo;
    },
    close() {
      open.close();
      release?.();
      release = null;
    },
    today: opts.today ?? (() => localIsoDate()),
    batchesBackedUp: new Set(),
    cancelledBatches: new Set(),
  };
  return ctx;
}
