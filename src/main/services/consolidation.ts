/** Consolidation and completeness of a period, built from the latest accepted revision of each unit. */
import { and, asc, eq } from 'drizzle-orm';
import type { DrillRow, TrendPoint } from '../../shared/contract';
import type { CellKey, UnitKind } from '../../shared/domain/catalog';
import type { Consolidation, StatusReport } from '../../shared/domain/report';
import type { StoredValue } from '../../shared/domain/records';
import type { Indicator } from '../../shared/domain/catalog';
import { consolidatePartials, femaleShares, type PartialInput } from '../../shared/rules/aggregate';
import { compileExpression, expressionElements } from '../../shared/rules/expressions';
import { computeStatus, type FirstReceived, type UnitAttempts } from '../../shared/rules/completeness';
import { daysUntil, localIsoDate } from '../../shared/rules/period';
import type { Db } from '../db/open';
import { preparedOnce } from '../db/prepared';
import * as t from '../db/schema';
import { getCatalog } from './catalog';
import { unitLinkMaps } from './units';
import { expectedUnits, getPeriodRow, getProvinceValues } from './periods';
import { taskCounts } from './plan';
import { withPrevious } from './previous';
import { firstSubmissions, latestSubmissions, valuesBySubmission } from './submissions';
import { rowToCellValue } from './values';

export interface UnitValues {
  unitId: number;
  unitCode: string;
  unitName: string;
  kind: UnitKind;
  submissionId: number;
  values: StoredValue[];
}

/** Latest accepted values of every unit that reported in the period. */
export function unitValues(db: Db, periodId: number): UnitValues[] {
  const latest = latestSubmissions(db, periodId);
  const units = new Map(
    db
      .select()
      .from(t.units)
      .all()
      .map((u) => [u.id, u]),
  );
  const vals = valuesBySubmission(
    db,
    latest.map((s) => s.id),
  );
  return latest.map((s) => {
    const u = units.get(s.unitId)!;
    return {
      unitId: u.id,
      unitCode: u.code,
      unitName: u.name,
      kind: u.kind as UnitKind,
      submissionId: s.id,
      values: vals.get(s.id) ?? [],
    };
  });
}

export function periodStatus(db: Db, periodId: number, today: string = localIsoDate()): StatusReport {
  const period = getPeriodRow(db, periodId);
  const expected = expectedUnits(db, periodId);
  const first = firstSubmissions(db, periodId);
  const latest = new Map(latestSubmissions(db, periodId).map((s) => [s.unitId, s]));
  const firstReceived = new Map<number, FirstReceived>();
  for (const [unitId, s] of first) {
    const l = latest.get(unitId)!;
    firstReceived.set(unitId, {
      receivedAt: s.officialDate ?? s.receivedAt,
      revision: l.revision,
      submissionId: l.id,
      history: s.history === 1,
    });
  }
  const status = computeStatus({
    deadline: period.deadline,
    expectedUnits: expected.map((u) => ({
      unitId: u.id,
      code: u.code,
      name: u.name,
      kind: u.kind,
      contact: u.contact,
      phone: u.phone,
      email: u.email,
    })),
    firstReceived,
    attempts: unitAttempts(db, periodId),
  });
  return { ...status, periodId, today, daysLeft: daysUntil(today, period.deadline) };
}

const ATTEMPTS_SQL =
  'SELECT coalesce(a.unit_id, u.id) AS unitId, a.status, coalesce(a.received_at, s.received_at, substr(a.at, 1, 10)) ' +
  'AS receivedAt, a.errors FROM import_attempts a LEFT JOIN units u ON a.unit_id IS NULL AND u.code = a.unit_code ' +
  'LEFT JOIN submissions s ON s.id = a.submission_id WHERE a.period_id = ? ORDER BY a.id';

