/** Types of the indicator catalogue (resources/catalog.json and local additions). */

/** The code lists below are tuples, so a schema reads them as they are: `z.enum(CELL_KEYS)`. */
export const CELL_KEYS = ['total', 'female', 'male', 'value'] as const;
export type CellKey = (typeof CELL_KEYS)[number];

export const UNIT_KINDS = ['so_nganh', 'doan_the', 'xa', 'khac'] as const;
export type UnitKind = (typeof UNIT_KINDS)[number];

export const VALUE_TYPES = ['integer', 'decimal', 'yesno', 'text'] as const;
export type ValueType = (typeof VALUE_TYPES)[number];
export type Aggregation = 'sum' | 'count_yes' | 'list_by_unit' | 'province_value';
export const COMPARE_OPS = ['<=', '<', '==', '>=', '>'] as const;
export type CompareOp = (typeof COMPARE_OPS)[number];

export interface Target {
  op: CompareOp;
  value: number;
  /** how the target was checked for this year: 'source' | 'secondary' | 'unverified' (absent: the indicator's) */
  verified?: TargetVerification;
  /** the wording when the text gives an approximate value ("khoảng 99%") */
  wording?: string;
}
export const TARGET_VERIFICATION = ['source', 'secondary', 'unverified'] as const;
export type TargetVerification = (typeof TARGET_VERIFICATION)[number];
/** Targets keyed by year ("2025", "2030"). */
export type Targets = Record<string, Target>;

/** Where an element's figure comes from: the units' forms, or entered once for the province. */
export const COLLECTED_FROM = ['units', 'province'] as const;
export type CollectedFrom = (typeof COLLECTED_FROM)[number];

export interface DataElement {
  code: string;
  name: string;
  unit: string;
  type: ValueType;
  cells: CellKey[];
  section: string;
  reportedBy: UnitKind[];
  /**
   * Who reports it, when not every unit of the kinds in reportedBy: unit codes and roles ("vai-tro:y_te"), read by
   * shared/domain/reporters.ts. Absent = every unit of those kinds.
   */
  reporterUnits?: string[];
  sensitive: boolean;
  collectedFrom: CollectedFrom;
  aggregation: Aggregation;
  researchCode?: string;
  strategyCode?: string;
  targets?: Targets;
  /** true when the officer added it (not from the seed). */
  local?: boolean;
  /** true when a figure may be negative (a change, a balance); counts never are */
  allowNegative?: boolean;
}

export interface Indicator {
  code: string;
  name: string;
  unit: string;
  /** `CODE.cell`, `count_yes(CODE)` or `count_reported(CODE)` */
  numerator: string;
  denominator: string;
  factor: number;
  targets: Targets;
  verified?: string;
  source?: string;
  /** notes on the wording or the legal basis (e.g. the NQ 28 wording kept after a renaming) */
  note?: string;
  local?: boolean;
}

export interface ValidationRule {
  code: string;
  left: string;
  op: CompareOp;
  right: string;
  severity: 'error' | 'warning';
  message: string;
  local?: boolean;
}

export interface Section {
  code: string;
  name: string;
}

export interface UnitKindInfo {
  code: UnitKind;
  name: string;
}

export interface TemplateDef {
  code: string;
  version: number;
  name: string;
  periodKinds: PeriodKind[];
  /** data element codes, in display order */
  rows: string[];
  note?: string;
}

/** A legal basis the catalogue follows (documents cite it; Danh mục lists it). */
export interface LegalNote {
  code: string;
  text: string;
}

export interface Catalog {
  catalogVersion: string;
  /** the legal bases of the catalogue, newest wording (seed) */
  legalNotes?: LegalNote[];
  cellLabels: Record<CellKey, string>;
  unitKinds: UnitKindInfo[];
  sections: Section[];
  dataElements: DataElement[];
  indicators: Indicator[];
  validationRules: ValidationRule[];
  templates: TemplateDef[];
}

export const PERIOD_KINDS = ['half_year', 'year', 'adhoc'] as const;
export type PeriodKind = (typeof PERIOD_KINDS)[number];
