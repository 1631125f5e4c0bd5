/**
 * The catalogue as the core reads it: rows to domain objects, the lists, the templates by id or code, and the
 * whole catalogue cached per database handle until a catalogue write changes its stamp.
 */
import { asc, desc, eq } from 'drizzle-orm';
import type { CatalogView } from '../../../shared/contract';
import type {
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
} from '../../../shared/domain/catalog';
import { AppError } from '../../../shared/result';
import type { Db } from '../../db/open';
import { rowById } from '../../db/prepared';
import * as t from '../../db/schema';
import { getMeta } from '../settings';
import { SEED, VERSION_KEY } from './seed';
import { catalogKey } from './stamp';

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
  if (r.reporterUnits && r.reporterUnits.length > 0) e.reporterUnits = [...r.reporterUnits];
  if (r.researchCode) e.researchCode = r.researchCode;
  if (r.strategyCode) e.strategyCode = r.strategyCode;
  if (r.targets) e.targets = r.targets as Record<string, Target>;
  if (r.local) e.local = true;
  return e;
}

const SEED_NOTES = new Map(SEED.indicators.filter((i) => i.note).map((i) => [i.code, i.note!]));

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
  // notes are the seed's (the wording kept from the source text), not editable: read from the seed by code
  const note = r.local ? undefined : SEED_NOTES.get(r.code);
  if (note) i.note = note;
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
    legalNotes: SEED.legalNotes ?? [],
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
  const row = rowById(db, t.templates, id);
  if (!row) throw new AppError('not_found', `Không tìm thấy mẫu biểu số ${id}.`);
  return row;
}

/** The newest version of a template code. */
export function latestTemplate(db: Db, code: string) {
  const row = db.select().from(t.templates).where(eq(t.templates.code, code)).orderBy(desc(t.templates.version)).get();
  if (!row) throw new AppError('not_found', `Không có mẫu biểu "${code}".`);
  return row;
}
