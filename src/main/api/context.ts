/** Opens the core a door talks to: the database and the paths around it (the Ctx every handler receives). */
import { openDatabase } from '../db/open';
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
}

export function createContext(dbPath: string, opts: CtxOptions = {}): Ctx {
  // what a killed backup, restore or upload left behind is removed before anything else (it never blocks a run)
  if (dbPath !== ':memory:') removeLeftovers(dbPath, backupDirFor(dbPath));
  let open = openDatabase(dbPath);
  ensureSeeded(open.db, opts.province);
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
    },
    today: opts.today ?? (() => localIsoDate()),
    batchesBackedUp: new Set(),
    cancelledBatches: new Set(),
  };
  return ctx;
}
