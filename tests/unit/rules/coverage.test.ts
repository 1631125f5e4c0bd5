/** shared/rules/coverage.ts: how many units an indicator comes from, and when its assessment is provisional. */
import { describe, expect, it } from 'vitest';
import type { DataElement } from '../../../src/shared/domain/catalog';
import type { ConsolidatedValue } from '../../../src/shared/domain/report';
import { indicatorUnits, isProvisional } from '../../../src/shared/rules/coverage';

const el = (code: string, collectedFrom: DataElement['collectedFrom'] = 'units'): DataElement =>
  ({
    code,
    name: code,
    unit: '',
    type: 'integer',
    cells: ['total', 'female', 'value'],
    section: 'I',
    reportedBy: ['xa'],
    sensitive: false,
    collectedFrom,
    aggregation: 'sum',
  }) as DataElement;
const v = (code: string, cell: ConsolidatedValue['cell'], units: number): ConsolidatedValue => ({
  code,
  cell,
  value: 1,
  units,
});
const elements = [el('A'), el('B'), el('P', 'province'), el('Y')];

describe('indicatorUnits', () => {
  it('is the most units of the numerator’s and the denominator’s cells', () => {
    const values = [v('A', 'female', 12), v('A', 'total', 13), v('B', 'total', 9)];
    expect(indicatorUnits({ numerator: 'A.female', denominator: 'A.total' }, elements, values)).toBe(13);
    expect(indicatorUnits({ numerator: 'B.total', denominator: 'A.female' }, elements, values)).toBe(12);
  });
  it('reads count_yes / count_reported of an element’s value cell', () => {
    expect(
      indicatorUnits({ numerator: 'count_yes(Y)', denominator: 'count_reported(Y)' }, elements, [v('Y', 'value', 7)]),
    ).toBe(7);
  });
  it('is null for an indicator of province figures only, and 0 for unit figures nobody sent', () => {
    expect(indicatorUnits({ numerator: 'P.value', denominator: 'P.total' }, elements, [v('P', 'value', 0)])).toBeNull();
    expect(indicatorUnits({ numerator: 'A.female', denominator: 'P.total' }, elements, [])).toBe(0);
  });
});

describe('isProvisional', () => {
  it('is true for unit figures while some expected units have not reported, false otherwise', () => {
    expect(isProvisional(13, { expected: 20, received: 13 })).toBe(true);
    expect(isProvisional(20, { expected: 20, received: 20 })).toBe(false);
    expect(isProvisional(null, { expected: 20, received: 13 })).toBe(false);
  });
});
