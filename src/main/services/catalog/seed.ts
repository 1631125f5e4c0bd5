/**
 * The seed catalogue (resources/catalog.json, codes kept exactly): written into an empty database, and upgraded
 * when a newer seed ships without touching the officer's local additions.
 */
import { desc, eq } from 'drizzle-orm';
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

/**
 * Writes each row, or updates the seed row of the same code. A row the officer made (local) with a code a newer
 * seed also uses is left as it is: her row wins, the seed's is not written. `keep(code)` names columns of a seed
 * row the officer edited, which an upgrade does not overwrite.
 */
function upsertByCode<T extends CodeTable>(
  d: Db,
  table: T,
  rows: T['$inferInsert'][],
  keep: (code: string) => string[] = () => [],
): void {
  const local = 'local' in table ? (table as unknown as typeof t.dataElements).local : null;
  for (const row of rows) {
    const kept = keep(String((row as { code: string }).code));
    const set = Object.fromEntries(
      Object.entries(row as Record<string, unknown>).filter(([k]) => !kept.includes(k)),
    ) as SQLiteUpdateSetSource<T>;
    d.insert(table)
      .values(row)
      .onConflictDoUpdate({ target: table.code, set, ...(local ? { setWhere: eq(local, false) } : {}) })
      .run();
  }
}

/** The meta key listing the seed elements whose "who reports" the officer set (an upgrade keeps hers). */
export const EDITED_REPORTERS_KEY = 'catalog.edited.reporterUnits';

export function editedReporters(db: Db): Set<string> {
  const v = getMeta(db, EDITED_REPORTERS_KEY);
  return new Set(v ? (JSON.parse(v) as string[]) : []);
}

/** Records that the officer set who reports this seed element (called inside her edit's transaction). */
export function markReportersEdited(db: Db, code: string): void {
  const s = editedReporters(db);
  if (s.has(code)) return;
  s.add(code);
  setMeta(db, EDITED_REPORTERS_KEY, JSON.stringify([...s].sort()));
}

/**
 * Brings a seed template up to date: the newest version gains the seed rows it lacks (in the seed's order, the
 * officer's own rows kept after them). A frozen version (a period uses it) is never changed: a new version is made.
 */
function upgradeTemplate(d: Db, tpl: Catalog['templates'][number]): void {
  const latest = d
    .select()
    .from(t.templates)
    .where(eq(t.templates.code, tpl.code))
    .orderBy(desc(t.templates.version))
    .get();
  if (!latest) {
    d.insert(t.templates)
      .values({ code: tpl.code, version: tpl.version, name: tpl.name, periodKinds: tpl.periodKinds, rows: tpl.rows })
      .run();
    return;
  }
  const missing = tpl.rows.filter((r) => !latest.rows.includes(r));
  if (missing.length === 0) return;
  const seedRows = new Set(tpl.rows);
  const rows = [...tpl.rows, ...latest.rows.filter((r) => !seedRows.has(r))];
  if (latest.frozen) {
    d.insert(t.templates)
      .values({ code: tpl.code, version: latest.version + 1, name: tpl.name, periodKinds: tpl.periodKinds, rows })
      .run();
  } else {
    d.update(t.templates).set({ rows, name: tpl.name }).where(eq(t.templates.id, latest.id)).run();
  }
  audit(d, {
    action: latest.frozen ? 'new_version' : 'update',
    entity: 'template',
    entityId: `${tpl.code} v${latest.frozen ? latest.version + 1 : latest.version}`,
    before: latest.rows,
    after: rows,
  });
}

/** Seeds an empty database, or upgrades the seed rows when resources/catalog.json is newer. */
export function ensureSeeded(db: Db, province?: string): { upgraded: boolean; version: string } {
  ensureDatabaseId(db);
  const current = getMeta(db, VERSION_KEY);
  let upgraded = false;
  if (current !== SEED.catalogVersion) {
    db.transaction((tx) => {
      const d = tx as unknown as Db;
      const edited = editedReporters(d);
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
          reporterUnits: e.reporterUnits ?? null,
          sensitive: e.sensitive,
          collectedFrom: e.collectedFrom,
          aggregation: e.aggregation,
          researchCode: e.researchCode ?? null,
          strategyCode: e.strategyCode ?? null,
          targets: e.targets ?? null,
          local: false,
          sortOrder: i,
        })),
        (code) => (edited.has(code) ? ['reporterUnits'] : []),
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
      for (const tpl of SEED.templates) upgradeTemplate(d, tpl);
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
