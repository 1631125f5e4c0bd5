/**
 * What the import reads before every file and only the officer's own edits change (the unit register, the period
 * and template rows, the province, the database identity, the officer's name), kept per connection while nothing
 * could have changed it. At national scale the register's old stamp alone (a count and two max() over 4,300 units)
 * cost ~0,5 ms per file.
 *
 * What makes it right without any writer having to remember it (the rules of db/read-cache.ts): TEMP triggers of this
 * connection (in its temp schema, not in the database file; they vanish with the handle) count every row inserted,
 * updated or deleted in `units`, `periods`, `templates` and `settings`, and `PRAGMA data_version` moves when another
 * connection commits. A value is served only while that stamp is what it was when it was read; inside an open
 * transaction nothing is kept or served (the counts roll back with the data). A handle closed or replaced (restore,
 * switch of database) takes its values along (WeakMap).
 */
import type BetterSqlite3 from 'better-sqlite3';

const TABLES = ['units', 'periods', 'templates', 'settings'] as const;

const stampStatements = new WeakMap<BetterSqlite3.Database, BetterSqlite3.Statement>();

function stampStatement(raw: BetterSqlite3.Database): BetterSqlite3.Statement {
  let st = stampStatements.get(raw);
  if (!st) {
    raw.exec(
      'CREATE TEMP TABLE IF NOT EXISTS bdg_import_edits (n INTEGER NOT NULL);' +
        'INSERT INTO temp.bdg_import_edits (n) SELECT 0 WHERE NOT EXISTS (SELECT 1 FROM temp.bdg_import_edits);',
    );
    for (const table of TABLES)
      for (const op of ['INSERT', 'UPDATE', 'DELETE'])
        raw.exec(
          `CREATE TEMP TRIGGER IF NOT EXISTS bdg_import_${table}_${op.toLowerCase()} AFTER ${op} ON main.${table} ` +
            'BEGIN UPDATE temp.bdg_import_edits SET n = n + 1; END',
        );
    st = raw.prepare('SELECT n, (SELECT data_version FROM pragma_data_version) FROM temp.bdg_import_edits').raw(true);
    stampStatements.set(raw, st);
  }
  return st;
}

/** The stamp of those tables as this connection sees them; null inside a transaction (nothing kept then). */
export function editStamp(raw: BetterSqlite3.Database): string | null {
  if (raw.inTransaction) return null;
  const [n, version] = stampStatement(raw).get() as [number, number];
  return `${n}:${version}`;
}

const held = new WeakMap<BetterSqlite3.Database, { stamp: string; values: Map<string, unknown> }>();

/**
 * `read()`'s result, kept under `key` until a row of units, periods, templates or settings changes (or another
 * connection commits). `read` must read only those tables. The value is shared by later callers: read-only.
 */
export function stableRead<T>(raw: BetterSqlite3.Database, key: string, read: () => T): T {
  const stamp = editStamp(raw);
  if (stamp === null) return read();
  let c = held.get(raw);
  if (!c || c.stamp !== stamp) {
    c = { stamp, values: new Map() };
    held.set(raw, c);
  }
  if (c.values.has(key)) return c.values.get(key) as T;
  const value = read();
  c.values.set(key, value);
  return value;
}
