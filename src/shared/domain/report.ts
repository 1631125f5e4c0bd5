/** Outputs of status, consolidation and import: the shapes the CLI prints (DESIGN.md "The CLI contract"). */
import type { CellKey, CompareOp, UnitKind } from './catalog';
import type { Finding, IsoDate, IsoDateTime } from './records';

/**
 * missing: nothing received; returned: files came but every one was refused (đã gửi, cần gửi lại);
 * on_time / late: judged on the first ACCEPTED report; history: that report was filed as history (entered long
 * after the deadline without a receipt date, shared/rules/period.ts isHistoryEntry): received, timeliness not judged.
 */
export type UnitReportStatus = 'missing' | 'returned' | 'on_time' | 'late' | 'history';

export interface UnitStatusRow {
  unit: string;
  unitId: number;
  name: string;
  kind: UnitKind;
  status: UnitReportStatus;
  /** the unit's first accepted report (timeliness is judged on it) */
  receivedAt: IsoDate | null;
  /** latest revision number, null when missing */
  revision: number | null;
  submissionId: number | null;
  contact: string | null;
  phone: string | null;
  email: string | null;
  /** receipt date of the unit's first attempt of any outcome (shown beside the accepted one) */
  firstAttemptAt?: IsoDate | null;
  /** returned: why the latest refused file was refused (its first error message) */
  returnReason?: string | null;
}

export interface StatusCounts {
  expected: number;
  received: number;
  onTime: number;
  late: number;
  missing: number;
  /** units whose files were all refused (counted apart from missing; not in received) */
  returned: number;
  /** received units whose report was filed as history: in received, neither on time nor late */
  history: number;
}

export interface StatusReport extends StatusCounts {
  periodId: number;
  deadline: IsoDate;
  /** the day the server judged on (the officer's PC clock) */
  today: IsoDate;
  /** days from today to the deadline: negative once it has passed */
  daysLeft: number;
  byKind: Array<{ kind: UnitKind } & StatusCounts>;
  units: UnitStatusRow[];
}

export interface ConsolidatedValue {
  code: string;
  cell: CellKey;
  value: number;
  /** number of units that reported this cell */
  units: number;
  /** the same cell of the same period of the previous year (Consolidation.previous); null: no such period or figure */
  previous?: number | null;
}

export interface IndicatorResult {
  code: string;
  value: number | null;
  numerator: number | null;
  denominator: number | null;
  target: { year: number; op: CompareOp; value: number; source?: 'national' | 'province' } | null;
  met: boolean | null;
  /** the same indicator of the same period of the previous year; null: no such period or value */
  previous?: number | null;
}

export interface Consolidation {
  values: ConsolidatedValue[];
  indicators: IndicatorResult[];
  /** the women's share (nữ ÷ tổng số × 100) of each element whose summed total is above 0 */
  femaleShares: Array<{ code: string; percent: number }>;
  /** history: received reports filed as history (timeliness not judged) */
  reporting: { expected: number; received: number; onTime: number; history?: number };
  /** text answers, listed by unit */
  texts: Array<{ code: string; unit: string; unitName: string; text: string }>;
  byKind: Array<{ kind: UnitKind; values: ConsolidatedValue[]; indicators: IndicatorResult[] }>;
  /** the same period of the previous year, compared through successor links; null when there is none */
  previous: {
    periodId: number;
    label: string;
    values: ConsolidatedValue[];
    indicators: IndicatorResult[];
  } | null;
  /** the year's plan tasks: how many of the units given each one answered done / in progress / not done / nothing */
  tasks?: Array<{ id: number; done: number; inProgress: number; notDone: number; notReported: number }>;
}

/**
 * accepted: a new revision; unchanged: the same bytes as a revision already in; rejected: refused, nothing written;
 * unidentified: not sure which unit sent it (nothing written; the officer assigns it); duplicate: another file of
 * the same unit is in the same batch (neither written).
 */
export type ImportStatus = 'accepted' | 'rejected' | 'unchanged' | 'unidentified' | 'duplicate';

export interface ImportResult {
  file: string;
  status: ImportStatus;
  unit: string | null;
  unitName: string | null;
  revision: number | null;
  submissionId: number | null;
  errors: Array<{ code: string; message: string }>;
  warnings: Array<{ code: string; message: string }>;
  /** values typed into cells that do not apply (grey cells): shown apart, not counted */
  notCounted?: Array<{ code: string; message: string }>;
  /** BLANKING: the cells the current revision has figures for and this file leaves blank */
  blanked?: Array<{ element: string; name: string; cell: CellKey; previous: string }>;
  /** duplicate: the other files of the same unit in the batch */
  duplicateOf?: string[];
  /** the file's entry in the period's inbox (every file is recorded, whatever its outcome) */
  entryId?: number;
}

export interface ImportAttempt extends ImportResult {
  id: number;
  at: IsoDateTime;
  periodId: number | null;
  sha256: string;
}

export type { Finding };
