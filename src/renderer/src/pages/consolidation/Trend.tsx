/** One indicator across the periods, as a line. */
import { Empty } from 'antd';
import { useMemo } from 'react';
import { formatNumber } from '../../../../shared/text/vi';
import { useOp } from '../../api/client';
import { Chart, type ChartOption } from '../../components/Chart';
import { ErrorBox, Loading } from '../../components/common';
import type { CatalogIndex } from '../../state/catalog';

export function Trend({ code, index }: { code: string; index: CatalogIndex }) {
  const q = useOp('consolidation.trend', { indicator: code });
  const option = useMemo<ChartOption | null>(() => {
    const pts = q.data ?? [];
    if (!pts.length) return null;
    return {
      grid: { left: 60, right: 20, top: 20, bottom: 40 },
      tooltip: { trigger: 'axis' },
      xAxis: { type: 'category', data: pts.map((p) => p.label) },
      yAxis: { type: 'value', axisLabel: { formatter: (x: number) => formatNumber(x) } },
      series: [
        {
          name: index.indicatorName(code),
          type: 'line',
          connectNulls: true,
          label: {
            show: true,
            formatter: (p: { value: number | null }) => (p.value === null ? '' : formatNumber(p.value, 1)),
          },
          data: pts.map((p) => (p.value === null ? null : Math.round(p.value * 100) / 100)),
        },
      ],
    };
  }, [q.data, code, index]);
  if (q.isLoading) return <Loading />;
  if (q.error) return <ErrorBox error={q.error} />;
  return option ? (
    <Chart option={option} height={240} label={`Diễn biến chỉ tiêu ${index.indicatorName(code)} qua các kỳ`} />
  ) : (
    <Empty description="Chưa có số liệu qua các kỳ." />
  );
}