/** What the inbox says of each unit: its first entry's receipt date, and whether its latest entry was refused. */
function unitAttempts(db: Db, periodId: number): Map<number, UnitAttempts> {
  const raw = db.$client;
  const rows = preparedOnce(raw, ATTEMPTS_SQL, () => raw.prepare(ATTEMPTS_SQL)).all(periodId) as Array<{
    unitId: number | null;
    status: string;
    receivedAt: string;
    errors: string;
  }>;
  const out = new Map<number, UnitAttempts>();
  for (const r of rows) {
    if (r.unitId == null) continue;
    const refused = r.status === 'rejected' || r.status === 'duplicate';
    let reason: string | null = null;
    if (refused) {
      try {
        reason = (JSON.parse(r.errors) as Array<{ message: string }>)[0]?.message ?? '';
      } catch {
        reason = '';
      }
    }
    const held = out.get(r.unitId);
    out.set(r.unitId, {
      firstAttemptAt: held && held.firstAttemptAt < r.receivedAt ? held.firstAttemptAt : r.receivedAt,
      latestRefusal: reason,
    });
  }
  return out;
}

/** Partial sums per unit kind of the latest accepted revisions; `elementFilter` narrows the values joined. */
const partialSelect = (elementFilter: string): string =>
  'SELECT u.kind, v.element, v.cell, v.state, SUM(v.num), COUNT(*) FROM submissions s ' +
  'JOIN units u ON u.id = s.unit_id ' +
  `JOIN submission_values v ON v.submission_id = s.id${elementFilter} ` +
  "WHERE s.period_id = ? AND s.superseded_by IS NULL AND v.state IN ('number', 'yesno') " +
  'GROUP BY u.kind, v.element, v.cell, v.state';
const ELEMENTS_IN = ' AND v.element IN (SELECT value FROM json_each(?))';
const partialSql = partialSelect('');
const partialOfSql = partialSelect(ELEMENTS_IN);
const textSql =
  'SELECT v.element, u.code, u.name, v.text FROM submissions s JOIN units u ON u.id = s.unit_id ' +
  `JOIN submission_values v ON v.submission_id = s.id${ELEMENTS_IN} ` +
  "WHERE s.period_id = ? AND s.superseded_by IS NULL AND v.state = 'text' ORDER BY u.sort_order, u.code";

type PartialRow = [UnitKind, string, CellKey, 'number' | 'yesno', number | null, number];

/** What part of the catalogue to consolidate: only these elements, and only these indicators. */
interface Scope {
  codes: ReadonlySet<string>;
  indicators: Indicator[];
}

/**
 * The scope of one indicator: the elements its numerator and denominator use. Null when an expression does not
 * compile; the whole period is then consolidated, as for every other figure.
 */
function indicatorScope(indicator: Indicator): Scope | null {
  try {
    const codes = new Set([
      ...expressionElements(compileExpression(indicator.numerator)),
      ...expressionElements(compileExpression(indicator.denominator)),
    ]);
    return { codes, indicators: [indicator] };
  } catch {
    return null;
  }
}

/**
 * Consolidates a period from the latest accepted revision of each unit. SQLite sums per unit kind (GROUP BY);
 * the rules of src/shared/rules/aggregate.ts turn the partial sums into figures and indicators. With a scope,
 * only its elements are summed and only its indicators computed (one indicator's trend).
 */
