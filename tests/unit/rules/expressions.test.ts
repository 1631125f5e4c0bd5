import { describe, expect, it } from 'vitest';
import type { DataElement } from '../../../src/shared/domain/catalog';
import {
  checkExpression,
  compare,
  evaluateExpression,
  ExpressionError,
  parseExpression,
  type Resolver,
} from '../../../src/shared/rules/expressions';
import catalog from '../../../resources/catalog.json';

const elements = catalog.dataElements as unknown as DataElement[];

describe('parseExpression', () => {
  it('reads cells, sums and the two functions', () => {
    expect(parseExpression('LDQL.female').terms).toEqual([{ kind: 'cell', element: 'LDQL', cell: 'female' }]);
    expect(parseExpression(' SINH_SONG.male +SINH_SONG.female ').terms).toHaveLength(2);
    expect(parseExpression('count_yes(XA_DU4TINBAI)').terms).toEqual([{ kind: 'count_yes', element: 'XA_DU4TINBAI' }]);
    expect(parseExpression('count_reported( XA_DU4TINBAI )').terms[0]).toEqual({
      kind: 'count_reported',
      element: 'XA_DU4TINBAI',
    });
  });
  it.each(['', 'LDQL', 'LDQL.women', 'LDQL.female +', 'LDQL.female - LDQL.total', 'sum(LDQL)', '1 + LDQL.total'])(
    'rejects %j with a Vietnamese message',
    (src) => {
      expect(() => parseExpression(src)).toThrow(ExpressionError);
    },
  );
  it('every catalogue expression parses and checks', () => {
    for (const i of catalog.indicators) {
      expect(() => checkExpression(i.numerator, elements)).not.toThrow();
      expect(() => checkExpression(i.denominator, elements)).not.toThrow();
    }
    for (const r of catalog.validationRules) {
      expect(() => checkExpression(r.left, elements)).not.toThrow();
      expect(() => checkExpression(r.right, elements)).not.toThrow();
    }
  });
  it('checkExpression names unknown codes and cells', () => {
    expect(() => checkExpression('KHONG_CO.value', elements)).toThrow(/không có chỉ tiêu mã "KHONG_CO"/);
    expect(() => checkExpression('VB_BANHANH.female', elements)).toThrow(/không có ô "female"/);
    expect(() => checkExpression('count_yes(LDQL)', elements)).toThrow(/có\/không/);
  });
});

describe('evaluateExpression', () => {
  const r: Resolver = {
    cell: (e, c) => (e === 'A' && c === 'male' ? 10 : e === 'A' && c === 'female' ? 5 : null),
    countYes: (e) => (e === 'Y' ? 3 : null),
    countReported: (e) => (e === 'Y' ? 4 : null),
  };
  it('sums, and skips when any or all are missing', () => {
    expect(evaluateExpression('A.male + A.female', r)).toBe(15);
    expect(evaluateExpression('A.male + A.total', r, 'skip_if_any')).toBeNull();
    expect(evaluateExpression('A.male + A.total', r, 'skip_if_all')).toBe(10);
    expect(evaluateExpression('B.total + A.total', r, 'skip_if_all')).toBeNull();
    expect(evaluateExpression('count_yes(Y)', r)).toBe(3);
    expect(evaluateExpression('count_reported(Y)', r)).toBe(4);
  });
  it('compare tolerates float noise but keeps strict ops strict', () => {
    expect(compare(0.1 + 0.2, '==', 0.3)).toBe(true);
    expect(compare(30, '<', 30)).toBe(false);
    expect(compare(29.99, '<', 30)).toBe(true);
    expect(compare(90, '>', 90)).toBe(false);
    expect(compare(90, '>=', 90)).toBe(true);
  });
});
