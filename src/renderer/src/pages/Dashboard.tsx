/** Tổng quan: the current period at a glance: who sent, who is late, strategy indicators, recent imports. */
import { MailOutlined, PhoneOutlined } from '@ant-design/icons';
import {
  Alert,
  Card,
  Col,
  Empty,
  List,
  Row,
  Space,
  Statistic,
  Table,
  Tag,
  Typography,
  type TableColumnsType,
} from 'antd';
import { useCallback, useMemo } from 'react';
import { Link } from 'react-router-dom';
import type { ImportAttempt, UnitStatusRow } from '../../../shared/domain/report';
import { submissionStates } from '../../../shared/rules/submission-states';
import { compareVi, formatDate, formatNumber } from '../../../shared/text/vi';
import { useOp } from '../api/client';
import { Chart, type ChartOption } from '../components/Chart';
import { ErrorBox, LinkButton, Loading, PeriodPage } from '../components/common';
import { indicatorCoverage, MetTag, ProvisionalNote, targetText } from '../components/IndicatorTag';
import { indicatorChart } from '../components/indicatorChart';
import { LogTable } from '../components/LogTable';
import { UNASSIGNED_QUERY, unassignedLine } from './ExportReadiness';
import { PreviewList } from '../components/PreviewList';
import {
  IMPORT_STATUS_COLOR,
  IMPORT_STATUS_LABEL,
  REPORT_STATUS_COLOR,
  REPORT_STATUS_LABEL,
  SUBMISSION_STATUS_COLOR,
  SUBMISSION_STATUS_LABEL,
  UNIT_KIND_LABEL,
} from '../labels';
import { isStrategy, useCatalog } from '../state/catalog';

export function DashboardPage() {
  return (
    <PeriodPage title="Tổng quan" sub={(period) => `Kỳ báo cáo: ${period.label}`}>
      {(id) => <DashboardBody periodId={id} />}
    </PeriodPage>
  );
}

function DeadlineText({ deadline, daysLeft }: { deadline: string; daysLeft: number }) {
  const d = daysLeft;
  if (d > 0)
    return (
      <>
        Còn {formatNumber(d)} ngày đến hạn nộp ({formatDate(deadline)})
      </>
    );
  if (d === 0) return <>Hôm nay là hạn nộp ({formatDate(deadline)})</>;
  return (
    <>
      Đã quá hạn nộp {formatNumber(-d)} ngày (hạn {formatDate(deadline)})
    </>
  );
}

