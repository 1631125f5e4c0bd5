/** Types of the indicator catalogue (resources/catalog.json and local additions). */

export type CellKey = 'total' | 'female' | 'male' | 'value';
export const CELL_KEYS: readonly CellKey[] = ['total', 'female', 'male', 'value'];

export type UnitKind = 'so_nganh' | 'doan_the' | 'xa' | 'khac';
export const UNIT_KINDS: readonly UnitKind[] = ['so_nganh', 'doan_the', 'xa', 'khac'];

export type ValueType = 'integer' | 'decimal' | 'yesno' | 'text';
export type Aggregation = 'sum' | 'count_yes' | 'list_by_unit' | 'province_value';
export type CompareOp = '<=' | '<' | '==' | '>=' | '>';

export interface Target {
  op: CompareOp;
  value: number;
}
/** Targets keyed by year ("2025", "2030"). */
export type Targets = Record<string, Target>;

export interface DataElement {
  code: string;
  name: string;
  unit: string;
  type: ValueType;
  cells: CellKey[];
  section: string;
  reportedBy: UnitKind[];
  sensitive: boolean;
  collectedFrom: 'units' | 'province';
  aggregation: Aggregation;
  researchCode?: string;
  strategyCode?: string;
  targets?: Targets;
  /** true when the officer added it (not from the seed). */
  local?: boolean;
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

export interface Catalog {
  catalogVersion: string;
  cellLabels: Record<CellKey, string>;
  unitKinds: UnitKindInfo[];
  sections: Section[];
  dataElements: DataElement[];
  indicators: Indicator[];
  validationRules: ValidationRule[];
  templates: TemplateDef[];
}

export type PeriodKind = 'half_year' | 'year' | 'adhoc';
export const PERIOD_KINDS: readonly PeriodKind[] = ['half_year', 'year', 'adhoc'];
