/** Consolidation and completeness of a period, built from the latest accepted revision of each unit. */
import { and, asc, eq } from 'drizzle-orm';
import type { DrillRow, TrendPoint } from '../../shared/contract';
import { UNIT_KINDS, type CellKey, type UnitKind } from '../../shared/domain/catalog';
import type { Consolidation, StatusReport } from '../../shared/domain/report';
import type { StoredValue } from '../../shared/domain/records';
import type { Indicator } from '../../shared/domain/catalog';
import { consolidatePartials, femaleShares, type CellPartial, type PartialInput } from '../../shared/rules/aggregate';
import { compileExpression, expressionElements } from '../../shared/rules/expressions';
import { computeStatus, type FirstReceived, type UnitAttempts } from '../../shared/rules/completeness';
import { daysUntil, localIsoDate } from '../../shared/rules/period';
import type { Db } from '../db/open';
import { preparedOnce } from '../db/prepared';
import { cachedRead, periodCachedRead, type BoundGroup, type PeriodChanges } from '../db/read-cache';
import * as t from '../db/schema';
import { getCatalog } from './catalog';
import { unitLinkMaps } from './units';
import { getPeriodRow, getProvinceValues } from './periods';
import { taskCounts } from './plan';
import { sumPeriod, updatePeriodSums, type PeriodSums } from './partial-sums';
import { withPrevious } from './previous';
import { latestSubmissions, valuesBySubmission } from './submissions';
import { rowToCellValue } from './values';
import { compareVi, searchKey } from '../../shared/text/vi';

export interface UnitValues {
  unitId: number;
  unitCode: string;
  unitName: string;
  kind: UnitKind;
  submissionId: number;
  values: StoredValue[];
}

/**
 * Latest accepted values of every unit that reported in the period. Kept per period (db/read-cache.ts: it reads
 * only submissions, submission_values and units) until a write that can change it: reading a national period's
 * ~344,000 values is ~0,6 s, and the workbook, the print view and the report draft each ask for them. Shared by
 * every caller until then: read-only.
 */
export function unitValues(db: Db, periodId: number): readonly UnitValues[] {
  const raw = (db as Partial<Db>).$client;
  if (!raw) return readUnitValues(db, periodId);
  return periodCachedRead(raw, periodId, `unitValues:${periodId}`, () => readUnitValues(db, periodId), {
    bounded: true,
  });
}

