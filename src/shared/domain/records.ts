/** Plain records that cross the contract (JSON-safe: ISO dates as strings, numbers, no classes). */
import type { CellKey, PeriodKind, Target, UnitKind } from './catalog';

/** ISO date `YYYY-MM-DD`. */
export type IsoDate = string;
/** ISO date-time. */
export type IsoDateTime = string;

export interface Unit {
  id: number;
  code: string;
  name: string;
  kind: UnitKind;
  group: string | null;
  parentId: number | null;
  validFrom: IsoDate | null;
  validTo: IsoDate | null;
  contact: string | null;
  phone: string | null;
  email: string | null;
  sortOrder: number;
  /** active today: followed (not stopped) and inside its validity (shared/rules/unit-validity.ts) */
  active: boolean;
  note: string | null;
  /** the contact person's position (chức vụ) */
  position?: string | null;
  address?: string | null;
  /** the stored flag: false once the officer stopped following the unit ("Ngừng theo dõi") */
  tracked?: boolean;
  /** why the unit is (not) active today: 'ended' once its validTo has passed */
  state?: 'active' | 'stopped' | 'ended' | 'not_yet';
  /** ids of units that replaced this one */
  successorIds: number[];
  /** ids of units this one replaced */
  predecessorIds: number[];
}

export const PERIOD_STATUSES = ['open', 'closed'] as const;
export type PeriodStatus = (typeof PERIOD_STATUSES)[number];

export interface Period {
  id: number;
  year: number;
  kind: PeriodKind;
  label: string;
  dataFrom: IsoDate;
  dataTo: IsoDate;
  deadline: IsoDate;
  templateId: number;
  templateCode: string;
  templateVersion: number;
  status: PeriodStatus;
  expected: number;
  note: string | null;
}

export const SUBMISSION_STATUSES = ['received', 'needs_fix', 'approved'] as const;
export type SubmissionStatus = (typeof SUBMISSION_STATUSES)[number];
/** how a report reached the secretariat */
/** how a report came in; 'paper' and 'scan' are entered by hand from the paper or the scanned copy */
export const CHANNELS = ['email', 'usb', 'direct', 'other', 'paper', 'scan'] as const;
export type Channel = (typeof CHANNELS)[number];

/** One stored cell. Blank (not reported) is the absence of a cell. */
export type CellValue =
  | { state: 'number'; value: number }
  | { state: 'yesno'; value: boolean }
  | { state: 'text'; value: string }
  | { state: 'na' };

export interface StoredValue {
  element: string;
  cell: CellKey;
  value: CellValue;
}

export interface Finding {
  code: string;
  severity: 'error' | 'warning';
  message: string;
  element?: string;
  cell?: CellKey;
}

export interface Submission {
  id: number;
  periodId: number;
  unitId: number;
  unitCode: string;
  unitName: string;
  revision: number;
  receivedAt: IsoDate;
  officialDate: IsoDate | null;
  channel: Channel;
  fileName: string;
  sha256: string;
  status: SubmissionStatus;
  supersededBy: number | null;
  /** set when the officer withdrew this revision (never current again); with her reason */
  withdrawnAt?: IsoDateTime | null;
  withdrawReason?: string | null;
  createdAt: IsoDateTime;
  /** filed as history (entered long after the deadline without a receipt date): timeliness not judged */
  history?: boolean;
}

export interface AuditEntry {
  id: number;
  at: IsoDateTime;
  actor: string;
  action: string;
  entity: string;
  entityId: string;
  before: unknown;
  after: unknown;
  reason: string | null;
}

export interface TargetRef extends Target {
  year: number;
  source: 'national' | 'province';
}
