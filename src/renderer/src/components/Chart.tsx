/**
 * A chart (ECharts, SVG renderer), its code loaded on first use (./EChart) and only once the page around it has
 * painted: ECharts is the renderer's largest library, and the figures it draws are always written out beside it
 * (the cards, the tables), so the page shows them first. Until then a box of the chart's size with the same
 * spoken description, so nothing shifts when the chart arrives.
 */
import type { EChartsCoreOption } from 'echarts/core';
import { lazy, Suspense, useEffect, useState } from 'react';

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
  // after the next paint: a frame, then a task (a frame callback alone runs before that frame paints)
  const [painted, setPainted] = useState(false);
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const frame = requestAnimationFrame(() => {
      timer = setTimeout(() => setPainted(true), 0);
    });
    return () => {
      cancelAnimationFrame(frame);
      if (timer !== undefined) clearTimeout(timer);
    };
  }, []);
  const box = <div role="img" aria-label={props.label} aria-busy style={{ width: '100%', height }} />;
  if (!painted) return box;
  return (
    <Suspense fallback={box}>
      <EChart {...props} height={height} />
    </Suspense>
  );
}