function readUnitValues(db: Db, periodId: number): UnitValues[] {
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

/**
 * Who sent what and when in a period. What comes from the database (every expected unit's line, sorted) is kept
 * until the next write (db/read-cache.ts); only the day's countdown is computed on each call.
 */
export function periodStatus(db: Db, periodId: number, today: string = localIsoDate()): StatusReport {
  const period = getPeriodRow(db, periodId);
  const status = cachedRead(db.$client, `status:${periodId}`, () => statusOf(db, periodId, period.deadline));
  // a new array each call (the lines themselves are shared: read-only)
  return { ...status, units: [...status.units], periodId, today, daysLeft: daysUntil(today, period.deadline) };
}

/** Every unit, with what the status shows of it (its lines are sorted below, not by SQLite). */
const UNIT_LINES_SQL = 'SELECT id, code, name, kind, contact, phone, email, sort_order FROM units';
/** The units expected in a period (the covering index of period_units: no table read). */
const EXPECTED_SQL = 'SELECT unit_id FROM period_units WHERE period_id = ?';
/**
 * The period's accepted revisions (withdrawn ones left out), each unit's oldest revision first: in the order of
 * the index on (period, unit, revision), no sort (only the order within a unit counts: its first and its latest).
 */
const REVISIONS_SQL =
  'SELECT id, unit_id, revision, received_at, official_date, history FROM submissions ' +
  'WHERE period_id = ? AND withdrawn_at IS NULL ORDER BY unit_id, revision';
/** The same rows of some revisions only (a JSON array of ids): the revisions a write changed. */
const REVISIONS_OF_SQL =
  'SELECT id, unit_id, revision, received_at, official_date, history FROM submissions ' +
  'WHERE period_id = ? AND withdrawn_at IS NULL AND id IN (SELECT value FROM json_each(?)) ORDER BY unit_id, revision';

type UnitLine = [number, string, string, string, string | null, string | null, string | null, number];
type RevisionRow = [number, number, number, string, string | null, number];

const KIND_ORDER = new Map(UNIT_KINDS.map((k, i) => [k, i]));

/**
 * Every unit's line in the register's order (kind, sort order, name; then the id, the order the rows were asked in
 * before, so a tie keeps it), kept until a write to the units (it reads nothing else: db/read-cache.ts, period 0);
 * read-only.
 */
function unitLines(raw: Db['$client']): UnitLine[] {
  return periodCachedRead(raw, 0, 'status-unit-lines', () =>
    (preparedOnce(raw, UNIT_LINES_SQL, () => raw.prepare(UNIT_LINES_SQL).raw(true)).all() as UnitLine[]).sort(
      (a, b) =>
        (KIND_ORDER.get(a[3] as UnitKind) ?? 9) - (KIND_ORDER.get(b[3] as UnitKind) ?? 9) ||
        a[7] - b[7] ||
        compareVi(a[2], b[2]) ||
        a[0] - b[0],
    ),
  );
}

/**
 * The units' lines in the order the status lists them (computeStatus sorts by name, then code, with compareVi), a
 * stable sort of the register's order, kept as unitLines is. computeStatus sorts its lines again: a stable sort
 * of lines already in its order keeps them as they are (ties in the register's order, as when it sorts the
 * register's order itself), and costs one comparison per line instead of ~12 (Intl.Collator, 4,300 units).
 */
function unitLinesByName(raw: Db['$client']): UnitLine[] {
  return periodCachedRead(raw, 0, 'status-unit-lines-by-name', () =>
    [...unitLines(raw)].sort((a, b) => compareVi(a[2], b[2]) || compareVi(a[1], b[1])),
  );
}

/**
 * A period's accepted revisions, kept until a write to its submissions (db/read-cache.ts), then brought up to date
 * from the write's log: the rows of the revisions it names taken out, their rows now put in at their place (the
 * order, unit then revision, is a unique key of the period: the same list a fresh read gives); read-only.
 */
function periodRevisions(raw: Db['$client'], periodId: number): RevisionRow[] {
  return periodCachedRead(
    raw,
    periodId,
    `status-revisions:${periodId}`,
    () => preparedOnce(raw, REVISIONS_SQL, () => raw.prepare(REVISIONS_SQL).raw(true)).all(periodId) as RevisionRow[],
    {
      update: (kept, changes) => {
        const subs = changedSubmissions(changes);
        const gone = new Set(subs);
        const rows = kept.filter((r) => !gone.has(r[0]));
        const order = (a: RevisionRow, b: RevisionRow): number => a[1] - b[1] || a[2] - b[2];
        for (const r of preparedOnce(raw, REVISIONS_OF_SQL, () => raw.prepare(REVISIONS_OF_SQL).raw(true)).all(
          periodId,
          JSON.stringify(subs),
        ) as RevisionRow[]) {
          if (typeof r[1] !== 'number' || typeof r[2] !== 'number') return null;
          let lo = 0;
          let hi = rows.length;
          while (lo < hi) {
            const mid = (lo + hi) >> 1;
            if (order(rows[mid]!, r) < 0) lo = mid + 1;
            else hi = mid;
          }
          // two rows of one unit and revision cannot be (a unique index): unsure otherwise
          if (lo < rows.length && order(rows[lo]!, r) === 0) return null;
          rows.splice(lo, 0, r);
        }
        return rows;
      },
    },
  );
}

/**
 * Who sent what and when: the expected units' ids (an index read), the units' sorted lines and the period's
 * accepted revisions (both kept across writes that cannot change them) instead of the register's full rows and two
 * reads of the submissions. The same lines as expectedUnits / firstSubmissions / latestSubmissions give (the
 * register's order: kind, sort order, name; tests/integration/services/national-equality.test.ts compares with the
 * code before).
 */
function statusOf(db: Db, periodId: number, deadline: string) {
  const raw = db.$client;
  const expectedIds = new Set(
    (preparedOnce(raw, EXPECTED_SQL, () => raw.prepare(EXPECTED_SQL).pluck()).all(periodId) as number[]).map(Number),
  );
  const expected = unitLinesByName(raw).filter((u) => expectedIds.has(u[0]));
  const first = new Map<number, RevisionRow>();
  const latest = new Map<number, RevisionRow>();
  for (const r of periodRevisions(raw, periodId)) {
    if (!first.has(r[1])) first.set(r[1], r);
    latest.set(r[1], r);
  }
  const firstReceived = new Map<number, FirstReceived>();
  for (const [unitId, [, , , receivedAt, officialDate, history]] of first) {
    const l = latest.get(unitId)!;
    firstReceived.set(unitId, {
      receivedAt: officialDate ?? receivedAt,
      revision: l[2],
      submissionId: l[0],
      history: history === 1,
    });
  }
  return computeStatus({
    deadline,
    expectedUnits: expected.map(([id, code, name, kind, contact, phone, email]) => ({
      unitId: id,
      code,
      name,
      kind: kind as UnitKind,
      contact,
      phone,
      email,
    })),
    firstReceived,
    attempts: unitAttempts(db, periodId),
  });
}

const ATTEMPTS_SQL =
  'SELECT coalesce(a.unit_id, u.id) AS unitId, a.status, coalesce(a.received_at, s.received_at, substr(a.at, 1, 10)) ' +
  'AS receivedAt, a.errors FROM import_attempts a LEFT JOIN units u ON a.unit_id IS NULL AND u.code = a.unit_code ' +
  `LEFT JOIN submissions s ON s.id = a.submission_id WHERE ${t.inboxOfPeriod('@period')} ORDER BY a.id`;

/** What the inbox says of each unit: its first entry's receipt date, and whether its latest entry was refused. */
function unitAttempts(db: Db, periodId: number): Map<number, UnitAttempts> {
  const raw = db.$client;
  const rows = preparedOnce(raw, ATTEMPTS_SQL, () => raw.prepare(ATTEMPTS_SQL)).all({ period: periodId }) as Array<{
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

/** Partial sums per unit kind of the latest accepted revisions (the whole period: a scope filters the result). */
const partialSql =
  'SELECT u.kind, v.element, v.cell, v.state, SUM(v.num), COUNT(*) FROM submissions s ' +
  'JOIN units u ON u.id = s.unit_id ' +
  'JOIN submission_values v ON v.submission_id = s.id ' +
  "WHERE s.period_id = ? AND s.superseded_by IS NULL AND v.state IN ('number', 'yesno') " +
  'GROUP BY u.kind, v.element, v.cell, v.state';
/**
 * The text answers of the latest accepted revisions to the given elements (a JSON array of codes: the catalogue's
 * text elements, looked up by the values' key instead of reading every value of the period), in the units' order.
 */
const TEXT_FROM =
  'SELECT v.element, u.code, u.name, v.text, s.id, u.sort_order FROM submissions s JOIN units u ON u.id = s.unit_id ' +
  'JOIN submission_values v ON v.submission_id = s.id AND v.element IN (SELECT value FROM json_each(?)) ' +
  "WHERE s.period_id = ? AND s.superseded_by IS NULL AND v.state = 'text'";
const textSql = `${TEXT_FROM} ORDER BY u.sort_order, u.code`;
/** The same rows of some revisions only (a JSON array of ids): the revisions a write changed. */
const textOfSql = `${TEXT_FROM} AND s.id IN (SELECT value FROM json_each(?)) ORDER BY u.sort_order, u.code`;

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
function consolidateRaw(
  db: Db,
  periodId: number,
  catalog = getCatalog(db),
  scope?: Scope,
  opts: { texts?: boolean } = {},
) {
  const period = getPeriodRow(db, periodId);
  const inScope = (code: string): boolean => !scope || scope.codes.has(code);
  const byKind: PartialInput['byKind'] = {};
  for (const [kind, partials] of Object.entries(periodPartials(db, periodId)) as Array<[UnitKind, CellPartial[]]>) {
    const kept = scope ? partials.filter((p) => inScope(p.element)) : partials;
    if (kept.length) byKind[kind] = kept;
  }
  return consolidatePartials({
    elements: scope ? catalog.dataElements.filter((e) => inScope(e.code)) : catalog.dataElements,
    indicators: scope ? scope.indicators : catalog.indicators,
    provinceTargets: catalog.provinceTargets,
    year: period.year,
    byKind,
    texts: opts.texts === false ? [] : periodTexts(db, periodId, catalog, scope),
    provinceValues: getProvinceValues(db, periodId).filter((v) => inScope(v.element)),
  });
}

/**
 * The partial sums of a period per unit kind (the rows of SQLite's GROUP BY): the same rows the query gives,
 * whatever the catalogue (it picks and combines them afterwards). Kept across writes that cannot change them
 * (db/read-cache.ts; a unit's name or validity does not, its kind does); after a write to the period (an import,
 * a correction, a withdrawal) brought up to date in place where that provably gives the figures a fresh sum gives
 * (services/partial-sums.ts updatePeriodSums), else summed again. Read-only (exported for the tests).
 */
export function periodPartials(db: Db, periodId: number): Partial<Record<UnitKind, CellPartial[]>> {
  const raw = db.$client;
  const kept = periodCachedRead<PeriodSums | Partial<Record<UnitKind, CellPartial[]>>>(
    raw,
    periodId,
    `partials:${periodId}`,
    () => {
      // one pass without a sort (services/partial-sums.ts); the GROUP BY where that cannot be set up
      const summed = sumPeriod(raw, periodId);
      if (summed) return summed;
      const out: Partial<Record<UnitKind, CellPartial[]>> = {};
      const stmt = preparedOnce(raw, partialSql, () => raw.prepare(partialSql).raw(true));
      for (const [kind, element, cell, state, sum, count] of stmt.iterate(periodId) as IterableIterator<PartialRow>) {
        (out[kind] ??= []).push({ element, cell, state, sum: sum ?? 0, count });
      }
      return out;
    },
    {
      // only the units' ids and kinds are read; after a write to the period the kept sums are brought up to date
      // where that gives provably the same figures (updatePeriodSums), else summed again
      kindsOnly: true,
      update: (held, changes) => (isSums(held) ? updatePeriodSums(raw, periodId, held, changes) : null),
    },
  );
  return isSums(kept) ? kept.byKind : kept;
}

const isSums = (x: PeriodSums | Partial<Record<UnitKind, CellPartial[]>>): x is PeriodSums =>
  (x as PeriodSums).groups instanceof Map;

type TextRow = Consolidation['texts'][number];
/** element, unit code, unit name, text, submission id, unit sort order: in the units' order (sort order, code) */
type TextDbRow = [string, string, string, string | null, number, number];

/** SQLite's BINARY order of two texts (their UTF-8 bytes), as ORDER BY u.code sorts them. */
const binaryCompare = (a: string, b: string): number => Buffer.compare(Buffer.from(a, 'utf8'), Buffer.from(b, 'utf8'));
const unitOrder = (a: TextDbRow, b: TextDbRow): number => a[5] - b[5] || binaryCompare(a[1], b[1]);

/** The distinct submissions a change log names. */
const changedSubmissions = (changes: PeriodChanges): number[] => [...new Set(changes.log.map((r) => r.sub))];

/**
 * A period's kept text rows brought up to date after writes to it (db/read-cache.ts): the rows of every revision
 * the log names taken out, the rows it holds now (if it counts) put in at its unit's place. The order of a unit's
 * own rows is SQLite's choice (ORDER BY sort order, code ties within a unit), but the texts are then ordered by
 * element (a stable sort) and a unit holds one answer per element: so where no unit has two rows of one element,
 * every order of a unit's rows gives the same texts. Null (read again) where that is not so, or the unit's sort
 * order is not a number.
 */
function updateTexts(
  raw: Db['$client'],
  periodId: number,
  asked: string,
  kept: TextDbRow[],
  changes: PeriodChanges,
): TextDbRow[] | null {
  const subs = changedSubmissions(changes);
  if (subs.length === 0) return kept;
  if (!oneAnswerEach.has(kept) && !oneAnswerPerUnit(kept, 0, kept.length)) return null;
  const gone = new Set(subs);
  const rows = kept.filter((r) => !gone.has(r[4]));
  const fresh = preparedOnce(raw, textOfSql, () => raw.prepare(textOfSql).raw(true)).all(
    asked,
    periodId,
    JSON.stringify(subs),
  ) as TextDbRow[];
  for (const r of fresh) {
    if (typeof r[5] !== 'number') return null;
    // after every row of a unit before it or of the same unit (binary search)
    let lo = 0;
    let hi = rows.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (unitOrder(rows[mid]!, r) <= 0) lo = mid + 1;
      else hi = mid;
    }
    rows.splice(lo, 0, r);
  }
  // the units given rows: each still one answer per element (the others were checked when kept)
  for (const r of fresh) {
    let lo = 0;
    let hi = rows.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (unitOrder(rows[mid]!, r) < 0) lo = mid + 1;
      else hi = mid;
    }
    const from = lo;
    let to = from;
    while (to < rows.length && unitOrder(rows[to]!, r) === 0) to++;
    if (!oneAnswerPerUnit(rows, from, to)) return null;
  }
  oneAnswerEach.add(rows);
  return rows;
}

/** Kept text rows in which no unit has two rows of one element, and every sort order is a number (updateTexts). */
const oneAnswerEach = new WeakSet<readonly TextDbRow[]>();

/** Rows from..to (whole units, in the units' order: a unit's rows are together) hold one answer per element each. */
function oneAnswerPerUnit(rows: readonly TextDbRow[], from: number, to: number): boolean {
  let unit: string | null = null;
  const seen = new Set<string>();
  for (let i = from; i < to; i++) {
    const r = rows[i]!;
    if (typeof r[5] !== 'number') return false;
    if (r[1] !== unit) {
      unit = r[1];
      seen.clear();
    }
    if (seen.has(r[0])) return false;
    seen.add(r[0]);
  }
  return true;
}

/**
 * The period's text answers (non-blank, of the catalogue's text elements), in the catalogue's order of elements
 * and the units' order within each: every one (documents need them all; the screens page them through
 * `consolidation.texts`). The rows read are kept until the next write, for the last few periods asked.
 */
function periodTexts(db: Db, periodId: number, catalog = getCatalog(db), scope?: Scope): TextRow[] {
  const textCodes = new Set(
    catalog.dataElements.filter((e) => e.type === 'text' && (!scope || scope.codes.has(e.code))).map((e) => e.code),
  );
  if (textCodes.size === 0) return [];
  const raw = db.$client;
  // every text element of the catalogue (a scope only filters below): the entry is named by them, so a change of
  // the catalogue's text elements (not a write the period's tracking sees) reads again
  const asked = JSON.stringify(catalog.dataElements.filter((e) => e.type === 'text').map((e) => e.code));
  const rows = periodCachedRead(
    raw,
    periodId,
    `texts:${periodId}:${asked}`,
    () => preparedOnce(raw, textSql, () => raw.prepare(textSql).raw(true)).all(asked, periodId) as TextDbRow[],
    { bounded: true, update: (kept, changes) => updateTexts(raw, periodId, asked, kept, changes) },
  );
  // the texts of those rows, for these elements in the catalogue's order (`asked`), kept with the rows
  let byCodes = textsOfRows.get(rows);
  if (!byCodes) textsOfRows.set(rows, (byCodes = new Map()));
  const memo = `${asked}|${[...textCodes].join('\u0000')}`;
  let texts = byCodes.get(memo);
  if (!texts) {
    const order = new Map(catalog.dataElements.map((e, i) => [e.code, i]));
    texts = [];
    for (const [code, unit, unitName, text] of rows) {
      if (textCodes.has(code) && text && text.trim()) texts.push({ code, unit, unitName, text });
    }
    texts.sort((x, y) => (order.get(x.code) ?? 0) - (order.get(y.code) ?? 0));
    byCodes.set(memo, texts);
  }
  // a new array each call (the rows themselves are shared: read-only)
  return [...texts];
}

/** The texts made of a period's kept text rows (periodTexts), by the elements asked: dropped with the rows. */
const textsOfRows = new WeakMap<readonly TextDbRow[], Map<string, TextRow[]>>();

/** How many text answers `consolidation.get` carries (the rest are paged through `consolidation.texts`). */
export const TEXTS_FIRST_PAGE = 50;

/**
 * One page of a period's text answers, optionally of one element and matching a search (diacritics, case and
 * spacing ignored, on the unit's name and code and the answer), with the count of all that match.
 */
export function consolidationTexts(
  db: Db,
  input: { periodId: number; code?: string; search?: string; offset?: number; limit?: number },
): { total: number; offset: number; items: TextRow[] } {
  getPeriodRow(db, input.periodId);
  let list = periodTexts(db, input.periodId);
  if (input.code) list = list.filter((x) => x.code === input.code);
  const q = input.search ? searchKey(input.search) : '';
  if (q) list = list.filter((x) => searchKey(`${x.unitName} ${x.unit} ${x.text}`).includes(q));
  const offset = input.offset ?? 0;
  const limit = input.limit ?? TEXTS_FIRST_PAGE;
  return { total: list.length, offset, items: list.slice(offset, offset + limit) };
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

/**
 * A period's consolidation. `texts` carries the first TEXTS_FIRST_PAGE text answers (with `textsTotal`; the screens
 * page the rest through `consolidation.texts`), or every one with `allTexts` (the documents).
 */
export function periodConsolidation(db: Db, periodId: number, opts: { allTexts?: boolean } = {}): Consolidation {
  const catalog = getCatalog(db);
  const current = consolidateRaw(db, periodId, catalog);
  const status = periodStatus(db, periodId);
  const prev = previousPeriod(db, periodId);
  let previous: Consolidation['previous'] = null;
  if (prev) {
    // Province totals sum every unit of each year, so units merged in 2025 compare through their successors.
    const p = consolidateRaw(db, prev.id, catalog, undefined, { texts: false });
    previous = { periodId: prev.id, label: prev.label, values: p.values, indicators: p.indicators };
  }
  const compared = withPrevious(current.values, current.indicators, previous);
  return {
    values: compared.values,
    indicators: compared.indicators,
    femaleShares: femaleShares(current.values),
    texts: opts.allTexts ? current.texts : current.texts.slice(0, TEXTS_FIRST_PAGE),
    textsTotal: current.texts.length,
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

/**
 * The latest accepted revision of each unit (withdrawn ones left out; no later revision of the same unit that is
 * not withdrawn), in latestSubmissions' order: newest revision first, then the order of the submissions' ids.
 */
const LATEST_OF_UNIT =
  's.withdrawn_at IS NULL AND NOT EXISTS (SELECT 1 FROM submissions n WHERE n.period_id = s.period_id ' +
  'AND n.unit_id = s.unit_id AND n.revision > s.revision AND n.withdrawn_at IS NULL)';

/** The latest accepted revision of each unit with its unit and revision, in latestSubmissions' order. */
const LATEST_WITH_REVISION_SQL =
  'SELECT s.id, s.unit_id, u.code, u.name, u.kind, s.revision FROM submissions s JOIN units u ON u.id = s.unit_id ' +
  `WHERE s.period_id = ? AND ${LATEST_OF_UNIT} ORDER BY s.revision DESC, s.id`;
/** The same rows of some units only (a JSON array of unit ids), with each row's revision. */
const LATEST_OF_UNITS_SQL =
  'SELECT s.id, s.unit_id, u.code, u.name, u.kind, s.revision FROM submissions s JOIN units u ON u.id = s.unit_id ' +
  `WHERE s.period_id = ? AND s.unit_id IN (SELECT value FROM json_each(?)) AND ${LATEST_OF_UNIT}`;
/** One cell of the given revisions (a JSON array of ids): a key lookup per revision. */
const CELL_OF_SQL =
  'SELECT j.value, v.state, v.num, v.text FROM json_each(?) j ' +
  'JOIN submission_values v ON v.submission_id = j.value AND v.element = ? AND v.cell = ?';

type LatestRow = [number, number, string, string, string];
interface Latest {
  rows: LatestRow[];
  /** each row's revision (the order: newest revision first, then the submission's id) */
  revisions: number[];
  /** the revisions' ids as a JSON array (CELL_OF_SQL's argument) */
  ids: string;
}

/** The units whose revisions a change log names (their unit before the change, and now). */
export function changedUnits(raw: Db['$client'], changes: PeriodChanges): number[] {
  const units = new Set<number>();
  for (const r of changes.log) if (r.unit !== null) units.add(r.unit);
  const subs = JSON.stringify(changedSubmissions(changes));
  for (const u of preparedOnce(raw, UNITS_OF_SQL, () => raw.prepare(UNITS_OF_SQL).pluck()).all(subs) as number[]) {
    units.add(u);
  }
  return [...units];
}
const UNITS_OF_SQL = 'SELECT unit_id FROM submissions WHERE id IN (SELECT value FROM json_each(?))';

/**
 * The latest revisions of a period, kept until a write that can change them (they read submissions and units
 * only: db/read-cache.ts), then brought up to date from the write's log: the rows of the units it names read
 * again and put at their place (newest revision first, then the id: a unique order, the one a fresh read gives);
 * read-only.
 */
export function latestOf(db: Db, periodId: number): Latest {
  const raw = db.$client;
  return periodCachedRead(
    raw,
    periodId,
    `latest:${periodId}`,
    () => {
      const read = preparedOnce(raw, LATEST_WITH_REVISION_SQL, () => raw.prepare(LATEST_WITH_REVISION_SQL).raw(true));
      const rows: LatestRow[] = [];
      const revisions: number[] = [];
      for (const [id, unit, code, name, kind, revision] of read.all(periodId) as Array<[...LatestRow, number]>) {
        rows.push([id, unit, code, name, kind]);
        revisions.push(revision);
      }
      return { rows, revisions, ids: JSON.stringify(rows.map((r) => r[0])) };
    },
    {
      update: (kept, changes) => {
        const units = new Set(changedUnits(raw, changes));
        const rows: LatestRow[] = [];
        const revisions: number[] = [];
        kept.rows.forEach((r, i) => {
          if (units.has(r[1])) return;
          rows.push(r);
          revisions.push(kept.revisions[i]!);
        });
        const read = preparedOnce(raw, LATEST_OF_UNITS_SQL, () => raw.prepare(LATEST_OF_UNITS_SQL).raw(true));
        for (const [id, unit, code, name, kind, revision] of read.all(periodId, JSON.stringify([...units])) as Array<
          [...LatestRow, number]
        >) {
          if (typeof revision !== 'number') return null;
          // newest revision first, then the id
          const before = (i: number): boolean =>
            revisions[i]! > revision || (revisions[i] === revision && rows[i]![0] < id);
          let lo = 0;
          let hi = rows.length;
          while (lo < hi) {
            const mid = (lo + hi) >> 1;
            if (before(mid)) lo = mid + 1;
            else hi = mid;
          }
          rows.splice(lo, 0, [id, unit, code, name, kind]);
          revisions.splice(lo, 0, revision);
        }
        return { rows, revisions, ids: JSON.stringify(rows.map((r) => r[0])) };
      },
    },
  );
}
/** How many drilled cells' columns are kept (each is one value per unit of one period: a few hundred kB at most). */
const CELL_COLUMNS: BoundGroup = { group: 'cell-columns', max: 64 };

/**
 * One cell of every latest revision of the period that has it: submission id → value. Kept until a write that can
 * change it (it reads the period's submissions and values only: db/read-cache.ts), then brought up to date from
 * the write's log (the revisions of the units it names read again), for the last CELL_COLUMNS.max cells drilled;
 * read-only.
 */
function cellOf(db: Db, periodId: number, element: string, cell: CellKey): Map<number, StoredValue['value']> {
  const raw = db.$client;
  const read = (ids: string, out: Map<number, StoredValue['value']>) => {
    const st = preparedOnce(raw, CELL_OF_SQL, () => raw.prepare(CELL_OF_SQL).raw(true));
    for (const [id, state, num, text] of st.all(ids, element, cell) as Array<
      [number, string, number | null, string | null]
    >) {
      out.set(id, rowToCellValue({ state, num, text }));
    }
    return out;
  };
  return periodCachedRead(
    raw,
    periodId,
    `cell:${periodId}:${element}:${cell}`,
    () => {
      const latest = latestOf(db, periodId);
      if (latest.rows.length === 0) return new Map<number, StoredValue['value']>();
      return read(latest.ids, new Map());
    },
    {
      bounded: CELL_COLUMNS,
      update: (kept, changes) => {
        const units = new Set(changedUnits(raw, changes));
        const latest = latestOf(db, periodId);
        const out = new Map<number, StoredValue['value']>();
        const again: number[] = [];
        for (const [id, unit] of latest.rows) {
          if (units.has(unit)) again.push(id);
          else {
            const v = kept.get(id);
            if (v) out.set(id, v);
          }
        }
        return again.length ? read(JSON.stringify(again), out) : out;
      },
    },
  );
}

const numberOf = (v: StoredValue['value']): number | null =>
  v.state === 'number' ? v.value : v.state === 'yesno' ? (v.value ? 1 : 0) : null;

/**
 * The units behind one consolidated figure, each with the same figure a year earlier. A unit born of a merger
 * is compared with the sum of its predecessors (several merged into one); a unit split from one keeps the
 * predecessor's whole figure as its reference. Reads only that element and cell of the latest revisions (of this
 * period and the one a year earlier: one query each), never every value of the period.
 */
export function drill(
  db: Db,
  periodId: number,
  element: string,
  cell: CellKey,
): { element: string; cell: CellKey; rows: DrillRow[] } {
  const prev = previousPeriod(db, periodId);
  const prevByUnit = new Map<number, number | null>();
  const previousReported = new Set<number>();
  if (prev) {
    const latest = latestOf(db, prev.id);
    for (const r of latest.rows) previousReported.add(r[1]);
    const prevCells = cellOf(db, prev.id, element, cell);
    for (const [id, unit] of latest.rows) {
      const value = prevCells.get(id);
      if (value) prevByUnit.set(unit, numberOf(value));
    }
  }
  const predecessors = prev ? unitLinkMaps(db).pred : new Map<number, number[]>();
  const previousOf = (unitId: number): number | null => {
    if (previousReported.has(unitId)) return prevByUnit.get(unitId) ?? null;
    const nums = (predecessors.get(unitId) ?? [])
      .filter((p) => previousReported.has(p))
      .map((p) => prevByUnit.get(p) ?? null)
      .filter((n): n is number => n !== null);
    return nums.length ? nums.reduce((x, y) => x + y, 0) : null;
  };
  const latest = latestOf(db, periodId);
  const values = cellOf(db, periodId, element, cell);
  const rows: DrillRow[] = [];
  latest.rows.forEach(([submissionId, unitId, code, name, kind]) => {
    const value = values.get(submissionId);
    if (!value) return;
    rows.push({
      unit: code,
      unitName: name,
      kind: kind as UnitKind,
      value: value.state === 'na' ? null : value.value,
      na: value.state === 'na',
      submissionId,
      previous: prev ? previousOf(unitId) : null,
    });
  });
  return { element, cell, rows };
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
    const r = ind
      ? consolidateRaw(db, p.id, catalog, scope, { texts: false }).indicators.find((i) => i.code === indicator)
      : undefined;
    return { periodId: p.id, label: p.label, year: p.year, value: r?.value ?? null };
  });
}

/** Every indicator's trend in one pass over the periods (each period consolidated once): code → points. */
export function trends(db: Db, kind?: 'half_year' | 'year'): Record<string, TrendPoint[]> {
  const catalog = getCatalog(db);
  const out: Record<string, TrendPoint[]> = {};
  for (const i of catalog.indicators) out[i.code] = [];
  for (const p of trendPeriods(db, kind)) {
    const c = consolidateRaw(db, p.id, catalog, undefined, { texts: false });
    const byCode = new Map(c.indicators.map((i) => [i.code, i.value]));
    for (const i of catalog.indicators) {
      out[i.code]!.push({ periodId: p.id, label: p.label, year: p.year, value: byCode.get(i.code) ?? null });
    }
  }
  return out;
}
