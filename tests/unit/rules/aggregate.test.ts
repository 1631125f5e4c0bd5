import { describe, expect, it } from 'vitest';
import type { CellKey, DataElement, Indicator, UnitKind } from '../../../src/shared/domain/catalog';
import type { StoredValue } from '../../../src/shared/domain/records';
import {
  changeBetween,
  compareWithPrevious,
  consolidate,
  elementStrategyResults,
  targetFor,
  type ConsolidationUnit,
} from '../../../src/shared/rules/aggregate';
import catalog from '../../../resources/catalog.json';

const elements = catalog.dataElements as unknown as DataElement[];
const indicators = catalog.indicators as unknown as Indicator[];
const n = (element: string, cell: CellKey, value: number): StoredValue => ({
  element,
  cell,
  value: { state: 'number', value },
});
const yn = (element: string, value: boolean): StoredValue => ({
  element,
  cell: 'value',
  value: { state: 'yesno', value },
});
const na = (element: string, cell: CellKey): StoredValue => ({ element, cell, value: { state: 'na' } });
let nextId = 1;
const unit = (kind: UnitKind, values: StoredValue[], code = `U${nextId}`): ConsolidationUnit => ({
  unitId: nextId++,
  unitCode: code,
  unitName: `Đơn vị ${code}`,
  kind,
  values,
});
const run = (units: ConsolidationUnit[], year = 2026, provinceValues: StoredValue[] = [], provinceTargets = {}) =>
  consolidate({ elements, indicators, provinceTargets, year, units, provinceValues });
const ind = (r: ReturnType<typeof run>, code: string) => r.indicators.find((i) => i.code === code)!;
const val = (r: ReturnType<typeof run>, code: string, cell: CellKey) =>
  r.values.find((v) => v.code === code && v.cell === cell);

