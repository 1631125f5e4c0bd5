/** Names, not codes: the indicator chart's labels, the value editor's "Không áp dụng". */
import { fireEvent, render, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { IndicatorResult } from '../../src/shared/domain/report';
import { indicatorChart } from '../../src/renderer/src/components/indicatorChart';
import { ValueEditor } from '../../src/renderer/src/components/ValueEditor';

const result = (code: string, value: number, met: boolean): IndicatorResult =>
  ({ code, value, numerator: 1, denominator: 2, target: { year: 2030, op: '>=', value: 50 }, met }) as IndicatorResult;

describe('names, not codes', () => {
  it('labels the indicator chart with names', () => {
    const names: Record<string, string> = {
      'CL.M1.1': 'Tỷ lệ nữ đại biểu HĐND',
      'TL.HUONG_UOC.KHONG_PBDX': 'Tỷ lệ hương ước không phân biệt đối xử',
    };
    const chart = indicatorChart(
      [result('CL.M1.1', 40, false), result('TL.HUONG_UOC.KHONG_PBDX', 80, true), result('X', 3, true)],
      (c) => (c === 'X' ? 'người' : '%'),
      (c) => names[c] ?? c,
    )!;
    const labels = (chart.option.yAxis as { data: string[] }).data;
    expect(labels).toEqual(['Tỷ lệ nữ đại biểu HĐND', 'Tỷ lệ hương ước không phân biệt đối xử']);
    expect(JSON.stringify(chart.option)).not.toMatch(/CL\.M1|HUONG_UOC/);
    expect(chart.height).toBeGreaterThan(100);
  });

  it('writes "Không áp dụng" out in the value editor', () => {
    let v: unknown = { state: 'number', value: 3 };
    render(
      <ValueEditor
        element={{ type: 'integer', name: 'Số cuộc' }}
        value={{ state: 'number', value: 3 }}
        onChange={(x) => (v = x)}
        label="Số cuộc"
      />,
    );
    expect(screen.queryByText('KAD')).toBeNull();
    fireEvent.click(screen.getByRole('checkbox', { name: 'Số cuộc: không áp dụng' }));
    expect(v).toEqual({ state: 'na' });
    expect(screen.getByText('Không áp dụng')).toBeTruthy();
  });
});
