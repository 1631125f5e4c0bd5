/**
 * The indicators: a chart against targets, the table (last year beside), and one indicator's trend. As in the
 * documents: an assessment from part of the units expected is "tạm tính", and last year's value from a different
 * number of units is marked (**), each said under the table.
 */
import { Card, Empty, Flex, Select, Space, Table, Typography, type TableColumnsType } from 'antd';
import { useMemo, useState } from 'react';
import type { Consolidation, IndicatorResult } from '../../../../shared/domain/report';
import { COVERAGE_NOTE } from '../../../../shared/text/labels';
import { compareVi, formatNumber } from '../../../../shared/text/vi';
import { Chart } from '../../components/Chart';
import { indicatorChart } from '../../components/indicatorChart';
import { indicatorCoverage, MetTag, ProvisionalNote, targetText } from '../../components/IndicatorTag';
import { isStrategy, type CatalogIndex } from '../../state/catalog';
import { Trend } from './Trend';

export function IndicatorsTab({ c, index }: { c: Consolidation; index: CatalogIndex }) {
  const [trendCode, setTrendCode] = useState<string | null>(null);
  const prev = useMemo(() => new Map((c.previous?.indicators ?? []).map((i) => [i.code, i])), [c.previous]);
  const withTarget = c.indicators.filter((i) => i.target && i.value !== null);
  const coverage = useMemo(() => indicatorCoverage(c, index), [c, index]);
  const chart = useMemo(
    () =>
      indicatorChart(withTarget, index.indicatorUnit, index.indicatorName, (code) => !!coverage.get(code)?.provisional),
    [withTarget, index, coverage],
  );
  const sorted = useMemo(
    () =>
      [...c.indicators].sort(
        (a, b) => Number(isStrategy(b.code)) - Number(isStrategy(a.code)) || compareVi(a.code, b.code),
      ),
    [c.indicators],
  );
  const code = trendCode ?? sorted[0]?.code ?? null;
  const anyProvisional = [...coverage.values()].some((x) => x.provisional);
  const anyDiffers = [...coverage.values()].some((x) => x.differs);
  const columns: TableColumnsType<IndicatorResult> = [
    { title: 'Chỉ tiêu', render: (_: unknown, i) => index.indicatorName(i.code) },
    {
      title: 'Tử số',
      dataIndex: 'numerator',
      width: 90,
      align: 'right',
      render: (n: number | null) => formatNumber(n),
    },
    {
      title: 'Mẫu số',
      dataIndex: 'denominator',
      width: 90,
      align: 'right',
      render: (n: number | null) => formatNumber(n),
    },
    {
      title: 'Kết quả',
      width: 100,
      align: 'right',
      render: (_: unknown, i) =>
        i.value === null ? '—' : `${formatNumber(i.value, 1)}${index.indicatorUnit(i.code) === '%' ? '%' : ''}`,
    },
    ...(c.previous
      ? [
          {
            title: 'Năm trước',
            width: 100,
            align: 'right' as const,
            render: (_: unknown, i: IndicatorResult) => {
              const p = prev.get(i.code)?.value;
              if (p === null || p === undefined) return '—';
              return `${formatNumber(p, 1)}${coverage.get(i.code)?.differs ? ' (**)' : ''}`;
            },
          },
        ]
      : []),
    {
      title: 'Mục tiêu',
      width: 170,
      render: (_: unknown, i) => targetText(i.target, index.indicatorUnit(i.code)),
    },
    {
      title: 'Đánh giá',
      width: 150,
      render: (_: unknown, i) =>
        i.target ? <MetTag met={i.met} provisional={coverage.get(i.code)?.provisional} /> : null,
    },
  ];

  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <Card size="small" title="Kết quả so với mục tiêu">
        {chart ? (
          <Chart option={chart.option} height={chart.height} label="Biểu đồ kết quả các chỉ tiêu so với mục tiêu" />
        ) : (
          <Empty description="Chưa có chỉ tiêu tỷ lệ nào đủ số liệu để so với mục tiêu." />
        )}
      </Card>
      <div>
        <Table<IndicatorResult> size="small" rowKey="code" pagination={false} dataSource={sorted} columns={columns} />
        {anyProvisional ? <ProvisionalNote reporting={c.reporting} /> : null}
        {anyDiffers ? (
          <Typography.Paragraph type="secondary" style={{ marginTop: 8, marginBottom: 0 }}>
            (**) {COVERAGE_NOTE}
          </Typography.Paragraph>
        ) : null}
      </div>
      <Card
        size="small"
        title="Diễn biến qua các kỳ"
        extra={
          <Flex align="center" gap={8}>
            <label htmlFor="trend-indicator">Chỉ tiêu:</label>
            <Select
              id="trend-indicator"
              style={{ width: 420 }}
              showSearch={{ optionFilterProp: 'label' }}
              value={code ?? undefined}
              onChange={setTrendCode}
              options={sorted.map((i) => ({ value: i.code, label: index.indicatorName(i.code) }))}
            />
          </Flex>
        }
      >
        {code ? <Trend code={code} index={index} /> : null}
      </Card>
    </Space>
  );
}
