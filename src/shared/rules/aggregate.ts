/**
 * Consolidation of unit reports (PEERS.md §b4, DESIGN.md "The CLI contract").
 *
 * - integer/decimal cells: value = the sum over the units that reported the cell; `units` = how many did
 *   ('na' and blank cells are not counted, they add nothing);
 * - yes/no elements: value = the number of "Có", `units` = the number of units that answered (Có or Không);
 * - text elements: not in `values`; listed by unit in `texts`;
 * - elements with `collectedFrom: 'province'` (survey estimates, entered once by the secretariat): the province
 *   value is taken as entered, never summed from units; `units` is 0 for these (no unit reported it) — the entry
 *   is present only when the province value was entered; yes/no province values give 1 (Có) or 0 (Không);
 * - derived indicators: value = (numerator at this level) ÷ (denominator at this level) × factor, recomputed at
 *   each level and never averaged; missing terms of a sum count as 0 unless all are missing (DHIS2
 *   SKIP_IF_ALL_VALUES_MISSING); null when the numerator or denominator is missing or the denominator is 0;
 * - byKind: the same figures over the units of each kind present in the input. Province values are not part of
 *   any kind, so an indicator built on them is null per kind.
 */
import {
  UNIT_KINDS,
  type CellKey,
  type DataElement,
  type Indicator,
  type Target,
  type Targets,
  type UnitKind,
} from '../domain/catalog';
import type { StoredValue } from '../domain/records';
import type { Consolidation, ConsolidatedValue, IndicatorResult } from '../domain/report';
import { compare, compileExpression, evaluateExpression, ExpressionError, type Resolver } from './expressions';

export interface ConsolidationUnit {
  unitId: number;
  unitCode: string;
  unitName: string;
  kind: UnitKind;
  values: StoredValue[];
}

/** Province overrides of targets: indicator (or strategy) code → year → target. */
export type ProvinceTargets = Record<string, Record<string, Target>>;

export interface ConsolidateInput {
  elements: DataElement[];
  indicators: Indicator[];
  provinceTargets: ProvinceTargets;
  year: number;
  units: ConsolidationUnit[];
  provinceValues: StoredValue[];
}

export interface ConsolidateOutput {
  values: ConsolidatedValue[];
  indicators: IndicatorResult[];
  texts: Consolidation['texts'];
  byKind: Consolidation['byKind'];
}

/** Removes floating-point noise from sums of decimals (0.1 + 0.2 → 0.3). */
function tidy(n: number): number {
  return Number.isInteger(n) ? n : Number(n.toFixed(10));
}

interface Level {
  values: ConsolidatedValue[];
  resolver: Resolver;
}

/**
 * A partial sum over some units of one cell in one state: `sum` of the numbers (for yes/no, 1 per "Có") and
 * `count` of the units that reported it. Partials of different unit kinds add up to the province level, so the
 * database can do the summing (GROUP BY) and the rules stay here, in one place.
 */
export interface CellPartial {
  element: string;
  cell: CellKey;
  state: 'number' | 'yesno';
  sum: number;
  count: number;
}

/** Partial sums of the values of the given units (what the database's GROUP BY returns). */
export function partialsOf(units: readonly ConsolidationUnit[]): CellPartial[] {
  const acc = new Map<string, CellPartial>();
  for (const u of units) {
    for (const sv of u.values) {
      const v = sv.value;
      if (v.state !== 'number' && v.state !== 'yesno') continue;
      const k = `${sv.element}\u0000${sv.cell}\u0000${v.state}`;
      const p = acc.get(k) ?? { element: sv.element, cell: sv.cell, state: v.state, sum: 0, count: 0 };
      p.sum += v.state === 'number' ? v.value : v.value ? 1 : 0;
      p.count += 1;
      acc.set(k, p);
    }
  }
  return [...acc.values()];
}

