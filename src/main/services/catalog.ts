/**
 * The indicator catalogue: seeded from resources/catalog.json (codes kept exactly), upgraded when a newer seed
 * ships without touching the officer's local additions, plus provincial targets that override national ones.
 */
import { and, asc, desc, eq, sql } from 'drizzle-orm';
import seed from '../../../resources/catalog.json';
import type { CatalogView } from '../../shared/contract';
import type {
  Catalog,
  CellKey,
  CompareOp,
  DataElement,
  Indicator,
  PeriodKind,
  Section,
  TemplateDef,
  Target,
  UnitKindInfo,
  ValidationRule,
} from '../../shared/domain/catalog';
import { AppError } from '../../shared/result';
import type { Db } from '../db/open';
import { preparedOnce } from '../db/prepared';
import * as t from '../db/schema';
import { audit } from './audit';
import { getMeta, getSettings, setMeta, updateSettings } from './settings';

export const SEED = seed as unknown as Catalog;
const VERSION_KEY = 'catalog.version';

/** Seeds an empty database, or upgrades the seed rows when resources/catalog.json is newer. */
export function ensureSeeded(db: Db, province?: string): { upgraded: boolean; version: string } {
  const current = getMeta(db, VERSION_KEY);
  let upgraded = false;
  if (current !== SEED.catalogVersion) {
    db.transaction((tx) => {
      const d = tx as unknown as Db;
      SEED.sections.forEach((s, i) =>
        d
          .insert(t.sections)
          .values({ code: s.code, name: s.name, sortOrder: i })
          .onConflictDoUpdate({ target: t.sections.code, set: { name: s.name, sortOrder: i } })
          .run(),
      );
      SEED.unitKinds.forEach((k, i) =>
        d
          .insert(t.unitKinds)
          .values({ code: k.code, name: k.name, sortOrder: i })
          .onConflictDoUpdate({ target: t.unitKinds.code, set: { name: k.name, sortOrder: i } })
          .run(),
      );
      SEED.dataElements.forEach((e, i) => {
        const row = {
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
        };
        d.insert(t.dataElements).values(row).onConflictDoUpdate({ target: t.dataElements.code, set: row }).run();
      });
      SEED.indicators.forEach((ind, i) => {
        const row = {
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
        };
        d.insert(t.indicators).values(row).onConflictDoUpdate({ target: t.indicators.code, set: row }).run();
      });
      SEED.validationRules.forEach((r, i) => {
        const row = {
          code: r.code,
          left: r.left,
          op: r.op,
          right: r.right,
          severity: r.severity,
          message: r.message,
          local: false,
          sortOrder: i,
        };
        d.insert(t.validationRules).values(row).onConflictDoUpdate({ target: t.validationRules.code, set: row }).run();
      });
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

type ElementRow = typeof t.dataElements.$inferSelect;
type IndicatorRow = typeof t.indicators.$inferSelect;

export function toElement(r: ElementRow): DataElement {
  const e: DataElement = {
    code: r.code,
    name: r.name,
    unit: r.unit,
    type: r.type as DataElement['type'],
    cells: r.cells as CellKey[],
    section: r.section,
    reportedBy: r.reportedBy as DataElement['reportedBy'],
    sensitive: r.sensitive,
    collectedFrom: r.collectedFrom as DataElement['collectedFrom'],
    aggregation: r.aggregation as DataElement['aggregation'],
  };
  if (r.researchCode) e.researchCode = r.researchCode;
  if (r.strategyCode) e.strategyCode = r.strategyCode;
  if (r.targets) e.targets = r.targets as Record<string, Target>;
  if (r.local) e.local = true;
  return e;
}

export function toIndicator(r: IndicatorRow): Indicator {
  const i: Indicator = {
    code: r.code,
    name: r.name,
    unit: r.unit,
    numerator: r.numerator,
    denominator: r.denominator,
    factor: r.factor,
    targets: r.targets as Record<string, Target>,
  };
  if (r.verified) i.verified = r.verified;
  if (r.source) i.source = r.source;
  if (r.local) i.local = true;
  return i;
}

export function listElements(db: Db): DataElement[] {
  return db
    .select()
    .from(t.dataElements)
    .orderBy(asc(t.dataElements.sortOrder), asc(t.dataElements.code))
    .all()
    .map(toElement);
}

export function listIndicators(db: Db): Indicator[] {
  return db
    .select()
    .from(t.indicators)
    .orderBy(asc(t.indicators.sortOrder), asc(t.indicators.code))
    .all()
    .map(toIndicator);
}

export function listRules(db: Db): ValidationRule[] {
  return db
    .select()
    .from(t.validationRules)
    .orderBy(asc(t.validationRules.sortOrder))
    .all()
    .map((r) => ({
      code: r.code,
      left: r.left,
      op: r.op as CompareOp,
      right: r.right,
      severity: r.severity as 'error' | 'warning',
      message: r.message,
      ...(r.local ? { local: true } : {}),
    }));
}

export function listTemplates(db: Db): Array<TemplateDef & { id: number; frozen: boolean }> {
  return db
    .select()
    .from(t.templates)
    .orderBy(asc(t.templates.code), asc(t.templates.version))
    .all()
    .map((r) => ({
      id: r.id,
      code: r.code,
      version: r.version,
      name: r.name,
      periodKinds: r.periodKinds as PeriodKind[],
      rows: r.rows,
      frozen: r.frozen,
    }));
}

export function provinceTargets(db: Db): CatalogView['provinceTargets'] {
  const out: CatalogView['provinceTargets'] = {};
  for (const r of db.select().from(t.provinceTargets).all()) {
    (out[r.indicator] ??= {})[String(r.year)] = { op: r.op as CompareOp, value: r.value };
  }
  return out;
}

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
 * What the cached catalogue depends on, in one cheap query: the stamp bumped by every catalogue write in this
 * module, plus the templates' count, newest id and frozen count (periods.ts freezes a template when a period
 * starts using it).
 */
function catalogKey(db: Db): string {
  const row = preparedOnce(db.$client, 'catalog.key', () =>
    db.$client.prepare(
      `SELECT (SELECT value FROM settings WHERE key = '${STAMP_KEY}') AS stamp,
              (SELECT count(*) || ':' || ifnull(max(id), 0) || ':' || ifnull(sum(frozen), 0) FROM templates) AS tpl`,
    ),
  ).get() as { stamp: string | null; tpl: string };
  return `${row.stamp ?? ''}|${row.tpl}`;
}

const catalogCache = new WeakMap<Db, { key: string; view: CatalogView }>();

/**
 * The whole catalogue. Read once per database handle and kept until a catalogue write changes its key (imports
 * call it for every file). The view is shared between callers: treat it as read-only (its arrays are frozen).
 */
export function getCatalog(db: Db): CatalogView {
  const key = catalogKey(db);
  const hit = catalogCache.get(db);
  if (hit && hit.key === key) return hit.view;
  const view = readCatalog(db);
  for (const v of Object.values(view)) if (Array.isArray(v)) Object.freeze(v);
  catalogCache.set(db, { key, view: Object.freeze(view) });
  return view;
}

/** Drops the cached catalogue of this handle (tests; writes go through bumpCatalogStamp). */
export function forgetCatalog(db: Db): void {
  catalogCache.delete(db);
}

function readCatalog(db: Db): CatalogView {
  const sections: Section[] = db
    .select()
    .from(t.sections)
    .orderBy(asc(t.sections.sortOrder))
    .all()
    .map((s) => ({ code: s.code, name: s.name }));
  const unitKinds: UnitKindInfo[] = db
    .select()
    .from(t.unitKinds)
    .orderBy(asc(t.unitKinds.sortOrder))
    .all()
    .map((k) => ({ code: k.code as UnitKindInfo['code'], name: k.name }));
  return {
    catalogVersion: getMeta(db, VERSION_KEY) ?? SEED.catalogVersion,
    cellLabels: SEED.cellLabels,
    unitKinds,
    sections,
    dataElements: listElements(db),
    indicators: listIndicators(db),
    validationRules: listRules(db),
    templates: listTemplates(db),
    provinceTargets: provinceTargets(db),
  };
}

/** The template a period uses, by id (prepared once per handle: the import looks it up for every file). */
export function getTemplateRow(db: Db, id: number): typeof t.templates.$inferSelect {
  const row = preparedOnce(db, 'templates.byId', () =>
    db
      .select()
      .from(t.templates)
      .where(eq(t.templates.id, sql.placeholder('id')))
      .prepare(),
  ).get({ id });
  if (!row) throw new AppError('not_found', `Không tìm thấy mẫu biểu số ${id}.`);
  return row;
}

/** The newest version of a template code. */
export function latestTemplate(db: Db, code: string) {
  const row = db.select().from(t.templates).where(eq(t.templates.code, code)).orderBy(desc(t.templates.version)).get();
  if (!row) throw new AppError('not_found', `Không có mẫu biểu "${code}".`);
  return row;
}

export interface LocalElementInput {
  code: string;
  name: string;
  unit: string;
  type: DataElement['type'];
  cells: CellKey[];
  section: string;
  reportedBy: DataElement['reportedBy'];
  sensitive: boolean;
  collectedFrom: DataElement['collectedFrom'];
}

/**
 * Adds or edits a local data element. A unit-collected element joins the default template; when that template
 * is frozen (a period uses it) a new version is made instead, so old periods keep their form.
 */
export function saveLocalElement(db: Db, input: LocalElementInput): { code: string } {
  return db.transaction((tx) => {
    const d = tx as unknown as Db;
    const existing = d.select().from(t.dataElements).where(eq(t.dataElements.code, input.code)).get();
    if (existing && !existing.local) {
      throw new AppError(
        'conflict',
        `Mã "${input.code}" thuộc danh mục chuẩn, không sửa được. Hãy chọn mã khác cho chỉ tiêu của tỉnh.`,
      );
    }
    if (!d.select().from(t.sections).where(eq(t.sections.code, input.section)).get()) {
      throw new AppError('invalid_input', `Không có mục "${input.section}" trong danh mục.`);
    }
    if (input.type === 'text' || input.type === 'yesno') {
      if (input.cells.length !== 1 || input.cells[0] !== 'value') {
        throw new AppError('invalid_input', 'Chỉ tiêu dạng Có/Không hoặc văn bản chỉ có một ô "Số liệu".');
      }
    }
    const row = {
      code: input.code,
      name: input.name,
      unit: input.unit,
      type: input.type,
      cells: input.cells,
      section: input.section,
      reportedBy: input.collectedFrom === 'province' ? [] : input.reportedBy,
      sensitive: input.sensitive,
      collectedFrom: input.collectedFrom,
      aggregation:
        input.collectedFrom === 'province'
          ? 'province_value'
          : input.type === 'yesno'
            ? 'count_yes'
            : input.type === 'text'
              ? 'list_by_unit'
              : 'sum',
      local: true,
      sortOrder: 10_000,
    };
    d.insert(t.dataElements).values(row).onConflictDoUpdate({ target: t.dataElements.code, set: row }).run();
    audit(d, {
      action: existing ? 'update' : 'create',
      entity: 'data_element',
      entityId: input.code,
      before: existing ?? null,
      after: row,
    });
    if (input.collectedFrom === 'units') {
      for (const code of new Set(SEED.templates.map((x) => x.code))) {
        const tpl = latestTemplate(d, code);
        if (tpl.rows.includes(input.code)) continue;
        const rows = [...tpl.rows, input.code];
        if (tpl.frozen) {
          d.insert(t.templates)
            .values({ code: tpl.code, version: tpl.version + 1, name: tpl.name, periodKinds: tpl.periodKinds, rows })
            .run();
          audit(d, {
            action: 'new_version',
            entity: 'template',
            entityId: `${tpl.code} v${tpl.version + 1}`,
            before: tpl.rows,
            after: rows,
          });
        } else {
          d.update(t.templates).set({ rows }).where(eq(t.templates.id, tpl.id)).run();
          audit(d, {
            action: 'update',
            entity: 'template',
            entityId: `${tpl.code} v${tpl.version}`,
            before: tpl.rows,
            after: rows,
          });
        }
      }
    }
    bumpCatalogStamp(d);
    return { code: input.code };
  });
}

export function saveLocalIndicator(
  db: Db,
  input: Omit<Indicator, 'local'>,
  validate: (expr: string) => void,
): { code: string } {
  validate(input.numerator);
  validate(input.denominator);
  return db.transaction((tx) => {
    const d = tx as unknown as Db;
    const existing = d.select().from(t.indicators).where(eq(t.indicators.code, input.code)).get();
    if (existing && !existing.local) {
      throw new AppError(
        'conflict',
        `Mã "${input.code}" thuộc danh mục chuẩn. Muốn đặt chỉ tiêu riêng của tỉnh cho năm nào, hãy dùng "Chỉ tiêu của tỉnh".`,
      );
    }
    const row = { ...input, verified: null, source: 'Chỉ tiêu do tỉnh bổ sung', local: true, sortOrder: 10_000 };
    d.insert(t.indicators).values(row).onConflictDoUpdate({ target: t.indicators.code, set: row }).run();
    bumpCatalogStamp(d);
    audit(d, {
      action: existing ? 'update' : 'create',
      entity: 'indicator',
      entityId: input.code,
      before: existing ?? null,
      after: row,
    });
    return { code: input.code };
  });
}

export function setProvinceTarget(db: Db, indicator: string, year: number, target: Target | null): void {
  db.transaction((tx) => {
    const d = tx as unknown as Db;
    if (!d.select().from(t.indicators).where(eq(t.indicators.code, indicator)).get()) {
      throw new AppError('not_found', `Không có chỉ tiêu "${indicator}".`);
    }
    const where = and(eq(t.provinceTargets.indicator, indicator), eq(t.provinceTargets.year, year));
    const before = d.select().from(t.provinceTargets).where(where).get() ?? null;
    if (target === null) d.delete(t.provinceTargets).where(where).run();
    else
      d.insert(t.provinceTargets)
        .values({ indicator, year, op: target.op, value: target.value })
        .onConflictDoUpdate({
          target: [t.provinceTargets.indicator, t.provinceTargets.year],
          set: { op: target.op, value: target.value },
        })
        .run();
    bumpCatalogStamp(d);
    audit(d, {
      action: target ? 'set' : 'clear',
      entity: 'province_target',
      entityId: `${indicator}/${year}`,
      before,
      after: target,
    });
  });
}
