/**
 * Opens (or creates) the database: WAL, foreign keys on, a busy timeout, Unicode-aware search function,
 * pending migrations applied by identity after a backup of the existing file.
 */
import Database from 'better-sqlite3';
import type BetterSqlite3 from 'better-sqlite3';
import { drizzle, type BetterSQLite3Database } from 'drizzle-orm/better-sqlite3';
import { existsSync, mkdirSync, statSync } from 'node:fs';
import { dirname } from 'node:path';
import { searchKey } from '../../shared/text/vi';
import { AppError } from '../../shared/result';
import { backupDirFor } from '../paths';
import { applyMigrations, pendingMigrations, schemaVersion } from './migrate';
import * as schema from './schema';
import { databaseError } from './errors';
import { acquireOwnerLock } from './owner-lock';
import { backupSync } from './snapshot';

export type Db = BetterSQLite3Database<typeof schema> & { $client: BetterSqlite3.Database };

export interface OpenDb {
  db: Db;
  raw: BetterSqlite3.Database;
  path: string;
  /** migrations applied by this open */
  migrated: string[];
  close(): void;
}

export function openDatabase(path: string, opts: { readonly?: boolean } = {}): OpenDb {
  const isMemory = path === ':memory:';
  if (!isMemory) mkdirSync(dirname(path), { recursive: true });
  const existed = !isMemory && existsSync(path) && statSync(path).size > 0;
  let raw: BetterSqlite3.Database;
  try {
    raw = new Database(path, { readonly: opts.readonly ?? false, fileMustExist: opts.readonly ?? false });
    // first: a database another program is writing is waited for, not taken for a broken one
    raw.pragma('busy_timeout = 5000');
    raw.pragma('journal_mode = WAL');
    raw.pragma('synchronous = FULL');
    raw.pragma('foreign_keys = ON');
    // touch the file so a non-database is detected now, not at the first query
    raw.prepare('SELECT count(*) FROM sqlite_master').get();
  } catch (e) {
    // a file that is not a database must not stay open (and locked) behind the error
    const half = raw! as BetterSqlite3.Database | undefined;
    if (half?.open) half.close();
    // one message per cause; "damaged, restore" only when SQLite says the file is not a database or is corrupt
    throw (
      databaseError(e, path, true) ??
      new AppError(
        'internal',
        `Không mở được cơ sở dữ liệu "${path}" (${e instanceof Error ? e.message : String(e)}). Dữ liệu không bị ` +
          'thay đổi. Hãy đóng các cửa sổ Báo cáo BĐG khác rồi mở lại; nếu lỗi lặp lại, hãy chạy "bdg check".',
        { cause: e instanceof Error ? e.message : String(e) },
      )
    );
  }
  raw.function('vi_key', { deterministic: true }, (s: unknown) => (typeof s === 'string' ? searchKey(s) : null));

  let migrated: string[] = [];
  if (!opts.readonly) {
    // the upgrade of an existing database needs its owner lock (shared with this process's own hold)
    let release: (() => void) | null = null;
    try {
      const pending = pendingMigrations(raw);
      if (pending.length > 0 && existed) {
        release = acquireOwnerLock(path);
        const { count } = schemaVersion(raw);
        if (count > 0) backupSync(raw, backupDirFor(path), `truoc-nang-cap-${pending[0]!.tag}`);
      }
      migrated = applyMigrations(raw);
      release?.();
    } catch (e) {
      release?.();
      // release the file: a failed upgrade must not leave a connection holding it (Windows locks it; restore fails)
      raw.close();
      throw databaseError(e, path, true) ?? e;
    }
  }
  const db = drizzle(raw, { schema }) as Db;
  return {
    db,
    raw,
    path,
    migrated,
    close: () => {
      if (raw.open) raw.close();
    },
  };
}
