/**
 * Reads kept per database handle until ANYTHING is written to the database: the national-scale consolidation
 * (4,300 units × 20 periods) cannot sum 200,000 values per period within the dashboard's budget, so the partial
 * sums, the status and the texts of a period are kept here, and thrown away at the first change.
 *
 * What makes it right without any writer having to remember it: the key of every entry is the database's change
 * mark, `total_changes()` (every row this connection has inserted, updated or deleted since it opened, triggers
 * included) with `PRAGMA data_version` (moves when another connection commits). Any write at all (an import, a
 * correction, a withdrawal, a unit's kind or validity, the catalogue, a province value, a restore through another
 * connection…) moves the mark, and the whole cache of that handle is dropped. Inside an open transaction nothing is
 * cached or served (what it reads may yet be rolled back). A handle closed or replaced (restore, switch of database)
 * takes its cache along (WeakMap).
 */
import type BetterSqlite3 from 'better-sqlite3';

interface HandleCache {
  mark: string;
  entries: Map<string, unknown>;
  /** entries with a bounded count (large ones: the texts of a period), oldest first */
  bounded: string[];
}

const caches = new WeakMap<BetterSqlite3.Database, HandleCache>();
const markStmt = new WeakMap<BetterSqlite3.Database, BetterSqlite3.Statement>();

/** The database's change mark as this connection sees it (see the header). */
export function changeMark(raw: BetterSqlite3.Database): string {
  let st = markStmt.get(raw);
  if (!st) {
    st = raw.prepare('SELECT total_changes(), (SELECT data_version FROM pragma_data_version)').raw(true);
    markStmt.set(raw, st);
  }
  const [changes, version] = st.get() as [number, number];
  return `${changes}:${version}`;
}

/** How many large entries (`bounded`) a handle keeps at most. */
const MAX_BOUNDED = 4;

/**
 * `compute()`'s result, kept under `key` until the next write to the database. The result is shared by every later
 * caller: treat it as read-only. `bounded` marks large results, of which only the last few are kept.
 */
export function cachedRead<T>(
  raw: BetterSqlite3.Database,
  key: string,
  compute: () => T,
  opts: { bounded?: boolean } = {},
): T {
  if (raw.inTransaction) return compute();
  const mark = changeMark(raw);
  let c = caches.get(raw);
  if (!c || c.mark !== mark) {
    c = { mark, entries: new Map(), bounded: [] };
    caches.set(raw, c);
  }
  if (c.entries.has(key)) return c.entries.get(key) as T;
  const value = compute();
  // computing reads only; a compute that wrote (it must not) would leave the mark behind: keep nothing then
  if (changeMark(raw) !== mark) return value;
  c.entries.set(key, value);
  if (opts.bounded) {
    c.bounded.push(key);
    while (c.bounded.length > MAX_BOUNDED) c.entries.delete(c.bounded.shift()!);
  }
  return value;
}
