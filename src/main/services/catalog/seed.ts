/**
 * The seed catalogue (resources/catalog.json, codes kept exactly): written into an empty database, and upgraded
 * when a newer seed ships without touching the officer's local additions.
 */
import { and, eq } from 'drizzle-orm';
import type { SQLiteUpdateSetSource } from 'drizzle-orm/sqlite-core';
import seed from '../../../../resources/catalog.json';
import type { Catalog } from '../../../shared/domain/catalog';
import type { Db } from '../../db/open';
import * as t from '../../db/schema';
import { audit } from '../audit';
import { ensureDatabaseId, getMeta, getSettings, setMeta, updateSettings } from '../settings';
import { bumpCatalogStamp } from './stamp';

export const SEED = seed as unknown as Catalog;
export const VERSION_KEY = 'catalog.version';

/** The catalogue tables keyed by code. */
type CodeTable =
  typeof t.sections | typeof t.unitKinds | typeof t.dataElements | typeof t.indicators | typeof t.validationRules;

/** Writes each row, or updates the row of the same code (the seed's rows: local ones have codes of their own). */
function upsertByCode<T extends CodeTable>(d: Db, table: T, rows: T['$inferInsert'][]): void {
  for (const row of rows) {
    const set = row as SQLiteUpdateSetSource<T>;
    d.insert(table).values(row).onConflictDoUpdate({ target: table.code, set }).run();
  }
}

/** Seeds an empty database, or upgrades the seed rows when resources/catalog.json is newer. */
export function ensureSeeded(db: Db, province?: string): { upgraded: boolean; version: string } {
  ensureDatabaseId(db);
  const current = getMeta(db, VERSION_KEY);
  let upgraded = false;
  if (current !== SEED.catalogVersion) {
    db.transaction((tx) => {
      const d = tx as unknown as Db;
      upsertByCode(
        d,
        t.sections,
        SEED.sections.map((s, i) => ({ code: s.code, name: s.name, sortOrder: i })),
      );
      upsertByCode(
        d,
        t.unitKinds,
        SEED.unitKinds.map((k, i) => ({ code: k.code, name: k.name, sortOrder: i })),
      );
      upsertByCode(
        d,
        t.dataElements,
        SEED.dataElements.map((e, i) => ({
          code: e.code,
          name: e.name,
          unit: e.unit,
          type: e.type,
          cells: e.cells,
          section: e.section,
          reportedBy: e.reportedBy,
          sensitive: e.sensitive,
          collectedFrom: e.collectedFrom,
          aggregation: e.aggregation,
          researchCode: e.researchCode ?? null,
          strategyCode: e.strategyCode ?? null,
          targets: e.targets ?? null,
          local: false,
          sortOrder: i,
        })),
      );
      upsertByCode(
        d,
        t.indicators,
        SEED.indicators.map((ind, i) => ({
          code: ind.code,
          name: ind.name,
          unit: ind.unit,
          numerator: ind.numerator,
          denominator: ind.denominator,
          factor: ind.factor,
          targets: ind.targets,
          verified: ind.verified ?? null,
          source: ind.source ?? null,
          local: false,
          sortOrder: i,
        })),
      );
      upsertByCode(
        d,
        t.validationRules,
        SEED.validationRules.map((r, i) => ({
          code: r.code,
          left: r.left,
          op: r.op,
          right: r.right,
          severity: r.severity,
          message: r.message,
          local: false,
          sortOrder: i,
        })),
      );
      for (const tpl of SEED.templates) {
        const exists = d
          .select()
          .from(t.templates)
          .where(and(eq(t.templates.code, tpl.code), eq(t.templates.version, tpl.version)))
          .get();
        if (!exists) {
          d.insert(t.templates)
            .values({
              code: tpl.code,
              version: tpl.version,
              name: tpl.name,
              periodKinds: tpl.periodKinds,
              rows: tpl.rows,
            })
            .run();
        }
      }
      setMeta(d, VERSION_KEY, SEED.catalogVersion);
      bumpCatalogStamp(d);
      audit(d, {
        action: current ? 'upgrade' : 'seed',
        entity: 'catalog',
        entityId: SEED.catalogVersion,
        before: current,
        after: SEED.catalogVersion,
      });
    });
    upgraded = true;
  }
  if (province && getSettings(db).province !== province) updateSettings(db, { province });
  return { upgraded, version: SEED.catalogVersion };
}
