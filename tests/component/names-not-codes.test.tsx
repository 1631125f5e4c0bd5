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

  it('says "tạm tính" in the chart where the table does: its own series, in the legend only when some bar is one', () => {
    const results = [result('A', 40, false), result('B', 80, true), result('C', 60, true)];
    const series = (provisional?: (code: string) => boolean) => {
      const o = indicatorChart(
        results,
        () => '%',
        (c) => c,
        provisional,
      )!.option as {
        legend: { data: string[] };
        series: Array<{ name: string; data: Array<number | null>; itemStyle: { decal?: unknown } }>;
      };
      return { legend: o.legend.data, bars: Object.fromEntries(o.series.map((x) => [x.name, x])) };
    };
    // every figure from all units expected: as before
    expect(series().legend).toEqual(['Đạt', 'Chưa đạt', 'Mục tiêu']);
    expect(series().bars['Đạt']!.data).toEqual([null, 80, 60]);
    // B and A from part of the units: each in its "tạm tính" series, striped; C stays "Đạt"
    const part = series((c) => c !== 'C');
    expect(part.legend).toEqual(['Đạt', 'Đạt (tạm tính)', 'Chưa đạt', 'Chưa đạt (tạm tính)', 'Mục tiêu']);
    expect(part.bars['Đạt']!.data).toEqual([null, null, 60]);
    expect(part.bars['Đạt (tạm tính)']!.data).toEqual([null, 80, null]);
    expect(part.bars['Chưa đạt (tạm tính)']!.data).toEqual([40, null, null]);
    expect(part.bars['Chưa đạt']!.data).toEqual([null, null, null]);
    expect(part.bars['Đạt (tạm tính)']!.itemStyle.decal).toBeTruthy();
    expect(part.bars['Đạt']!.itemStyle.decal).toBeUndefined();
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
