import { describe, expect, it } from 'vitest';
import type { CellKey, DataElement, ValidationRule } from '../../../src/shared/domain/catalog';
import type { StoredValue } from '../../../src/shared/domain/records';
import { evaluateRules } from '../../../src/shared/rules/validation';
import catalog from '../../../resources/catalog.json';

const elements = catalog.dataElements as unknown as DataElement[];
const rules = catalog.validationRules as unknown as ValidationRule[];
const cellLabels = catalog.cellLabels as Record<CellKey, string>;
const n = (element: string, cell: CellKey, value: number): StoredValue => ({
  element,
  cell,
  value: { state: 'number', value },
});

describe('evaluateRules', () => {
  it('reports female > total with the figures, code, severity, element and cell', () => {
    const f = evaluateRules(rules, [n('TT_LUOT', 'total', 10), n('TT_LUOT', 'female', 12)], elements, cellLabels);
    expect(f).toEqual([
      {
        code: 'R01',
        severity: 'error',
        message:
          'Số nữ không được lớn hơn tổng số (Số lượt người tham dự tuyên truyền về bình đẳng giới): Nữ = 12, ' +
          'Tổng số = 10. Hãy kiểm tra lại hai ô này.',
        element: 'TT_LUOT',
        cell: 'female',
      },
    ]);
  });
  it('passes when the rule holds (equality included)', () => {
    expect(evaluateRules(rules, [n('TT_LUOT', 'total', 12), n('TT_LUOT', 'female', 12)], elements, cellLabels)).toEqual(
      [],
    );
  });
  it('skips when an operand is missing or na', () => {
    expect(evaluateRules(rules, [n('TT_LUOT', 'female', 12)], elements, cellLabels)).toEqual([]);
    const na: StoredValue = { element: 'TT_LUOT', cell: 'total', value: { state: 'na' } };
    expect(evaluateRules(rules, [na, n('TT_LUOT', 'female', 12)], elements, cellLabels)).toEqual([]);
  });
  it('handles sums (R18 nam + nữ = tổng) and formats numbers vi-VN', () => {
    const f = evaluateRules(
      rules,
      [n('SINH_SONG', 'total', 1234), n('SINH_SONG', 'male', 650), n('SINH_SONG', 'female', 600)],
      elements,
      cellLabels,
    );
    expect(f.map((x) => x.code)).toEqual(['R18']);
    expect(f[0]!.message).toContain('Nam + Nữ = 1.250, Tổng số = 1.234');
    expect(f[0]!.message).toContain('các ô này');
  });
  it('names the elements when a rule spans two of them; warnings keep their severity', () => {
    const f = evaluateRules(
      rules,
      [n('CBCCVC', 'total', 100), n('CBCCVC', 'female', 50), n('QUYHOACH', 'total', 120), n('QUYHOACH', 'female', 20)],
      elements,
      cellLabels,
    );
    expect(f).toHaveLength(1);
    expect(f[0]).toMatchObject({ code: 'R46', severity: 'warning', element: 'QUYHOACH', cell: 'total' });
    expect(f[0]!.message).toMatch(/quy hoạch.*tổng số = 120.*công chức.*tổng số = 100/);
  });
});
