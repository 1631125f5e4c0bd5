/** What every handler receives: the open database and the paths around it. No Electron here. */
import { openDatabase, type Db, type OpenDb } from '../db/open';
import { backupDirFor } from '../paths';
import { ensureSeeded } from '../services/catalog';
import type { ApiEvent } from '../../shared/contract';

export interface Ctx {
  readonly db: Db;
  readonly raw: OpenDb['raw'];
  readonly dbPath: string;
  readonly backupDir: string;
  /** true for the throw-away demo database */
  readonly demo: boolean;
  /** pushes an event to the door's listeners (import progress) */
  emit(event: ApiEvent, payload: unknown): void;
  /** closes and reopens the database file (after a restore) */
  reopen(): void;
  /** closes this database and opens another (the demo and back) */
  switchTo(dbPath: string, demo: boolean): void;
  /** the officer's own database, even while the demo is open */
  readonly homeDbPath: string;
  close(): void;
  /** today's date as YYYY-MM-DD (local time); tests may fix it */
  today(): string;
  /** the batch ids that already got their pre-import backup */
  readonly batchesBackedUp: Set<string>;
  /** the batch ids asked to stop (imports.cancel) */
  readonly cancelledBatches: Set<string>;
}

export interface CtxOptions {
  demo?: boolean;
  emit?: (event: ApiEvent, payload: unknown) => void;
  today?: () => string;
  province?: string;
}

export function localToday(d = new Date()): string {
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}`;
}

export function createContext(dbPath: string, opts: CtxOptions = {}): Ctx {
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
    today: opts.today ?? (() => localToday()),
    batchesBackedUp: new Set(),
    cancelledBatches: new Set(),
  };
  return ctx;
}
