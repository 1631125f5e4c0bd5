/**
 * A small ECharts wrapper (SVG renderer: crisp in screenshots and print, no eval). Loaded on demand through
 * ./Chart (ECharts and zrender are a quarter of the renderer's code: not parsed before the first screen shows).
 */
import { BarChart, LineChart, PieChart } from 'echarts/charts';
import {
  GridComponent,
  LegendComponent,
  MarkLineComponent,
  TitleComponent,
  TooltipComponent,
} from 'echarts/components';
import * as echarts from 'echarts/core';
import { SVGRenderer } from 'echarts/renderers';
import { useEffect, useRef } from 'react';
import { formatNumber } from '../../../shared/text/vi';

echarts.use([
  BarChart,
  LineChart,
  PieChart,
  GridComponent,
  LegendComponent,
  MarkLineComponent,
  TitleComponent,
  TooltipComponent,
  SVGRenderer,
]);

// Vietnamese texts for the few built-in labels we may show (the rest falls back to the default locale).
echarts.registerLocale('VI', {
  time: {
    month: Array.from({ length: 12 }, (_, i) => `Tháng ${i + 1}`),
    monthAbbr: Array.from({ length: 12 }, (_, i) => `Th${String(i + 1).padStart(2, '0')}`),
    dayOfWeek: ['Chủ nhật', 'Thứ hai', 'Thứ ba', 'Thứ tư', 'Thứ năm', 'Thứ sáu', 'Thứ bảy'],
    dayOfWeekAbbr: ['CN', 'T2', 'T3', 'T4', 'T5', 'T6', 'T7'],
  },
  legend: { selector: { all: 'Tất cả', inverse: 'Ngược lại' } },
} as unknown as Parameters<typeof echarts.registerLocale>[1]);

export default function EChart({
  option,
  height = 260,
  label,
  onClick,
}: {
  option: echarts.EChartsCoreOption;
  height?: number;
  /** spoken description of the chart (the figures are also shown as text nearby) */
  label: string;
  onClick?: (params: { name: string; seriesName?: string; dataIndex: number }) => void;
}) {
  const ref = useRef<HTMLDivElement>(null);
  const chart = useRef<echarts.ECharts | null>(null);

  useEffect(() => {
    if (!ref.current) return;
    const c = echarts.init(ref.current, null, { renderer: 'svg', locale: 'VI' });
    chart.current = c;
    const ro = new ResizeObserver(() => c.resize());
    ro.observe(ref.current);
    return () => {
      ro.disconnect();
      c.dispose();
      chart.current = null;
    };
  }, []);

  useEffect(() => {
    chart.current?.setOption(
      {
        textStyle: { fontFamily: "'Segoe UI', Roboto, 'Noto Sans', Arial, sans-serif" },
        tooltip: { valueFormatter: (v: unknown) => (typeof v === 'number' ? formatNumber(v) : String(v ?? '')) },
        ...option,
      },
      true,
    );
  }, [option]);

  useEffect(() => {
    const c = chart.current;
    if (!c || !onClick) return;
    const h = (p: unknown) => onClick(p as { name: string; seriesName?: string; dataIndex: number });
    c.on('click', h);
    return () => {
      c.off('click', h);
    };
  }, [onClick]);

  return <div ref={ref} role="img" aria-label={label} style={{ width: '100%', height }} />;
}
