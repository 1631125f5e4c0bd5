/**
 * What every service that needs more than a db handle receives: the open database and the paths around it.
 * It is made by a door (src/main/api/context.ts createContext); services only use it. No Electron here.
 */
import type { ApiEvent } from '../../shared/contract';
import type { Db, OpenDb } from '../db/open';

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