function aggregateLevel(
  elements: readonly DataElement[],
  partials: readonly CellPartial[],
  provinceValues: readonly StoredValue[] | null,
): Level {
  const acc = new Map<string, { value: number; units: number }>();
  const answered = new Map<string, { yes: number; answered: number }>();
  const key = (e: string, c: CellKey) => `${e}\u0000${c}`;
  const byCode = new Map(elements.map((e) => [e.code, e]));

  for (const p of partials) {
    const el = byCode.get(p.element);
    if (!el || el.collectedFrom === 'province' || !el.cells.includes(p.cell)) continue;
    const numeric = (el.type === 'integer' || el.type === 'decimal') && p.state === 'number';
    const yesno = el.type === 'yesno' && p.state === 'yesno';
    if (!numeric && !yesno) continue;
    const a = acc.get(key(el.code, p.cell)) ?? { value: 0, units: 0 };
    a.value += p.sum;
    a.units += p.count;
    acc.set(key(el.code, p.cell), a);
    if (yesno && p.cell === 'value') answered.set(el.code, { yes: a.value, answered: a.units });
  }
  if (provinceValues) {
    for (const sv of provinceValues) {
      const el = byCode.get(sv.element);
      if (!el || el.collectedFrom !== 'province' || !el.cells.includes(sv.cell)) continue;
      const v = sv.value;
      if ((el.type === 'integer' || el.type === 'decimal') && v.state === 'number') {
        acc.set(key(el.code, sv.cell), { value: v.value, units: 0 });
      } else if (el.type === 'yesno' && v.state === 'yesno') {
        acc.set(key(el.code, sv.cell), { value: v.value ? 1 : 0, units: 0 });
        if (sv.cell === 'value') answered.set(el.code, { yes: v.value ? 1 : 0, answered: 1 });
      }
    }
  }

  const values: ConsolidatedValue[] = [];
  for (const el of elements) {
    if (el.type === 'text') continue;
    for (const cell of el.cells) {
      const a = acc.get(key(el.code, cell));
      // a non-finite sum (only from figures stored before the import had bounds) is never handed on as a number
      if (a && Number.isFinite(a.value)) values.push({ code: el.code, cell, value: tidy(a.value), units: a.units });
    }
  }
  const resolver: Resolver = {
    cell: (e, c) => {
      const a = acc.get(key(e, c));
      return a ? tidy(a.value) : null;
    },
    countYes: (e) => answered.get(e)?.yes ?? null,
    countReported: (e) => answered.get(e)?.answered ?? null,
  };
  return { values, resolver };
}

/**
 * The target that applies to `year`: the province's own target for that year; else the province's target for the
 * nearest target year at or after `year`; else the national one chosen the same way (targets are "by year X":
 * the 2025 target for years up to 2025, the 2030 target for 2026–2030); past the last target year, the last one.
 */
export function targetFor(
  indicator: { code: string; targets?: Targets },
  year: number,
  provinceTargets: ProvinceTargets = {},
): IndicatorResult['target'] {
  const pick = (targets: Targets | undefined): { year: number; t: Target } | null => {
    if (!targets) return null;
    const years = Object.keys(targets)
      .map(Number)
      .filter((y) => Number.isFinite(y) && targets[String(y)])
      .sort((a, b) => a - b);
    if (years.length === 0) return null;
    const y = years.find((x) => x >= year) ?? years[years.length - 1]!;
    return { year: y, t: targets[String(y)]! };
  };
  const prov = pick(provinceTargets[indicator.code]);
  if (prov) return { year: prov.year, op: prov.t.op, value: prov.t.value, source: 'province' };
  const nat = pick(indicator.targets);
  if (nat) return { year: nat.year, op: nat.t.op, value: nat.t.value, source: 'national' };
  return null;
}

export function isMet(value: number | null, target: IndicatorResult['target']): boolean | null {
  if (value === null || !target) return null;
  return compare(value, target.op, target.value);
}

const compiled = new Map<string, ReturnType<typeof compileExpression>>();

function safeEval(expr: string, r: Resolver): number | null {
  try {
    let c = compiled.get(expr);
    if (!c) {
      c = compileExpression(expr);
      if (compiled.size > 5000) compiled.clear();
      compiled.set(expr, c);
    }
    return evaluateExpression(c, r, 'skip_if_all');
  } catch (e) {
    if (e instanceof ExpressionError) return null;
    throw e;
  }
}

export function computeIndicator(
  ind: Indicator,
  r: Resolver,
  year: number,
  provinceTargets: ProvinceTargets,
): IndicatorResult {
  const numerator = safeEval(ind.numerator, r);
  const denominator = safeEval(ind.denominator, r);
  const raw =
    numerator === null || denominator === null || denominator === 0
      ? null
      : (numerator / denominator) * (ind.factor || 1);
  const value = raw !== null && Number.isFinite(raw) ? raw : null;
  const target = targetFor(ind, year, provinceTargets);
  return { code: ind.code, value, numerator, denominator, target, met: isMet(value, target) };
}

/** What the database hands over instead of every unit's values: partial sums per unit kind, and the texts. */
export interface PartialInput {
  elements: DataElement[];
  indicators: Indicator[];
  provinceTargets: ProvinceTargets;
  year: number;
  byKind: Partial<Record<UnitKind, CellPartial[]>>;
  texts: Consolidation['texts'];
  provinceValues: StoredValue[];
}

export function consolidatePartials(input: PartialInput): ConsolidateOutput {
  const { elements, indicators, provinceTargets, year, provinceValues } = input;
  const indicatorsFor = (r: Resolver) => indicators.map((i) => computeIndicator(i, r, year, provinceTargets));
  const all = aggregateLevel(
    elements,
    UNIT_KINDS.flatMap((k) => input.byKind[k] ?? []),
    provinceValues,
  );
  const byKind: Consolidation['byKind'] = [];
  for (const kind of UNIT_KINDS) {
    const partials = input.byKind[kind];
    if (!partials) continue;
    const level = aggregateLevel(elements, partials, null);
    byKind.push({ kind, values: level.values, indicators: indicatorsFor(level.resolver) });
  }
  return { values: all.values, indicators: indicatorsFor(all.resolver), texts: input.texts, byKind };
}