function DashboardBody({ periodId }: { periodId: number }) {
  // asked in this order, the host answering one at a time: the completeness figures first, the consolidation
  // (the slowest, most of all its first call after a write) last, so the cheap answers do not wait behind it
  const status = useOp('status.get', { periodId });
  const subs = useOp('submissions.list', { periodId });
  const recent = useOp('imports.recent', { periodId, limit: 10 });
  const cons = useOp('consolidation.get', { periodId });
  // files credited to no unit yet: asked last, a line under the deadline when there are some
  const inbox = useOp('inbox.list', { periodId, ...UNASSIGNED_QUERY });
  const unassigned = inbox.data?.unassigned ? unassignedLine(inbox.data.unassigned) : null;
  const states = useMemo(() => submissionStates(subs.data ?? [], compareVi), [subs.data]);
  const { index } = useCatalog();

  const s = status.data;
  const statusChart = useMemo<ChartOption | null>(() => {
    if (!s) return null;
    return {
      grid: { left: 110, right: 40, top: 10, bottom: 30 },
      xAxis: { type: 'value', minInterval: 1, axisLabel: { formatter: (v: number) => formatNumber(v) } },
      yAxis: { type: 'category', inverse: true, data: ['Đã nhận', 'Đúng hạn', 'Trễ hạn', 'Cần gửi lại', 'Chưa nộp'] },
      series: [
        {
          type: 'bar',
          name: 'Số đơn vị',
          barWidth: 22,
          label: { show: true, position: 'right', formatter: (p: { value: number }) => formatNumber(p.value) },
          data: [
            { value: s.received, itemStyle: { color: '#1f5fbf' } },
            { value: s.onTime, itemStyle: { color: '#389e0d' } },
            { value: s.late, itemStyle: { color: '#d46b08' } },
            { value: s.returned, itemStyle: { color: '#ad2102' } },
            { value: s.missing, itemStyle: { color: '#cf1322' } },
          ],
        },
      ],
    };
  }, [s]);

  const strategy = useMemo(
    () => (cons.data?.indicators ?? []).filter((i) => isStrategy(i.code) && i.target),
    [cons.data],
  );
  /** an assessment from part of the units expected is "tạm tính", as in the documents */
  const coverage = useMemo(() => (cons.data && index ? indicatorCoverage(cons.data, index) : null), [cons.data, index]);
  const provisional = useCallback((code: string): boolean => coverage?.get(code)?.provisional ?? false, [coverage]);
  const strategyChart = useMemo(
    () => (index ? indicatorChart(strategy, index.indicatorUnit, index.indicatorName, provisional) : null),
    [strategy, index, provisional],
  );

  const lateOrMissing = useMemo(
    () =>
      (s?.units ?? [])
        .filter((u) => u.status === 'late' || u.status === 'missing')
        .sort((a, b) => (a.status === b.status ? compareVi(a.name, b.name) : a.status === 'missing' ? -1 : 1)),
    [s],
  );
  // units whose files were all refused: they did send, and wait for the officer's feedback
  const returned = useMemo(
    () => (s?.units ?? []).filter((u) => u.status === 'returned').sort((a, b) => compareVi(a.name, b.name)),
    [s],
  );

  if (status.isLoading) return <Loading />;
  if (status.error || !s) return <ErrorBox error={status.error} onRetry={() => void status.refetch()} />;

  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <Alert
        type={s.daysLeft < 0 && s.missing > 0 ? 'warning' : 'info'}
        showIcon
        title={<DeadlineText deadline={s.deadline} daysLeft={s.daysLeft} />}
      />
      {unassigned ? (
        <Alert
          type="warning"
          showIcon
          title={unassigned.text}
          action={
            <LinkButton to={unassigned.to} size="small">
              {unassigned.link}
            </LinkButton>
          }
        />
      ) : null}
      <Row gutter={[16, 16]}>
        {[
          { t: 'Phải báo cáo', v: s.expected },
          { t: 'Đã nhận', v: s.received },
          { t: 'Đúng hạn', v: s.onTime },
          { t: 'Trễ hạn', v: s.late },
          { t: 'Chưa nộp', v: s.missing },
          { t: REPORT_STATUS_LABEL.returned, v: s.returned },
          // last years' reports entered as history: received, neither on time nor late
          ...(s.history ? [{ t: REPORT_STATUS_LABEL.history, v: s.history }] : []),
          { t: SUBMISSION_STATUS_LABEL.needs_fix, v: states.counts.needs_fix },
          { t: SUBMISSION_STATUS_LABEL.approved, v: states.counts.approved },
        ].map((x) => (
          <Col key={x.t} flex="1 1 0">
            <Card size="small">
              <Statistic title={x.t} value={x.v} formatter={(v) => formatNumber(Number(v))} />
            </Card>
          </Col>
        ))}
      </Row>
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={10}>
          <Card title="Tình hình nộp báo cáo" size="small">
            {statusChart ? (
              <Chart
                option={statusChart}
                height={200}
                label={`Đã nhận ${s.received}, đúng hạn ${s.onTime}, trễ hạn ${s.late}${s.history ? `, nhập bổ sung không xét hạn ${s.history}` : ''}, đã gửi nhưng cần gửi lại ${s.returned}, chưa nộp ${s.missing} trên ${s.expected} đơn vị`}
              />
            ) : null}
            <Table
              size="small"
              style={{ marginTop: 8 }}
              pagination={false}
              rowKey="kind"
              dataSource={s.byKind}
              columns={[
                {
                  title: 'Loại đơn vị',
                  dataIndex: 'kind',
                  render: (k: keyof typeof UNIT_KIND_LABEL) => UNIT_KIND_LABEL[k],
                },
                { title: 'Phải nộp', dataIndex: 'expected', align: 'right', render: (n: number) => formatNumber(n) },
                { title: 'Đã nhận', dataIndex: 'received', align: 'right', render: (n: number) => formatNumber(n) },
                { title: 'Cần gửi lại', dataIndex: 'returned', align: 'right', render: (n: number) => formatNumber(n) },
                { title: 'Chưa nộp', dataIndex: 'missing', align: 'right', render: (n: number) => formatNumber(n) },
              ]}
            />
          </Card>
        </Col>
        <Col xs={24} xl={14}>
          <Card
            title={`Đơn vị chưa nộp hoặc nộp trễ (${formatNumber(lateOrMissing.length)})`}
            size="small"
            extra={
              s.missing || s.returned ? (
                <LinkButton to="/xuat-bao-cao?tab=reminder" size="small">
                  Soạn văn bản đôn đốc
                </LinkButton>
              ) : null
            }
          >
            <LateList units={lateOrMissing} />
          </Card>
        </Col>
      </Row>
      {returned.length ? (
        <Card
          title={`Đơn vị đã gửi nhưng cần gửi lại (${formatNumber(returned.length)})`}
          size="small"
          extra={<Link to="/ho-so-da-nhan">Hồ sơ đã nhận</Link>}
        >
          <ReturnedList units={returned} />
        </Card>
      ) : null}
      {states.needsFix.length ? (
        <Card title={`Báo cáo cần bổ sung (${formatNumber(states.needsFix.length)})`} size="small">
          <PreviewList
            testId="needs-fix-list"
            title="Báo cáo cần bổ sung"
            items={states.needsFix}
            rowKey={(x) => x.id}
            searchText={unitNameText}
            renderItem={(x) => (
              <List.Item
                extra={
                  <Tag color={SUBMISSION_STATUS_COLOR.needs_fix} style={{ marginInlineEnd: 0 }}>
                    {SUBMISSION_STATUS_LABEL.needs_fix}
                  </Tag>
                }
              >
                <List.Item.Meta
                  title={<Link to={`/bao-cao/${x.id}`}>{x.unitName}</Link>}
                  description={`Lần nộp thứ ${formatNumber(x.revision)}, nhận ngày ${formatDate(x.receivedAt)}`}
                />
              </List.Item>
            )}
          />
        </Card>
      ) : null}
      <Card title="Chỉ tiêu Chiến lược quốc gia về bình đẳng giới so với mục tiêu" size="small">
        {cons.error ? <ErrorBox error={cons.error} /> : null}
        {strategyChart ? (
          <Chart
            option={strategyChart.option}
            height={strategyChart.height}
            label="Biểu đồ kết quả các chỉ tiêu Chiến lược tính theo tỷ lệ phần trăm so với mục tiêu; số liệu chi tiết ở bảng dưới"
          />
        ) : (
          <Empty description="Chưa đủ số liệu để tính các chỉ tiêu Chiến lược." />
        )}
        {strategy.length ? (
          <Table
            size="small"
            rowKey="code"
            pagination={false}
            style={{ marginTop: 8 }}
            dataSource={strategy}
            columns={[
              { title: 'Chỉ tiêu', render: (_: unknown, i) => index?.indicatorName(i.code) ?? i.code },
              {
                title: 'Kết quả',
                width: 110,
                align: 'right',
                render: (_: unknown, i) =>
                  i.value === null
                    ? ''
                    : `${formatNumber(i.value, 1)}${index?.indicatorUnit(i.code) === '%' ? '%' : ''}`,
              },
              {
                title: 'Mục tiêu',
                width: 170,
                render: (_: unknown, i) => targetText(i.target, index?.indicatorUnit(i.code)),
              },
              {
                title: 'Đánh giá',
                width: 150,
                render: (_: unknown, i) => <MetTag met={i.met} provisional={provisional(i.code)} />,
              },
            ]}
          />
        ) : null}
        {cons.data && strategy.some((i) => provisional(i.code)) ? (
          <ProvisionalNote reporting={cons.data.reporting} />
        ) : null}
      </Card>
      <Card
        title="Tệp nhập gần đây"
        size="small"
        extra={
          <Space size={12}>
            <Link to="/ho-so-da-nhan">Hồ sơ đã nhận</Link>
            <Link to="/nhap-bao-cao">Nhập báo cáo</Link>
          </Space>
        }
      >
        <RecentImports rows={recent.data ?? []} loading={recent.isLoading} />
      </Card>
    </Space>
  );
}

