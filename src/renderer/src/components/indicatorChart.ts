/**
 * Bars of indicator results against their targets (percentages only, so the scale is shared). Each bar is labelled
 * with the indicator's NAME (wrapped beside the bar, the full name in the tooltip), never its code. An assessment
 * from part of the units expected (`provisional`, shared/rules/coverage.ts) is its own series, "Đạt (tạm tính)" /
 * "Chưa đạt (tạm tính)", in a lighter colour with stripes, as the documents and the table under the chart say it.
 */
import type { IndicatorResult } from '../../../shared/domain/report';
import { PROVISIONAL } from '../../../shared/text/labels';
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

const STRIPES = { symbol: 'rect', rotation: Math.PI / 4, dashArrayX: [1, 0], dashArrayY: [3, 3], color: '#ffffffaa' };

export function indicatorChart(
  results: IndicatorResult[],
  unitOf: (code: string) => string,
  nameOf: (code: string) => string,
  provisional: (code: string) => boolean = () => false,
): IndicatorChart | null {
  const shown = chartedIndicators(results, unitOf);
  if (!shown.length) return null;
  const round = (v: number) => Math.round(v * 10) / 10;
  const tail = ` (${PROVISIONAL})`;
  const bars = [
    { name: 'Đạt', met: true, tentative: false, color: '#389e0d' },
    { name: `Đạt${tail}`, met: true, tentative: true, color: '#73b34f' },
    { name: 'Chưa đạt', met: false, tentative: false, color: '#cf1322' },
    { name: `Chưa đạt${tail}`, met: false, tentative: true, color: '#de5a63' },
  ]
    .map((b) => ({
      ...b,
      data: shown.map((i) => (!!i.met === b.met && provisional(i.code) === b.tentative ? round(i.value!) : null)),
    }))
    // a "tạm tính" series only when some bar is one (the legend lists what the chart shows)
    .filter((b) => !b.tentative || b.data.some((v) => v !== null));
  const option: ChartOption = {
    legend: { top: 0, data: [...bars.map((b) => b.name), 'Mục tiêu'] },
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
      ...bars.map((b) => ({
        name: b.name,
        type: 'bar' as const,
        stack: 'kq',
        itemStyle: { color: b.color, ...(b.tentative ? { decal: STRIPES } : {}) },
        data: b.data,
      })),
      { name: 'Mục tiêu', type: 'bar', itemStyle: { color: '#9fb0c8' }, data: shown.map((i) => i.target!.value) },
    ],
  };
  return { option, height: 70 + shown.length * 44 };
}
