/** Chi tiết đơn vị: the unit's record, its successor links and its submissions across periods. */
import { ArrowLeftOutlined } from '@ant-design/icons';
import { Card, Descriptions, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import type { InboxEntry } from '../../../shared/contract/inbox';
import type { Submission } from '../../../shared/domain/records';
import { formatDate } from '../../../shared/text/vi';
import { useOp } from '../api/client';
import { ErrorBox, LinkButton, Loading, PageHeader } from '../components/common';
import {
  CHANNEL_LABEL,
  ENTRY_CHANNEL_LABEL,
  ENTRY_STATUS_COLOR,
  ENTRY_STATUS_LABEL,
  REPORT_STATUS_COLOR,
  REPORT_STATUS_LABEL,
  SUBMISSION_STATUS_COLOR,
  SUBMISSION_STATUS_LABEL,
  UNIT_KIND_LABEL,
} from '../labels';
import { usePeriod } from '../state/period';
import { UnitTasksCard } from './plan/UnitTasksCard';
import { UnitStateTag } from './units/UnitState';

export function UnitDetailPage() {
  const id = Number(useParams().id);
  const q = useOp('units.get', { id }, { enabled: Number.isInteger(id) && id > 0 });
  const all = useOp('units.list', {});
  const { periods, period } = usePeriod();
  if (q.isLoading) return <Loading />;
  if (q.error || !q.data) return <ErrorBox error={q.error} onRetry={() => void q.refetch()} />;
  const { unit: u, submissions } = q.data;
  const nameOf = (uid: number) => all.data?.find((x) => x.id === uid);
  const periodLabel = (pid: number) => periods.find((p) => p.id === pid)?.label ?? `Kỳ số ${pid}`;
  const links = (ids: number[]) =>
    ids.length
      ? ids.map((x) => (
          <Link key={x} to={`/don-vi/${x}`} style={{ marginInlineEnd: 8 }}>
            {nameOf(x)?.name ?? `#${x}`}
          </Link>
        ))
      : '—';

  return (
    <>
      <PageHeader
        title={u.name}
        help="Thông tin đơn vị"
        sub={`Mã ${u.code} · ${UNIT_KIND_LABEL[u.kind]}`}
        extra={
          <LinkButton to="/don-vi" icon={<ArrowLeftOutlined aria-hidden />}>
            Danh sách đơn vị
          </LinkButton>
        }
      />
      <Card size="small" style={{ marginBottom: 16 }}>
        <Descriptions
          size="small"
          column={3}
          items={[
            {
              label: 'Trạng thái',
              children: <UnitStateTag unit={u} />,
            },
            { label: 'Hiệu lực từ', children: formatDate(u.validFrom) || '—' },
            { label: 'Hết hiệu lực', children: formatDate(u.validTo) || '—' },
            { label: 'Người đầu mối', children: u.contact ?? '—' },
            { label: 'Chức vụ', children: u.position ?? '—' },
            { label: 'Địa chỉ', children: u.address ?? '—' },
            { label: 'Điện thoại', children: u.phone ?? '—' },
            { label: 'Thư điện tử', children: u.email ?? '—' },
            { label: 'Nhóm', children: u.group ?? '—' },
            { label: 'Kế thừa từ', children: links(u.predecessorIds) },
            { label: 'Được thay bằng', children: links(u.successorIds) },
            ...(u.note ? [{ label: 'Ghi chú', children: u.note }] : []),
          ]}
        />
      </Card>
      <UnitTasksCard unitId={u.id} />
      {period ? <UnitInbox periodId={period.id} periodLabel={period.label} unitId={u.id} /> : null}
      <Card size="small" title="Báo cáo đã nhận qua các kỳ">
        <Table<Submission>
          size="small"
          rowKey="id"
          pagination={false}
          dataSource={[...submissions].reverse()}
          locale={{ emptyText: 'Chưa có báo cáo nào được nhận (các tệp đơn vị đã gửi trong kỳ ở bảng trên).' }}
          columns={[
            { title: 'Kỳ báo cáo', render: (_: unknown, s) => periodLabel(s.periodId) },
            { title: 'Lần nộp', dataIndex: 'revision', width: 90 },
            { title: 'Ngày nhận', dataIndex: 'receivedAt', width: 120, render: (v: string) => formatDate(v) },
            {
              title: 'Hình thức',
              dataIndex: 'channel',
              width: 150,
              render: (c: Submission['channel']) => CHANNEL_LABEL[c],
            },
            {
              title: 'Trạng thái',
              dataIndex: 'status',
              width: 130,
              render: (st: Submission['status'], s) => (
                <>
                  <Tag color={SUBMISSION_STATUS_COLOR[st]}>{SUBMISSION_STATUS_LABEL[st]}</Tag>
                  {s.supersededBy ? <Tag>Bản cũ</Tag> : null}
                </>
              ),
            },
            { title: '', width: 110, render: (_: unknown, s) => <Link to={`/bao-cao/${s.id}`}>Xem báo cáo</Link> },
          ]}
        />
      </Card>
    </>
  );
}

const INBOX_PAGE = 10;

/** The unit's status in the current period and everything it sent in it (refused files too), from the inbox. */
function UnitInbox({ periodId, periodLabel, unitId }: { periodId: number; periodLabel: string; unitId: number }) {
  const [page, setPage] = useState(1);
  const q = useOp('inbox.list', { periodId, unitId, offset: (page - 1) * INBOX_PAGE, limit: INBOX_PAGE });
  const status = useOp('status.get', { periodId });
  const row = status.data?.units.find((x) => x.unitId === unitId);
  return (
    <Card
      size="small"
      style={{ marginBottom: 16 }}
      title={`Hồ sơ đã gửi trong kỳ ${periodLabel}`}
      extra={<Link to="/ho-so-da-nhan">Hồ sơ đã nhận</Link>}
    >
      {row ? (
        <Typography.Paragraph>
          Tình trạng: <Tag color={REPORT_STATUS_COLOR[row.status]}>{REPORT_STATUS_LABEL[row.status]}</Tag>
          {row.receivedAt ? <>nhận ngày {formatDate(row.receivedAt)}</> : null}
          {row.firstAttemptAt && row.firstAttemptAt !== row.receivedAt ? (
            <Typography.Text type="secondary"> · gửi lần đầu ngày {formatDate(row.firstAttemptAt)}</Typography.Text>
          ) : null}
          {row.status === 'returned' && row.returnReason ? (
            <Typography.Text style={{ display: 'block' }}>Lý do cần gửi lại: {row.returnReason}</Typography.Text>
          ) : null}
        </Typography.Paragraph>
      ) : status.data ? (
        <Typography.Paragraph type="secondary">Đơn vị không thuộc danh sách phải báo cáo kỳ này.</Typography.Paragraph>
      ) : null}
      {q.error ? <ErrorBox error={q.error} onRetry={() => void q.refetch()} /> : null}
      <Table<InboxEntry>
        size="small"
        rowKey="id"
        loading={q.isLoading}
        dataSource={q.data?.entries ?? []}
        locale={{ emptyText: 'Đơn vị chưa gửi hồ sơ nào trong kỳ này.' }}
        pagination={{
          current: page,
          pageSize: INBOX_PAGE,
          total: q.data?.total ?? 0,
          hideOnSinglePage: true,
          showSizeChanger: false,
          onChange: setPage,
        }}
        columns={[
          {
            title: 'Ngày nhận',
            width: 110,
            render: (_: unknown, e) => formatDate(e.receivedAt ?? e.at.slice(0, 10)),
          },
          {
            title: 'Tệp',
            dataIndex: 'file',
            render: (v: string | null) => <span style={{ wordBreak: 'break-all' }}>{v ?? '(không có tệp)'}</span>,
          },
          { title: 'Hình thức', width: 100, render: (_: unknown, e) => ENTRY_CHANNEL_LABEL[e.channel] },
          {
            title: 'Kết quả',
            width: 150,
            render: (_: unknown, e) => <Tag color={ENTRY_STATUS_COLOR[e.status]}>{ENTRY_STATUS_LABEL[e.status]}</Tag>,
          },
          {
            title: 'Lý do',
            render: (_: unknown, e) =>
              e.errors.length ? (
                <Typography.Text type="danger">{e.errors.map((x) => x.message).join(' ')}</Typography.Text>
              ) : (
                '—'
              ),
          },
          {
            title: '',
            width: 110,
            render: (_: unknown, e) =>
              e.submissionId ? (
                <Link to={`/bao-cao/${e.submissionId}`}>Lần {e.revision}</Link>
              ) : (
                <Link to={`/ho-so-da-nhan?muc=${e.id}`}>Xem hồ sơ</Link>
              ),
          },
        ]}
      />
    </Card>
  );
}