describe('consolidate', () => {
  it('recomputes ratios from sums: 2 of 4 and 1 of 10 give 3/14 = 21,43 %, not 30 %', () => {
    const r = run([
      unit('xa', [n('CQ_TONG', 'value', 4), n('CQ_LDCC_NU', 'value', 2)]),
      unit('xa', [n('CQ_TONG', 'value', 10), n('CQ_LDCC_NU', 'value', 1)]),
    ]);
    const m11 = ind(r, 'CL.M1.1');
    expect(m11.numerator).toBe(3);
    expect(m11.denominator).toBe(14);
    expect(m11.value).toBeCloseTo(21.428571, 5);
    expect(m11.target).toEqual({ year: 2030, op: '>=', value: 75, source: 'national' });
    expect(m11.met).toBe(false);
    expect(val(r, 'CQ_TONG', 'value')).toEqual({ code: 'CQ_TONG', cell: 'value', value: 14, units: 2 });
  });

  it('sums cells over the units that reported them; na and blanks are not counted', () => {
    const r = run([
      unit('so_nganh', [n('LDQL', 'total', 20), n('LDQL', 'female', 5)]),
      unit('doan_the', [n('LDQL', 'total', 10), na('LDQL', 'female')]),
      unit('xa', [na('LDQL', 'total')]),
      unit('xa', []),
    ]);
    expect(val(r, 'LDQL', 'total')).toMatchObject({ value: 30, units: 2 });
    expect(val(r, 'LDQL', 'female')).toMatchObject({ value: 5, units: 1 });
    expect(val(r, 'CBCCVC', 'total')).toBeUndefined();
    expect(ind(r, 'TL.LDQL.NU').value).toBeCloseTo(16.6667, 3);
  });

  it('zero or missing denominator gives null, never Infinity or NaN', () => {
    const r = run([unit('xa', [n('CQ_TONG', 'value', 0), n('CQ_LDCC_NU', 'value', 0)])]);
    expect(ind(r, 'CL.M1.1')).toMatchObject({ value: null, numerator: 0, denominator: 0, met: null });
    expect(ind(r, 'TL.LDQL.NU')).toMatchObject({ value: null, numerator: null, denominator: null, met: null });
  });

  it('yes/no: value = number of "Có", units = number that answered; count_yes/count_reported', () => {
    const r = run([
      unit('xa', [yn('XA_DU4TINBAI', true)]),
      unit('xa', [yn('XA_DU4TINBAI', false)]),
      unit('xa', [yn('XA_DU4TINBAI', true)]),
      unit('xa', [na('XA_DU4TINBAI', 'value')]),
    ]);
    expect(val(r, 'XA_DU4TINBAI', 'value')).toEqual({ code: 'XA_DU4TINBAI', cell: 'value', value: 2, units: 3 });
    const m63 = ind(r, 'CL.M6.3');
    expect(m63).toMatchObject({ numerator: 2, denominator: 3, met: false });
    expect(m63.value).toBeCloseTo(66.6667, 3);
  });

  it('province values are taken as entered, never summed from units', () => {
    const r = run(
      [unit('so_nganh', [n('LD_NU_COVIECLAM', 'value', 999)]), unit('xa', [n('LD_NU_COVIECLAM', 'value', 1)])],
      2026,
      [n('LD_NU_COVIECLAM', 'value', 200_000), n('LD_NU_LCHL', 'value', 110_000)],
    );
    expect(val(r, 'LD_NU_COVIECLAM', 'value')).toEqual({
      code: 'LD_NU_COVIECLAM',
      cell: 'value',
      value: 200_000,
      units: 0,
    });
    expect(ind(r, 'CL.M2.1').value).toBeCloseTo(55, 9);
    // per kind: province values belong to no kind
    expect(r.byKind.find((k) => k.kind === 'so_nganh')!.indicators.find((i) => i.code === 'CL.M2.1')!.value).toBeNull();
  });

  it('byKind recomputes the same figures per unit kind', () => {
    const r = run([
      unit('so_nganh', [n('CQ_TONG', 'value', 4), n('CQ_LDCC_NU', 'value', 3)]),
      unit('xa', [n('CQ_TONG', 'value', 10), n('CQ_LDCC_NU', 'value', 1)]),
      unit('xa', [n('CQ_TONG', 'value', 6), n('CQ_LDCC_NU', 'value', 1)]),
    ]);
    expect(r.byKind.map((k) => k.kind)).toEqual(['so_nganh', 'xa']);
    const xa = r.byKind.find((k) => k.kind === 'xa')!;
    expect(xa.values.find((v) => v.code === 'CQ_TONG')).toMatchObject({ value: 16, units: 2 });
    expect(xa.indicators.find((i) => i.code === 'CL.M1.1')!.value).toBeCloseTo(12.5, 9);
    expect(ind(r, 'CL.M1.1').value).toBeCloseTo(25, 9);
  });

  it('lists text answers by unit and keeps them out of values; decimals are summed without float noise', () => {
    const r = run([
      unit('xa', [{ element: 'TXT_KETQUA', cell: 'value', value: { state: 'text', value: '=HYPERLINK("x")' } }], 'X1'),
      unit('xa', [n('KINHPHI', 'value', 0.1)]),
      unit('xa', [n('KINHPHI', 'value', 0.2)]),
    ]);
    expect(r.texts).toEqual([{ code: 'TXT_KETQUA', unit: 'X1', unitName: 'Đơn vị X1', text: '=HYPERLINK("x")' }]);
    expect(r.values.some((v) => v.code === 'TXT_KETQUA')).toBe(false);
    expect(val(r, 'KINHPHI', 'value')!.value).toBe(0.3);
  });

  it('strict operators: < 30 is not met by exactly 30', () => {
    const pv = [n('LD_NU_COVIECLAM', 'value', 100), n('LD_NU_NONGNGHIEP', 'value', 30)];
    const r2025 = run([], 2025, pv);
    expect(ind(r2025, 'CL.M2.2')).toMatchObject({ value: 30, target: { year: 2025, op: '<', value: 30 }, met: false });
    const r = run([], 2025, [n('LD_NU_COVIECLAM', 'value', 100), n('LD_NU_NONGNGHIEP', 'value', 29)]);
    expect(ind(r, 'CL.M2.2').met).toBe(true);
  });

  it('a bad officer-added expression gives null instead of failing the consolidation', () => {
    const bad: Indicator = {
      code: 'X',
      name: 'x',
      unit: '%',
      numerator: 'LDQL.',
      denominator: 'LDQL.total',
      factor: 100,
      targets: {},
    };
    const r = consolidate({
      elements,
      indicators: [bad],
      provinceTargets: {},
      year: 2026,
      units: [],
      provinceValues: [],
    });
    expect(r.indicators[0]!.value).toBeNull();
  });
});