export function consolidate(input: ConsolidateInput): ConsolidateOutput {
  const { elements, units } = input;
  const texts: Consolidation['texts'] = [];
  for (const el of elements) {
    if (el.type !== 'text') continue;
    for (const u of units) {
      for (const sv of u.values) {
        if (sv.element === el.code && sv.value.state === 'text' && sv.value.value.trim()) {
          texts.push({ code: el.code, unit: u.unitCode, unitName: u.unitName, text: sv.value.value });
        }
      }
    }
  }
  const byKind: PartialInput['byKind'] = {};
  for (const kind of UNIT_KINDS) {
    const ofKind = units.filter((u) => u.kind === kind);
    if (ofKind.length) byKind[kind] = partialsOf(ofKind);
  }
  return consolidatePartials({ ...input, byKind, texts });
}

/** Strategy indicators that are a data element themselves (e.g. CL.M4.4 = CSYT_LGBT): value and target. */
export interface ElementStrategyResult extends IndicatorResult {
  element: string;
  cell: CellKey;
}

export function elementStrategyResults(
  elements: readonly DataElement[],
  values: readonly ConsolidatedValue[],
  year: number,
  provinceTargets: ProvinceTargets = {},
): ElementStrategyResult[] {
  const out: ElementStrategyResult[] = [];
  for (const el of elements) {
    if (!el.strategyCode) continue;
    const cell = el.cells.includes('value') ? 'value' : el.cells.includes('total') ? 'total' : el.cells[0];
    if (!cell) continue;
    const v = values.find((x) => x.code === el.code && x.cell === cell)?.value ?? null;
    const target = targetFor({ code: el.strategyCode, targets: el.targets }, year, provinceTargets);
    out.push({
      code: el.strategyCode,
      element: el.code,
      cell,
      value: v,
      numerator: null,
      denominator: null,
      target,
      met: isMet(v, target),
    });
  }
  return out;
}

export interface Change {
  current: number | null;
  previous: number | null;
  /** percentage points for % indicators, plain difference for other ratios, per cent for counts; null if unknown */
  change: number | null;
  kind: 'points' | 'difference' | 'percent';
}

/** A change between two figures; `percent` is null when the previous figure is 0 or missing. */
export function changeBetween(current: number | null, previous: number | null, kind: Change['kind']): Change {
  let change: number | null = null;
  if (current !== null && previous !== null) {
    if (kind === 'percent') change = previous === 0 ? null : ((current - previous) / Math.abs(previous)) * 100;
    else change = current - previous;
  }
  return { current, previous, change: change === null ? null : tidy(change), kind };
}

export interface Comparison {
  indicators: Array<{ code: string } & Change>;
  values: Array<{ code: string; cell: CellKey } & Change>;
}

/**
 * Compares this period with the same period of last year: % indicators (unit "%") in percentage points, other
 * ratios as a plain difference, counts (consolidated values) in per cent. Pass the catalogue's indicators so the
 * unit is known; without them every indicator is compared in points.
 */
export function compareWithPrevious(
  current: Pick<Consolidation, 'values' | 'indicators'>,
  previous: Pick<Consolidation, 'values' | 'indicators'> | null,
  catalogIndicators: readonly Pick<Indicator, 'code' | 'unit'>[] = [],
): Comparison {
  const unitOf = new Map(catalogIndicators.map((i) => [i.code, i.unit]));
  const prevInd = new Map((previous?.indicators ?? []).map((i) => [i.code, i.value]));
  const prevVal = new Map((previous?.values ?? []).map((v) => [`${v.code}.${v.cell}`, v.value]));
  return {
    indicators: current.indicators.map((i) => {
      const unit = unitOf.get(i.code);
      const kind = unit === undefined || unit.trim() === '%' ? 'points' : 'difference';
      return { code: i.code, ...changeBetween(i.value, prevInd.get(i.code) ?? null, kind) };
    }),
    values: current.values.map((v) => ({
      code: v.code,
      cell: v.cell,
      ...changeBetween(v.value, prevVal.get(`${v.code}.${v.cell}`) ?? null, 'percent'),
    })),
  };
}

/** The women's share (nữ ÷ tổng số × 100) of each element with both cells summed and a total above 0. */
export function femaleShares(values: ConsolidatedValue[]): Consolidation['femaleShares'] {
  const totals = new Map<string, number>();
  for (const v of values) if (v.cell === 'total') totals.set(v.code, v.value);
  const out: Consolidation['femaleShares'] = [];
  for (const v of values) {
    if (v.cell !== 'female') continue;
    const total = totals.get(v.code);
    if (total === undefined || total === 0) continue;
    out.push({ code: v.code, percent: (v.value / total) * 100 });
  }
  return out;
}
