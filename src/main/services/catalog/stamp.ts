/**
 * The catalogue's change stamp: every catalogue write bumps it inside its transaction, and the cached read
 * (read.ts) is keyed by it, so a rolled-back write leaves the old stamp and the cache stays right.
 */
import type { Db } from '../../db/open';
import { preparedOnce } from '../../db/prepared';
import { setMeta } from '../settings';

const STAMP_KEY = 'catalog.stamp';
let stampCounter = 0;

/**
 * Marks the catalogue as changed, inside the caller's transaction: getCatalog's cache is keyed by this stamp, so
 * the next getCatalog on any handle to this database reads the catalogue again (a rolled-back write leaves the old
 * stamp, and the cache stays right).
 */
export function bumpCatalogStamp(db: Db): void {
  setMeta(db, STAMP_KEY, `${Date.now().toString(36)}-${process.pid}-${++stampCounter}`);
}

/**
 * What the cached catalogue depends on, in one cheap query: the stamp bumped by every catalogue write, plus the
 * templates' count, newest id and frozen count (periods.ts freezes a template when a period starts using it).
 */
export function catalogKey(db: Db): string {
  const row = preparedOnce(db.$client, 'catalog.key', () =>
    db.$client.prepare(
      `SELECT (SELECT value FROM settings WHERE key = '${STAMP_KEY}') AS stamp,
              (SELECT count(*) || ':' || ifnull(max(id), 0) || ':' || ifnull(sum(frozen), 0) FROM templates) AS tpl`,
    ),
  ).get() as { stamp: string | null; tpl: string };
  return `${row.stamp ?? ''}|${row.tpl}`;
}