describe('targetFor', () => {
  const m11 = indicators.find((i) => i.code === 'CL.M1.1')!;
  it('2025 target up to 2025, 2030 target from 2026, province override first', () => {
    expect(targetFor(m11, 2024)).toEqual({ year: 2025, op: '>=', value: 60, source: 'national' });
    expect(targetFor(m11, 2025)).toEqual({ year: 2025, op: '>=', value: 60, source: 'national' });
    expect(targetFor(m11, 2027)).toEqual({ year: 2030, op: '>=', value: 75, source: 'national' });
    expect(targetFor(m11, 2032)).toEqual({ year: 2030, op: '>=', value: 75, source: 'national' });
    const prov = { 'CL.M1.1': { '2027': { op: '>=' as const, value: 70 } } };
    expect(targetFor(m11, 2027, prov)).toEqual({ year: 2027, op: '>=', value: 70, source: 'province' });
    expect(targetFor(m11, 2026, prov)).toEqual({ year: 2027, op: '>=', value: 70, source: 'province' });
  });
  it('falls back to whatever exists (only 2025), and null without targets', () => {
    const m52a = indicators.find((i) => i.code === 'CL.M5.2A')!;
    // CL.M5.2A gained its 2030 target in catalogue 2026.2 ("khoảng 99%"): 2027 uses it; with only 2025, 2025
    expect(targetFor(m52a, 2027)).toMatchObject({ year: 2030, value: 99, source: 'national' });
    const only2025 = { ...m52a, targets: { '2025': m52a.targets['2025']! } };
    expect(targetFor(only2025, 2027)).toMatchObject({ year: 2025, op: '>', value: 90, source: 'national' });
    expect(
      targetFor(
        indicators.find((i) => i.code === 'TL.LDQL.NU')!,
        2026,
      ),
    ).toBeNull();
  });
  it('met uses the applicable target: 65 % meets 2025 (≥ 60) but not 2027 (≥ 75), and meets a province 65', () => {
    const units = [unit('xa', [n('CQ_TONG', 'value', 20), n('CQ_LDCC_NU', 'value', 13)])];
    expect(ind(run(units, 2025), 'CL.M1.1').met).toBe(true);
    expect(ind(run(units, 2027), 'CL.M1.1').met).toBe(false);
    const prov = { 'CL.M1.1': { '2027': { op: '>=' as const, value: 65 } } };
    expect(ind(run(units, 2027, [], prov), 'CL.M1.1')).toMatchObject({ met: true, target: { source: 'province' } });
  });
});

describe('elementStrategyResults and compareWithPrevious', () => {
  it('strategy rows that are a data element (CL.M4.4 = CSYT_LGBT)', () => {
    const r = run([unit('so_nganh', [n('CSYT_LGBT', 'value', 2)])], 2026);
    const s = elementStrategyResults(elements, r.values, 2026);
    expect(s.find((x) => x.code === 'CL.M4.4')).toMatchObject({
      value: 2,
      met: false,
      target: { year: 2030, value: 3 },
    });
    expect(s.find((x) => x.code === 'CL.M5.1')).toMatchObject({ value: null, met: null });
  });
  it('percentage points for % indicators, per cent for counts', () => {
    expect(changeBetween(25, 20, 'points').change).toBe(5);
    expect(changeBetween(25, 20, 'percent').change).toBe(25);
    expect(changeBetween(25, 0, 'percent').change).toBeNull();
    expect(changeBetween(null, 20, 'points').change).toBeNull();
    const cur = run([unit('xa', [n('CQ_TONG', 'value', 10), n('CQ_LDCC_NU', 'value', 3)])]);
    const prev = run([unit('xa', [n('CQ_TONG', 'value', 8), n('CQ_LDCC_NU', 'value', 2)])]);
    const c = compareWithPrevious(cur, prev, indicators);
    expect(c.indicators.find((i) => i.code === 'CL.M1.1')).toMatchObject({
      current: 30,
      previous: 25,
      change: 5,
      kind: 'points',
    });
    expect(c.values.find((v) => v.code === 'CQ_TONG')).toMatchObject({ change: 25, kind: 'percent' });
    expect(compareWithPrevious(cur, null, indicators).indicators[0]!.change).toBeNull();
  });
});
