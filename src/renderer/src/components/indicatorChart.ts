/** Bars of indicator results against their targets (percentages only, so the scale is shared). */
import type { IndicatorResult } from '../../../shared/domain/report';
import { formatNumber } from '../../../shared/text/vi';
import type { ChartOption } from './Chart';

export function indicatorChart(
  results: IndicatorResult[],
  unitOf: (code: string) => string,
  shortCode: (code: string) => string = (c) => c,
): ChartOption | null {
  const shown = results.filter((i) => i.target && i.value !== null && unitOf(i.code) === '%');
  if (!shown.length) return null;
  const round = (v: number) => Math.round(v * 10) / 10;
  return {
    legend: { top: 0, data: ['Đạt', 'Chưa đạt', 'Mục tiêu'] },
    grid: { left: 50, right: 16, top: 36, bottom: 56 },
    tooltip: {
      trigger: 'axis',
      valueFormatter: (v: unknown) => (typeof v === 'number' ? `${formatNumber(v, 1)}%` : ''),
    },
    xAxis: { type: 'category', data: shown.map((i) => shortCode(i.code)), axisLabel: { interval: 0, rotate: 30 } },
    yAxis: { type: 'value', axisLabel: { formatter: (v: number) => `${formatNumber(v)}%` } },
    series: [
      {
        name: 'Đạt',
        type: 'bar',
        stack: 'kq',
        itemStyle: { color: '#389e0d' },
        data: shown.map((i) => (i.met ? round(i.value!) : null)),
      },
      {
        name: 'Chưa đạt',
        type: 'bar',
        stack: 'kq',
        itemStyle: { color: '#cf1322' },
        data: shown.map((i) => (i.met ? null : round(i.value!))),
      },
      { name: 'Mục tiêu', type: 'bar', itemStyle: { color: '#9fb0c8' }, data: shown.map((i) => i.target!.value) },
    ],
  };
}
