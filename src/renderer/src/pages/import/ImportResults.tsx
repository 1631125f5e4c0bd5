/** The batch's results: counts, the "done / total" bar, a row per file with its unit and messages. */
import { Card, Progress, Space, Table, Tag, Typography, type TableColumnsType } from 'antd';
import { Link } from 'react-router-dom';
import type { ImportResult } from '../../../../shared/domain/report';
import { formatNumber } from '../../../../shared/text/vi';
import { IMPORT_STATUS_COLOR, IMPORT_STATUS_LABEL } from '../../labels';

export interface ResultRow extends ImportResult {
  key: string;
  /** known only from a progress event so far (status and unit); the full result follows */
  partial?: boolean;
}

function Messages({ result }: { result: ResultRow }) {
  if (result.partial) return null;
  if (!result.errors.length && !result.warnings.length)
    return (
      <Typography.Text type="secondary">
        {result.status === 'unchanged' ? 'Tệp giống bản đã nhận trước đó.' : 'Không có lỗi.'}
      </Typography.Text>
    );
  return (
    <ul style={{ margin: 0, paddingInlineStart: 18 }}>
      {result.errors.map((e, i) => (
        <li key={`e${i}`}>
          <Typography.Text type="danger">{e.message}</Typography.Text>
        </li>
      ))}
      {result.warnings.map((w, i) => (
        <li key={`w${i}`}>
          <Typography.Text style={{ color: '#ad4e00' }}>{w.message}</Typography.Text>
        </li>
      ))}
    </ul>
  );
}

function UnitCell({ r }: { r: ResultRow }) {
  if (r.unitName)
    return (
      <>
        {r.unitName}
        <Typography.Text type="secondary"> ({r.unit})</Typography.Text>
        {r.revision && r.revision > 1 ? <Tag style={{ marginInlineStart: 6 }}>Lần {r.revision}</Tag> : null}
      </>
    );
  if (r.partial && r.unit) return <>{r.unit}</>;
  return <Typography.Text type="secondary">Không xác định</Typography.Text>;
}

const COLUMNS: TableColumnsType<ResultRow> = [
  {
    title: 'Tệp',
    dataIndex: 'file',
    width: 260,
    render: (v: string) => <span style={{ wordBreak: 'break-all' }}>{v}</span>,
  },
  {
    title: 'Kết quả',
    dataIndex: 'status',
    width: 140,
    render: (s: ResultRow['status']) => <Tag color={IMPORT_STATUS_COLOR[s]}>{IMPORT_STATUS_LABEL[s]}</Tag>,
  },
  { title: 'Đơn vị', width: 240, render: (_: unknown, r) => <UnitCell r={r} /> },
  { title: 'Thông báo', render: (_: unknown, r) => <Messages result={r} /> },
  {
    title: '',
    width: 110,
    render: (_: unknown, r) => (r.submissionId ? <Link to={`/bao-cao/${r.submissionId}`}>Xem báo cáo</Link> : null),
  },
];

export function ImportResults({
  results,
  done,
  total,
  running,
}: {
  results: ResultRow[];
  done: number;
  total: number;
  running: boolean;
}) {
  const count = (s: ImportResult['status']) => results.filter((r) => r.status === s).length;
  const rejected = count('rejected');
  return (
    <Card
      title="Kết quả nhập"
      extra={
        <Space>
          <Tag color="green">Đã nhận: {formatNumber(count('accepted'))}</Tag>
          <Tag color="red">Bị từ chối: {formatNumber(rejected)}</Tag>
          <Tag>Không thay đổi: {formatNumber(count('unchanged'))}</Tag>
        </Space>
      }
    >
      <Progress
        percent={Math.round((done / total) * 100)}
        status={running ? 'active' : rejected ? 'normal' : 'success'}
        format={() => `${formatNumber(done)}/${formatNumber(total)}`}
        aria-label="Tiến độ nhập tệp"
      />
      <Table<ResultRow>
        style={{ marginTop: 12 }}
        size="small"
        rowKey="key"
        dataSource={results}
        pagination={false}
        columns={COLUMNS}
      />
    </Card>
  );
}