const unitNameText = (x: { unitName: string }): string => x.unitName;

const unitSearchText = (u: UnitStatusRow): string =>
  [u.name, u.unit, u.contact, u.phone, u.email].filter(Boolean).join(' ');
const unitKey = (u: UnitStatusRow): number => u.unitId;

function LateList({ units }: { units: UnitStatusRow[] }) {
  return (
    <PreviewList
      testId="late-list"
      title="Đơn vị chưa nộp hoặc nộp trễ"
      items={units}
      rowKey={unitKey}
      searchText={unitSearchText}
      empty={<Empty description="Không có đơn vị nào chưa nộp hay nộp trễ." />}
      renderItem={(u) => (
        <List.Item
          extra={
            <Tag color={REPORT_STATUS_COLOR[u.status]} style={{ marginInlineEnd: 0 }}>
              {REPORT_STATUS_LABEL[u.status]}
              {u.status === 'late' && u.receivedAt ? ` · ${formatDate(u.receivedAt)}` : ''}
            </Tag>
          }
        >
          <List.Item.Meta
            title={<Link to={`/don-vi/${u.unitId}`}>{u.name}</Link>}
            description={
              <>
                <Contact u={u} />
                <FirstAttempt u={u} />
              </>
            }
          />
        </List.Item>
      )}
    />
  );
}

