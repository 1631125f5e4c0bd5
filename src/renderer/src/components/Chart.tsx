/**
 * A chart (ECharts, SVG renderer), its code loaded on first use (./EChart): until it is there, a box of the
 * chart's size with the same spoken description, so the page shows and does not shift when the chart arrives.
 */
import type { EChartsCoreOption } from 'echarts/core';
import { lazy, Suspense } from 'react';

export type ChartOption = EChartsCoreOption;

const EChart = lazy(() => import('./EChart'));

export function Chart(props: {
  option: ChartOption;
  height?: number;
  /** spoken description of the chart (the figures are also shown as text nearby) */
  label: string;
  onClick?: (params: { name: string; seriesName?: string; dataIndex: number }) => void;
}) {
  const height = props.height ?? 260;
  return (
    <Suspense fallback={<div role="img" aria-label={props.label} aria-busy style={{ width: '100%', height }} />}>
      <EChart {...props} height={height} />
    </Suspense>
  );
}
