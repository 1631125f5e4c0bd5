/**
 * Completeness and timeliness (PEERS.md §b5): expected = the units assigned to the period; received = those with
 * an accepted report; on time = the FIRST accepted report arrived on or before the deadline day. Later revisions
 * replace the figures but not the receipt date. A unit with no report that counts and whose latest file was
 * refused is `returned` (đã gửi, cần gửi lại): neither received nor missing. A first report filed as history
 * (entered long after the deadline without a receipt date) is `history`: received, neither on time nor late.
 */
import { UNIT_KINDS, type UnitKind } from '../domain/catalog';
import type { IsoDate } from '../domain/records';
import type { StatusCounts, StatusReport, UnitReportStatus, UnitStatusRow } from '../domain/report';
import { compareVi } from '../text/vi';
import { isOnTime } from './period';

export interface ExpectedUnit {
  unitId: number;
  code: string;
  name: string;
  kind: UnitKind;
  contact: string | null;
  phone: string | null;
  email: string | null;
}

export interface FirstReceived {
  /** receipt date of the unit's first accepted report */
  receivedAt: IsoDate;
  /** the latest revision number */
  revision: number;
  /** the latest submission's id */
  submissionId: number;
  /** the first accepted report was filed as history: received, timeliness not judged */
  history?: boolean;
}

/** What the inbox says of a unit's files in the period. */
export interface UnitAttempts {
  /** receipt date of its first file or paper report, whatever its outcome */
  firstAttemptAt: IsoDate;
  /** its latest entry was refused (rejected, duplicate): the first error of that entry, else null */
  latestRefusal: string | null;
}

export interface StatusInput {
  deadline: IsoDate;
  expectedUnits: readonly ExpectedUnit[];
  firstReceived: ReadonlyMap<number, FirstReceived>;
  /** by unit id; a unit without an entry is absent */
  attempts?: ReadonlyMap<number, UnitAttempts>;
}

const zero = (): StatusCounts => ({
  expected: 0,
  received: 0,
  onTime: 0,
  late: 0,
  missing: 0,
  returned: 0,
  history: 0,
});

function count(c: StatusCounts, row: UnitStatusRow) {
  c.expected++;
  if (row.status === 'missing') c.missing++;
  else if (row.status === 'returned') c.returned++;
  else {
    c.received++;
    if (row.status === 'on_time') c.onTime++;
    else if (row.status === 'history') c.history++;
    else c.late++;
  }
}

/** A received unit's status: history is not judged; otherwise on time or late by its first report's date. */
function judged(f: FirstReceived, deadline: IsoDate): UnitReportStatus {
  if (f.history) return 'history';
  return isOnTime(f.receivedAt, deadline) ? 'on_time' : 'late';
}

/** Units sorted by name (Vietnamese collation), then code. */
export function computeStatus(input: StatusInput): Omit<StatusReport, 'periodId' | 'today' | 'daysLeft'> {
  const units: UnitStatusRow[] = input.expectedUnits.map((u) => {
    const f = input.firstReceived.get(u.unitId);
    const a = input.attempts?.get(u.unitId);
    const returned = !f && a?.latestRefusal != null;
    return {
      unit: u.code,
      unitId: u.unitId,
      name: u.name,
      kind: u.kind,
      status: f ? judged(f, input.deadline) : returned ? 'returned' : 'missing',
      receivedAt: f ? f.receivedAt : null,
      revision: f ? f.revision : null,
      submissionId: f ? f.submissionId : null,
      contact: u.contact,
      phone: u.phone,
      email: u.email,
      firstAttemptAt: a?.firstAttemptAt ?? null,
      returnReason: returned ? a!.latestRefusal : null,
    };
  });
  units.sort((a, b) => compareVi(a.name, b.name) || compareVi(a.unit, b.unit));
  const total = zero();
  const kinds = new Map<UnitKind, StatusCounts>();
  for (const row of units) {
    count(total, row);
    let k = kinds.get(row.kind);
    if (!k) kinds.set(row.kind, (k = zero()));
    count(k, row);
  }
  const byKind = UNIT_KINDS.filter((k) => kinds.has(k)).map((kind) => ({ kind, ...kinds.get(kind)! }));
  return { ...total, deadline: input.deadline, byKind, units };
}

/** Reporting rate in per cent (0–100), null when nothing is expected. */
export function reportingRate(received: number, expected: number): number | null {
  return expected > 0 ? Math.min(100, (received * 100) / expected) : null;
}
