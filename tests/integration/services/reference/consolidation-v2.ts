/**
 * THE REFERENCE, NOT THE APP: the status and the drill-down as they were at 6ef6502 (the start of this session's
 * part of issue 20), services/consolidation.ts verbatim, imports repointed. Two edits only, so that it never shares
 * what the app keeps: `cachedRead(…, () => x)` is replaced by `x` (the status and the latest revisions computed
 * each call), and the prepared statements' cache keys carry a `ref-v2:` prefix. The equality tests compare the
 * app's lean queries (services/consolidation.ts) with this. Do not update it to follow the app.
 */
import { and, asc, eq } from 'drizzle-orm';
import type { DrillRow } from '../../../../src/shared/contract';
import type { CellKey, UnitKind } from '../../../../src/shared/domain/catalog';
import type { StatusReport } from '../../../../src/shared/domain/report';
import type { StoredValue } from '../../../../src/shared/domain/records';
import { computeStatus, type FirstReceived, type UnitAttempts } from '../../../../src/shared/rules/completeness';
import { daysUntil, localIsoDate } from '../../../../src/shared/rules/period';
import type { Db } from '../../../../src/main/db/open';
import { preparedOnce } from '../../../../src/main/db/prepared';
import * as t from '../../../../src/main/db/schema';
import { unitLinkMaps } from '../../../../src/main/services/units';
import { expectedUnits, getPeriodRow } from '../../../../src/main/services/periods';
import { firstSubmissions, latestSubmissions } from '../../../../src/main/services/submissions';
import { rowToCellValue } from '../../../../src/main/services/values';

/**
 * Who sent what and when in a period. What comes from the database (every expected unit's line, sorted) is kept
 * until the next write (db/read-cache.ts); only the day's countdown is computed on each call.
 */
export function periodStatus(db: Db, periodId: number, today: string = localIsoDate()): StatusReport {
  const period = getPeriodRow(db, periodId);
  const status = statusOf(db, periodId, period.deadline);
  // a new array each call (the lines themselves are shared: read-only)
  return { ...status, units: [...status.units], periodId, today, daysLeft: daysUntil(today, period.deadline) };
}

function statusOf(db: Db, periodId: number, deadline: string) {
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
  return computeStatus({
    deadline,
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
}

const ATTEMPTS_SQL =
  'SELECT coalesce(a.unit_id, u.id) AS unitId, a.status, coalesce(a.received_at, s.received_at, substr(a.at, 1, 10)) ' +
  'AS receivedAt, a.errors FROM import_attempts a LEFT JOIN units u ON a.unit_id IS NULL AND u.code = a.unit_code ' +
  'LEFT JOIN submissions s ON s.id = a.submission_id WHERE a.period_id = ? ORDER BY a.id';

/** What the inbox says of each unit: its first entry's receipt date, and whether its latest entry was refused. */
function unitAttempts(db: Db, periodId: number): Map<number, UnitAttempts> {
  const raw = db.$client;
  const rows = preparedOnce(raw, 'ref-v2:' + ATTEMPTS_SQL, () => raw.prepare(ATTEMPTS_SQL)).all(periodId) as Array<{
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

/** latestSubmissions of a period, kept until the next write (db/read-cache.ts): read-only. */
function latestOf(db: Db, periodId: number): ReturnType<typeof latestSubmissions> {
  return latestSubmissions(db, periodId);
}

/** One cell of the latest revision of every unit that reported it in a period: a point lookup per revision. */
function cellOfLatest(
  db: Db,
  periodId: number,
  element: string,
  cell: CellKey,
): Array<{ sub: ReturnType<typeof latestSubmissions>[number]; value: StoredValue['value'] }> {
  const latest = latestOf(db, periodId);
  if (latest.length === 0) return [];
  const stmt = preparedOnce(db.$client, 'ref-v2:cellOfLatest', () =>
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
  const previousReported = new Set(prev ? latestOf(db, prev.id).map((x) => x.unitId) : []);
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
  const stmt = preparedOnce(db.$client, 'ref-v2:unitsById', () =>
    db.$client.prepare('SELECT id, code, name, kind FROM units WHERE id IN (SELECT value FROM json_each(?))'),
  );
  const rows = stmt.all(JSON.stringify(ids)) as Array<{ id: number; code: string; name: string; kind: string }>;
  return new Map(rows.map((r) => [r.id, r]));
}
