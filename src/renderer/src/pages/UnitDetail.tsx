/** Chi tiết đơn vị: the unit's record, its successor links and its submissions across periods. */
import { ArrowLeftOutlined } from '@ant-design/icons';
import { Card, Descriptions, Table, Tag } from 'antd';
import { Link, useParams } from 'react-router-dom';
import type { Submission } from '../../../shared/domain/records';
import { formatDate } from '../../../shared/text/vi';
import { useOp } from '../api/client';
import { ErrorBox, LinkButton, Loading, PageHeader } from '../components/common';
import { CHANNEL_LABEL, SUBMISSION_STATUS_COLOR, SUBMISSION_STATUS_LABEL, UNIT_KIND_LABEL } from '../labels';
import { usePeriod } from '../state/period';
import { UnitStateTag } from './units/UnitState';

export function UnitDetailPage() {
  const id = Number(useParams().id);
  const q = useOp('units.get', { id }, { enabled: Number.isInteger(id) && id > 0 });
  const all = useOp('units.list', {});
  const { periods } = usePeriod();
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
      <Card size="small" title="Báo cáo đã gửi qua các kỳ">
        <Table<Submission>
          size="small"
          rowKey="id"
          pagination={false}
          dataSource={[...submissions].reverse()}
          locale={{ emptyText: 'Đơn vị chưa gửi báo cáo nào.' }}
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