/** "first sent dd/mm/yyyy" beside the accepted date, when the first file (of any outcome) came earlier */
export function FirstAttempt({ u }: { u: Pick<UnitStatusRow, 'firstAttemptAt' | 'receivedAt' | 'status'> }) {
  if (!u.firstAttemptAt || u.firstAttemptAt === u.receivedAt) return null;
  return (
    <Typography.Text type="secondary" style={{ display: 'block' }}>
      {u.status === 'returned' ? 'Gửi lần đầu' : 'Lần gửi đầu tiên (bị từ chối)'}: {formatDate(u.firstAttemptAt)}
    </Typography.Text>
  );
}

function ReturnedList({ units }: { units: UnitStatusRow[] }) {
  return (
    <PreviewList
      testId="returned-list"
      title="Đơn vị đã gửi nhưng cần gửi lại"
      items={units}
      rowKey={unitKey}
      searchText={unitSearchText}
      renderItem={(u) => (
        <List.Item
          extra={
            <Tag color={REPORT_STATUS_COLOR.returned} style={{ marginInlineEnd: 0 }}>
              {REPORT_STATUS_LABEL.returned}
            </Tag>
          }
        >
          <List.Item.Meta
            title={<Link to={`/don-vi/${u.unitId}`}>{u.name}</Link>}
            description={
              <>
                {u.returnReason ? (
                  <Typography.Paragraph style={{ margin: 0 }}>Lý do: {u.returnReason}</Typography.Paragraph>
                ) : null}
                <Contact u={u} />
                <FirstAttempt u={u} />
              </>
            }
          />
        </List.Item>
      )}
    />
  );
}

function Contact({ u }: { u: UnitStatusRow }) {
  return (
    <Space size={12} wrap>
      {u.contact ? <span>{u.contact}</span> : null}
      {u.phone ? (
        <span>
          <PhoneOutlined aria-hidden /> {u.phone}
        </span>
      ) : null}
      {u.email ? (
        <span>
          <MailOutlined aria-hidden /> {u.email}
        </span>
      ) : null}
      {!u.contact && !u.phone && !u.email ? <span>Chưa có thông tin liên hệ</span> : null}
    </Space>
  );
}

const RECENT_COLUMNS: TableColumnsType<ImportAttempt> = [
  { title: 'Tệp', dataIndex: 'file', render: (v: string) => <span style={{ wordBreak: 'break-all' }}>{v}</span> },
  { title: 'Đơn vị', dataIndex: 'unitName', render: (v: string | null, r) => v ?? r.unit ?? '' },
  {
    title: 'Kết quả',
    dataIndex: 'status',
    width: 140,
    render: (st: ImportAttempt['status'], r) => (
      <Space size={4}>
        <Tag color={IMPORT_STATUS_COLOR[st]}>{IMPORT_STATUS_LABEL[st]}</Tag>
        {r.errors.length ? (
          <Typography.Text type="danger" title={r.errors.map((e) => e.message).join('\n')}>
            {formatNumber(r.errors.length)} lỗi
          </Typography.Text>
        ) : null}
      </Space>
    ),
  },
  {
    title: '',
    width: 100,
    render: (_: unknown, r) => (r.submissionId ? <Link to={`/bao-cao/${r.submissionId}`}>Xem</Link> : null),
  },
];

function RecentImports({ rows, loading }: { rows: ImportAttempt[]; loading?: boolean }) {
  return <LogTable rows={rows} loading={loading} empty="Chưa nhập tệp nào trong kỳ này." columns={RECENT_COLUMNS} />;
}
