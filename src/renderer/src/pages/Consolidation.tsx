/** Tổng hợp: consolidated figures by section (Tổng số / Nữ / Nam / tỷ lệ nữ), drill-down, by kind, indicators. */
import { Alert, Card, Drawer, Empty, Flex, Select, Space, Table, Tabs, Tag, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { Link } from 'react-router-dom';
import type { DrillRow } from '../../../shared/contract';
import type { CellKey, DataElement, UnitKind } from '../../../shared/domain/catalog';
import type { ConsolidatedValue, Consolidation, IndicatorResult } from '../../../shared/domain/report';
import { compareVi, formatNumber } from '../../../shared/text/vi';
import { useOp } from '../api/client';
import { Chart, type ChartOption } from '../components/Chart';
import { ErrorBox, Loading, PageHeader, WithPeriod } from '../components/common';
import { indicatorChart } from '../components/indicatorChart';
import { MetTag, targetText } from '../components/IndicatorTag';
import { CELL_LABEL, UNIT_KIND_LABEL } from '../labels';
import { isStrategy, useCatalog, type CatalogIndex } from '../state/catalog';
import { usePeriod } from '../state/period';

export function ConsolidationPage() {
  const { period } = usePeriod();
  return (
    <>
      <PageHeader
        title="Tổng hợp"
        sub={
          period
            ? `Kỳ báo cáo: ${period.label}. Số liệu lấy từ lần nộp mới nhất của mỗi đơn vị; tỷ lệ được tính lại từ tổng, không lấy trung bình.`
            : undefined
        }
      />
      <WithPeriod>{(id) => <ConsolidationBody periodId={id} />}</WithPeriod>
    </>
  );
}

type VMap = Map<string, ConsolidatedValue>;
const vkey = (code: string, cell: CellKey) => `${code}|${cell}`;
const toMap = (values: ConsolidatedValue[]): VMap => new Map(values.map((v) => [vkey(v.code, v.cell), v]));
export const mainCell = (el: DataElement): CellKey => (el.cells.includes('total') ? 'total' : (el.cells[0] ?? 'value'));

interface Row {
  key: string;
  section?: string;
  element?: DataElement;
}

function ConsolidationBody({ periodId }: { periodId: number }) {
  const q = useOp('consolidation.get', { periodId });
  const { index } = useCatalog();
  const [drill, setDrill] = useState<{ element: DataElement; cell: CellKey } | null>(null);
  if (q.isLoading || !index) return <Loading />;
  if (q.error || !q.data) return <ErrorBox error={q.error} onRetry={() => void q.refetch()} />;
  const c = q.data;
  return (
    <>
      <Alert
        type="info"
        showIcon
        style={{ marginBottom: 16 }}
        title={`${formatNumber(c.reporting.received)}/${formatNumber(c.reporting.expected)} đơn vị đã báo cáo (${formatNumber(c.reporting.onTime)} đúng hạn)${c.previous ? `; so sánh với kỳ “${c.previous.label}”` : ''}.`}
      />
      <Tabs
        items={[
          {
            key: 'values',
            label: 'Số liệu tổng hợp',
            children: <ValuesTable c={c} index={index} onDrill={(element, cell) => setDrill({ element, cell })} />,
          },
          { key: 'kind', label: 'Theo loại đơn vị', children: <ByKind c={c} index={index} /> },
          { key: 'indicators', label: 'Chỉ tiêu', children: <Indicators c={c} index={index} /> },
          {
            key: 'texts',
            label: `Ý kiến của đơn vị (${formatNumber(c.texts.length)})`,
            children: <Texts c={c} index={index} />,
          },
        ]}
      />
      <Drawer
        open={!!drill}
        onClose={() => setDrill(null)}
        size={640}
        title={drill ? `${drill.element.name} – ${CELL_LABEL[drill.cell]}` : ''}
        destroyOnHidden
      >
        {drill ? <DrillList periodId={periodId} element={drill.element} cell={drill.cell} /> : null}
      </Drawer>
    </>
  );
}

function useRows(index: CatalogIndex): Row[] {
  return useMemo(() => {
    const cat = index.catalog;
    const out: Row[] = [];
    for (const sec of cat.sections) {
      const els = cat.dataElements.filter((e) => e.section === sec.code && e.type !== 'text');
      if (!els.length) continue;
      out.push({ key: `s-${sec.code}`, section: `${sec.code}. ${sec.name}` });
      for (const e of els) out.push({ key: e.code, element: e });
    }
    return out;
  }, [index]);
}

function femaleShare(v: VMap, code: string): number | null {
  const t = v.get(vkey(code, 'total'))?.value;
  const f = v.get(vkey(code, 'female'))?.value;
  if (t === undefined || f === undefined || t === 0) return null;
  return (f / t) * 100;
}

function ValuesTable({
  c,
  index,
  onDrill,
}: {
  c: Consolidation;
  index: CatalogIndex;
  onDrill: (el: DataElement, cell: CellKey) => void;
}) {
  const rows = useRows(index);
  const v = useMemo(() => toMap(c.values), [c.values]);
  const prev = useMemo(() => (c.previous ? toMap(c.previous.values) : null), [c.previous]);
  const span = (r: Row, n: number) => (r.section ? { colSpan: n } : {});
  const hide = (r: Row) => (r.section ? { colSpan: 0 } : {});
  const NCOLS = 8 + (prev ? 1 : 0);

  const figure = (r: Row, cell: CellKey) => {
    const el = r.element;
    if (!el || !el.cells.includes(cell)) return null;
    const x = v.get(vkey(el.code, cell));
    if (!x) return <span aria-label="Chưa có số liệu">—</span>;
    const text = el.type === 'yesno' ? `${formatNumber(x.value)} Có` : formatNumber(x.value);
    if (el.collectedFrom === 'province') return text;
    return (
      <button
        type="button"
        className="clickable-num"
        onClick={() => onDrill(el, cell)}
        aria-label={`${el.name} – ${CELL_LABEL[cell]}: ${text}. Xem các đơn vị`}
      >
        {text}
      </button>
    );
  };

  return (
    <Table<Row>
      size="small"
      bordered
      rowKey="key"
      pagination={false}
      dataSource={rows}
      sticky
      tableLayout="fixed"
      columns={[
        {
          title: 'Mã số',
          width: 150,
          onCell: (r) => span(r, NCOLS),
          render: (_: unknown, r) =>
            r.section ? (
              <Typography.Text strong>{r.section}</Typography.Text>
            ) : (
              <span style={{ fontSize: 12 }}>{r.element!.code}</span>
            ),
        },
        {
          title: 'Chỉ tiêu',
          onCell: hide,
          render: (_: unknown, r) =>
            r.element ? (
              <>
                {r.element.name}
                <Typography.Text type="secondary"> ({r.element.unit})</Typography.Text>
                {r.element.collectedFrom === 'province' ? <Tag style={{ marginInlineStart: 6 }}>Cấp tỉnh</Tag> : null}
              </>
            ) : null,
        },
        ...(['total', 'female', 'male'] as CellKey[]).map((cell) => ({
          title: CELL_LABEL[cell],
          width: 105,
          align: 'right' as const,
          onCell: hide,
          render: (_: unknown, r: Row) => figure(r, cell),
        })),
        {
          title: 'Tỷ lệ nữ',
          width: 85,
          align: 'right' as const,
          onCell: hide,
          render: (_: unknown, r: Row) => {
            if (!r.element?.cells.includes('female')) return null;
            const p = femaleShare(v, r.element.code);
            return p === null ? '—' : `${formatNumber(p, 1)}%`;
          },
        },
        {
          title: CELL_LABEL.value,
          width: 105,
          align: 'right' as const,
          onCell: hide,
          render: (_: unknown, r: Row) => figure(r, 'value'),
        },
        {
          title: 'Số đơn vị báo cáo',
          width: 100,
          align: 'right' as const,
          onCell: hide,
          render: (_: unknown, r: Row) => {
            if (!r.element) return null;
            const n = Math.max(0, ...r.element.cells.map((cell) => v.get(vkey(r.element!.code, cell))?.units ?? 0));
            return n ? formatNumber(n) : '—';
          },
        },
        ...(prev
          ? [
              {
                title: 'Cùng kỳ năm trước',
                width: 110,
                align: 'right' as const,
                onCell: hide,
                render: (_: unknown, r: Row) => {
                  if (!r.element) return null;
                  const x = prev.get(vkey(r.element.code, mainCell(r.element)));
                  return x ? formatNumber(x.value) : '—';
                },
              },
            ]
          : []),
      ]}
    />
  );
}

function DrillList({ periodId, element, cell }: { periodId: number; element: DataElement; cell: CellKey }) {
  const q = useOp('consolidation.drill', { periodId, element: element.code, cell });
  if (q.isLoading) return <Loading />;
  if (q.error || !q.data) return <ErrorBox error={q.error} />;
  const rows = [...q.data.rows].sort((a, b) => compareVi(a.unitName, b.unitName));
  const sum = rows.reduce((s, r) => s + (typeof r.value === 'number' ? r.value : r.value === true ? 1 : 0), 0);
  const show = (r: DrillRow) =>
    r.na
      ? 'Không áp dụng'
      : typeof r.value === 'boolean'
        ? r.value
          ? 'Có'
          : 'Không'
        : typeof r.value === 'number'
          ? formatNumber(r.value, 4)
          : (r.value ?? '');
  return (
    <>
      <Typography.Paragraph>
        {formatNumber(rows.length)} đơn vị báo cáo; cộng lại: <strong>{formatNumber(sum, 4)}</strong>
        {element.type === 'yesno' ? ' đơn vị trả lời “Có”' : ` ${element.unit}`}.
      </Typography.Paragraph>
      <Table<DrillRow>
        size="small"
        rowKey="submissionId"
        pagination={false}
        dataSource={rows}
        columns={[
          {
            title: 'Đơn vị',
            dataIndex: 'unitName',
            render: (v: string, r) => <Link to={`/bao-cao/${r.submissionId}`}>{v}</Link>,
          },
          { title: 'Loại', dataIndex: 'kind', width: 170, render: (k: UnitKind) => UNIT_KIND_LABEL[k] },
          { title: 'Giá trị', width: 120, align: 'right', render: (_: unknown, r) => show(r) },
        ]}
      />
    </>
  );
}

function ByKind({ c, index }: { c: Consolidation; index: CatalogIndex }) {
  const rows = useRows(index);
  const kinds = c.byKind.map((k) => k.kind);
  const maps = useMemo(() => new Map(c.byKind.map((k) => [k.kind, toMap(k.values)])), [c.byKind]);
  const total = useMemo(() => toMap(c.values), [c.values]);
  if (!kinds.length) return <Empty description="Chưa có số liệu." />;
  const hide = (r: Row) => (r.section ? { colSpan: 0 } : {});
  return (
    <>
      <Typography.Paragraph type="secondary">
        Mỗi ô là số liệu chính của chỉ tiêu (tổng số, hoặc số liệu khi chỉ tiêu không chia theo giới).
      </Typography.Paragraph>
      <Table<Row>
        size="small"
        bordered
        rowKey="key"
        pagination={false}
        dataSource={rows}
        sticky
        tableLayout="fixed"
        columns={[
          {
            title: 'Chỉ tiêu',
            onCell: (r) => (r.section ? { colSpan: kinds.length + 2 } : {}),
            render: (_: unknown, r) =>
              r.section ? (
                <Typography.Text strong>{r.section}</Typography.Text>
              ) : (
                <>
                  {r.element!.name}
                  <Typography.Text type="secondary"> ({r.element!.unit})</Typography.Text>
                </>
              ),
          },
          ...kinds.map((k) => ({
            title: UNIT_KIND_LABEL[k],
            width: 130,
            align: 'right' as const,
            onCell: hide,
            render: (_: unknown, r: Row) => {
              if (!r.element) return null;
              const x = maps.get(k)?.get(vkey(r.element.code, mainCell(r.element)));
              return x ? formatNumber(x.value) : '—';
            },
          })),
          {
            title: 'Toàn tỉnh',
            width: 120,
            align: 'right' as const,
            onCell: hide,
            render: (_: unknown, r: Row) => {
              if (!r.element) return null;
              const x = total.get(vkey(r.element.code, mainCell(r.element)));
              return x ? <strong>{formatNumber(x.value)}</strong> : '—';
            },
          },
        ]}
      />
    </>
  );
}

function Indicators({ c, index }: { c: Consolidation; index: CatalogIndex }) {
  const [trendCode, setTrendCode] = useState<string | null>(null);
  const prev = useMemo(() => new Map((c.previous?.indicators ?? []).map((i) => [i.code, i])), [c.previous]);
  const withTarget = c.indicators.filter((i) => i.target && i.value !== null);
  const chart = useMemo<ChartOption | null>(() => indicatorChart(withTarget, index.indicatorUnit), [withTarget, index]);
  const sorted = useMemo(
    () =>
      [...c.indicators].sort(
        (a, b) => Number(isStrategy(b.code)) - Number(isStrategy(a.code)) || compareVi(a.code, b.code),
      ),
    [c.indicators],
  );
  const code = trendCode ?? sorted[0]?.code ?? null;
  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <Card size="small" title="Kết quả so với mục tiêu">
        {chart ? (
          <Chart option={chart} height={280} label="Biểu đồ kết quả các chỉ tiêu so với mục tiêu" />
        ) : (
          <Empty description="Chưa có chỉ tiêu tỷ lệ nào đủ số liệu để so với mục tiêu." />
        )}
      </Card>
      <Table<IndicatorResult>
        size="small"
        rowKey="code"
        pagination={false}
        dataSource={sorted}
        columns={[
          { title: 'Mã', dataIndex: 'code', width: 140 },
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
                    return p === null || p === undefined ? '—' : formatNumber(p, 1);
                  },
                },
              ]
            : []),
          {
            title: 'Mục tiêu',
            width: 170,
            render: (_: unknown, i) => targetText(i.target, index.indicatorUnit(i.code)),
          },
          { title: 'Đánh giá', width: 130, render: (_: unknown, i) => (i.target ? <MetTag met={i.met} /> : null) },
        ]}
      />
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
              options={sorted.map((i) => ({ value: i.code, label: `${i.code} – ${index.indicatorName(i.code)}` }))}
            />
          </Flex>
        }
      >
        {code ? <Trend code={code} index={index} /> : null}
      </Card>
    </Space>
  );
}

function Trend({ code, index }: { code: string; index: CatalogIndex }) {
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

function Texts({ c, index }: { c: Consolidation; index: CatalogIndex }) {
  if (!c.texts.length) return <Empty description="Chưa có ý kiến nào." />;
  return (
    <Table
      size="small"
      rowKey={(r) => `${r.code}-${r.unit}`}
      pagination={{ pageSize: 20, hideOnSinglePage: true, showSizeChanger: false }}
      dataSource={c.texts}
      columns={[
        { title: 'Nội dung', dataIndex: 'code', width: 260, render: (x: string) => index.element.get(x)?.name ?? x },
        { title: 'Đơn vị', dataIndex: 'unitName', width: 220 },
        {
          title: 'Ý kiến',
          dataIndex: 'text',
          render: (t: string) => <span style={{ whiteSpace: 'pre-wrap' }}>{t}</span>,
        },
      ]}
    />
  );
}
