/**
 * Statements prepared once per database handle. Building a drizzle query or preparing SQL costs more than running
 * it for the one-row lookups on the import's hot path (period, template, settings, catalogue stamp), so those are
 * prepared on first use and kept with the handle (a WeakMap: a closed or dropped handle takes its statements along).
 */
import { eq, getTableName, sql } from 'drizzle-orm';
import type { Db } from './open';
import type * as t from './schema';

const cache = new WeakMap<object, Map<string, unknown>>();

export function preparedOnce<T>(handle: object, key: string, build: () => T): T {
  let m = cache.get(handle);
  if (!m) {
    m = new Map();
    cache.set(handle, m);
  }
  let s = m.get(key) as T | undefined;
  if (s === undefined) {
    s = build();
    m.set(key, s);
  }
  return s;
}

type ByIdTable = typeof t.periods | typeof t.templates;

/** A row by its id, the query prepared once per handle (the one-row lookups every import makes). */
export function rowById<T extends ByIdTable>(db: Db, table: T, id: number): T['$inferSelect'] | undefined {
  const byId = preparedOnce(db, `${getTableName(table)}.byId`, () =>
    db
      .select()
      .from(table as ByIdTable)
      .where(eq(table.id, sql.placeholder('id')))
      .prepare(),
  );
  return byId.get({ id }) as T['$inferSelect'] | undefined;
}
