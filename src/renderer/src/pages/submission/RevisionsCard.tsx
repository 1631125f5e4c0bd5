/** Every revision the unit sent for this period, the one shown marked. */
import { Card, Table, Tag, type TableColumnsType } from 'antd';
import { Link } from 'react-router-dom';
import type { SubmissionDetail } from '../../../../shared/contract';
import { formatDate } from '../../../../shared/text/vi';
import { CHANNEL_LABEL, SUBMISSION_STATUS_COLOR, SUBMISSION_STATUS_LABEL } from '../../labels';

export function RevisionsCard({
  revisions,
  currentId,
}: {
  revisions: SubmissionDetail['revisions'];
  currentId: number;
}) {
  const columns: TableColumnsType<SubmissionDetail['revisions'][number]> = [
    { title: 'Lần', dataIndex: 'revision', width: 60 },
    { title: 'Ngày nhận', dataIndex: 'receivedAt', width: 120, render: (v: string) => formatDate(v) },
    { title: 'Tệp', dataIndex: 'fileName' },
    {
      title: 'Hình thức',
      dataIndex: 'channel',
      width: 140,
      render: (c: keyof typeof CHANNEL_LABEL) => CHANNEL_LABEL[c],
    },
    {
      title: 'Trạng thái',
      dataIndex: 'status',
      width: 130,
      render: (st: keyof typeof SUBMISSION_STATUS_LABEL, r: SubmissionDetail['revisions'][number]) =>
        r.withdrawnAt ? (
          <Tag title={r.withdrawReason ?? undefined}>Đã rút lại</Tag>
        ) : (
          <Tag color={SUBMISSION_STATUS_COLOR[st]}>{SUBMISSION_STATUS_LABEL[st]}</Tag>
        ),
    },
    {
      title: '',
      width: 120,
      render: (_: unknown, r: { id: number }) =>
        r.id === currentId ? <Tag>Đang xem</Tag> : <Link to={`/bao-cao/${r.id}`}>Xem lần này</Link>,
    },
  ];

  return (
    <Card size="small" title="Các lần nộp" style={{ marginTop: 16 }}>
      <Table size="small" rowKey="id" pagination={false} dataSource={revisions} columns={columns} />
    </Card>
  );
}