function consolidateRaw(db: Db, periodId: number, catalog = getCatalog(db), scope?: Scope) {
  const period = getPeriodRow(db, periodId);
  const raw = db.$client;
  const inScope = (code: string): boolean => !scope || scope.codes.has(code);
  const statement = (sql: string) => preparedOnce(raw, sql, () => raw.prepare(sql).raw(true));
  const partialRows = scope
    ? statement(partialOfSql).iterate(JSON.stringify([...scope.codes]), periodId)
    : statement(partialSql).iterate(periodId);
  const byKind: PartialInput['byKind'] = {};
  for (const [kind, element, cell, state, sum, count] of partialRows as IterableIterator<PartialRow>) {
    (byKind[kind] ??= []).push({ element, cell, state, sum: sum ?? 0, count });
  }
  const textCodes = catalog.dataElements.filter((e) => e.type === 'text' && inScope(e.code)).map((e) => e.code);
  const order = new Map(catalog.dataElements.map((e, i) => [e.code, i]));
  const texts: Consolidation['texts'] = [];
  if (textCodes.length) {
    for (const [code, unit, unitName, text] of statement(textSql).iterate(
      JSON.stringify(textCodes),
      periodId,
    ) as IterableIterator<[string, string, string, string | null]>) {
      if (text && text.trim()) texts.push({ code, unit, unitName, text });
    }
  }
  texts.sort((x, y) => (order.get(x.code) ?? 0) - (order.get(y.code) ?? 0));
  return consolidatePartials({
    elements: scope ? catalog.dataElements.filter((e) => inScope(e.code)) : catalog.dataElements,
    indicators: scope ? scope.indicators : catalog.indicators,
    provinceTargets: catalog.provinceTargets,
    year: period.year,
    byKind,
    texts,
    provinceValues: getProvinceValues(db, periodId).filter((v) => inScope(v.element)),
  });
}

/** The same period of the previous year (same kind), if the database has it. */
export function previousPeriod(db: Db, periodId: number) {
  const p = getPeriodRow(db, periodId);
  if (p.kind === 'adhoc') return null;
  return (
    db
      .select()
      .from(t.periods)
      .where(and(eq(t.periods.year, p.year - 1), eq(t.periods.kind, p.kind)))
      .orderBy(asc(t.periods.id))
      .get() ?? null
  );
}

export function periodConsolidation(db: Db, periodId: number): Consolidation {
  const catalog = getCatalog(db);
  const current = consolidateRaw(db, periodId, catalog);
  const status = periodStatus(db, periodId);
  const prev = previousPeriod(db, periodId);
  let previous: Consolidation['previous'] = null;
  if (prev) {
    // Province totals sum every unit of each year, so units merged in 2025 compare through their successors.
    const p = consolidateRaw(db, prev.id, catalog);
    previous = { periodId: prev.id, label: prev.label, values: p.values, indicators: p.indicators };
  }
  const compared = withPrevious(current.values, current.indicators, previous);
  return {
    values: compared.values,
    indicators: compared.indicators,
    femaleShares: femaleShares(current.values),
    texts: current.texts,
    byKind: current.byKind,
    reporting: {
      expected: status.expected,
      received: status.received,
      onTime: status.onTime,
      history: status.history,
    },
    previous,
    tasks: taskCounts(db, periodId),
  };
}

/** One cell of the latest revision of every unit that reported it in a period: a point lookup per revision. */
function cellOfLatest(
  db: Db,
  periodId: number,
  element: string,
  cell: CellKey,
): Array<{ sub: ReturnType<typeof latestSubmissions>[number]; value: StoredValue['value'] }> {
  const latest = latestSubmissions(db, periodId);
  if (latest.length === 0) return [];
  const stmt = preparedOnce(db.$client, 'consolidation.cellOfLatest', () =>
    db.$client.prepare(
      'SELECT submission_id AS id, state, num, text FROM submission_values ' +
        'WHERE submission_id IN (SELECT value FROM json_each(?)) AND element = ? AND cell = ?',
    ),
  );
  const rows = stmt.all(JSON.stringify(latest.map((x) => x.id)), element, cell) as Array<{
    id: number;
    state: string;
    num: number | null;
    text: string | null;
  }>;
  const byId = new Map(rows.map((r) => [r.id, rowToCellValue(r)]));
  return latest.flatMap((sub) => {
    const value = byId.get(sub.id);
    return value ? [{ sub, value }] : [];
  });
}

const numberOf = (v: StoredValue['value']): number | null =>
  v.state === 'number' ? v.value : v.state === 'yesno' ? (v.value ? 1 : 0) : null;

/**
 * The units behind one consolidated figure, each with the same figure a year earlier. A unit born of a merger
 * is compared with the sum of its predecessors (several merged into one); a unit split from one keeps the
 * predecessor's whole figure as its reference. Reads only that element and cell (of this period and the one a
 * year earlier), never every value of the period.
 */
