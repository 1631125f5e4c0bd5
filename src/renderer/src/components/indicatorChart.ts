/**
 * Bars of indicator results against their targets (percentages only, so the scale is shared). Each bar is labelled
 * with the indicator's NAME (wrapped beside the bar, the full name in the tooltip), never its code.
 */
import type { IndicatorResult } from '../../../shared/domain/report';
import { formatNumber } from '../../../shared/text/vi';
import type { ChartOption } from './Chart';

export interface IndicatorChart {
  option: ChartOption;
  /** a height that gives each indicator's wrapped name room */
  height: number;
}

/** the result the chart shows: indicators in %, with a target and a value */
export function chartedIndicators(results: IndicatorResult[], unitOf: (code: string) => string): IndicatorResult[] {
  return results.filter((i) => i.target && i.value !== null && unitOf(i.code) === '%');
}

export function indicatorChart(
  results: IndicatorResult[],
  unitOf: (code: string) => string,
  nameOf: (code: string) => string,
): IndicatorChart | null {
  const shown = chartedIndicators(results, unitOf);
  if (!shown.length) return null;
  const round = (v: number) => Math.round(v * 10) / 10;
  const option: ChartOption = {
    legend: { top: 0, data: ['Đạt', 'Chưa đạt', 'Mục tiêu'] },
    grid: { left: 16, right: 24, top: 32, bottom: 24, containLabel: true },
    tooltip: {
      trigger: 'axis',
      axisPointer: { type: 'shadow' },
      valueFormatter: (v: unknown) => (typeof v === 'number' ? `${formatNumber(v, 1)}%` : ''),
    },
    yAxis: {
      type: 'category',
      inverse: true,
      data: shown.map((i) => nameOf(i.code)),
      axisLabel: { width: 300, overflow: 'break', lineHeight: 14, fontSize: 11 },
    },
    xAxis: { type: 'value', axisLabel: { formatter: (v: number) => `${formatNumber(v)}%` } },
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
  return { option, height: 70 + shown.length * 44 };
}