export function drill(
  db: Db,
  periodId: number,
  element: string,
  cell: CellKey,
): { element: string; cell: CellKey; rows: DrillRow[] } {
  const prev = previousPeriod(db, periodId);
  const prevByUnit = new Map<number, number | null>();
  if (prev)
    for (const { sub, value } of cellOfLatest(db, prev.id, element, cell)) prevByUnit.set(sub.unitId, numberOf(value));
  const previousReported = new Set(prev ? latestSubmissions(db, prev.id).map((x) => x.unitId) : []);
  const predecessors = unitLinkMaps(db).pred;
  const previousOf = (unitId: number): number | null => {
    if (previousReported.has(unitId)) return prevByUnit.get(unitId) ?? null;
    const nums = (predecessors.get(unitId) ?? [])
      .filter((p) => previousReported.has(p))
      .map((p) => prevByUnit.get(p) ?? null)
      .filter((n): n is number => n !== null);
    return nums.length ? nums.reduce((x, y) => x + y, 0) : null;
  };
  const current = cellOfLatest(db, periodId, element, cell);
  const units = unitsById(
    db,
    current.map((c) => c.sub.unitId),
  );
  const rows: DrillRow[] = current.map(({ sub, value }) => {
    const u = units.get(sub.unitId)!;
    return {
      unit: u.code,
      unitName: u.name,
      kind: u.kind as UnitKind,
      value: value.state === 'na' ? null : value.value,
      na: value.state === 'na',
      submissionId: sub.id,
      previous: prev ? previousOf(sub.unitId) : null,
    };
  });
  return { element, cell, rows };
}

function unitsById(db: Db, ids: number[]): Map<number, { code: string; name: string; kind: string }> {
  const stmt = preparedOnce(db.$client, 'consolidation.unitsById', () =>
    db.$client.prepare('SELECT id, code, name, kind FROM units WHERE id IN (SELECT value FROM json_each(?))'),
  );
  const rows = stmt.all(JSON.stringify(ids)) as Array<{ id: number; code: string; name: string; kind: string }>;
  return new Map(rows.map((r) => [r.id, r]));
}

function trendPeriods(db: Db, kind?: 'half_year' | 'year') {
  return db
    .select()
    .from(t.periods)
    .orderBy(asc(t.periods.year), asc(t.periods.dataTo))
    .all()
    .filter((p) => p.kind !== 'adhoc' && (!kind || p.kind === kind));
}

/** One indicator over every period: only the elements it uses are summed (trends() gives every indicator). */
export function trend(db: Db, indicator: string, kind?: 'half_year' | 'year'): TrendPoint[] {
  const catalog = getCatalog(db);
  const ind = catalog.indicators.find((i) => i.code === indicator);
  const scope = ind ? (indicatorScope(ind) ?? undefined) : undefined;
  return trendPeriods(db, kind).map((p) => {
    const r = ind ? consolidateRaw(db, p.id, catalog, scope).indicators.find((i) => i.code === indicator) : undefined;
    return { periodId: p.id, label: p.label, year: p.year, value: r?.value ?? null };
  });
}

/** Every indicator's trend in one pass over the periods (each period consolidated once): code → points. */
export function trends(db: Db, kind?: 'half_year' | 'year'): Record<string, TrendPoint[]> {
  const catalog = getCatalog(db);
  const out: Record<string, TrendPoint[]> = {};
  for (const i of catalog.indicators) out[i.code] = [];
  for (const p of trendPeriods(db, kind)) {
    const c = consolidateRaw(db, p.id, catalog);
    const byCode = new Map(c.indicators.map((i) => [i.code, i.value]));
    for (const i of catalog.indicators) {
      out[i.code]!.push({ periodId: p.id, label: p.label, year: p.year, value: byCode.get(i.code) ?? null });
    }
  }
  return out;
}
