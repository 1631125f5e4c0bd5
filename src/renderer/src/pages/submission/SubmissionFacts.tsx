/** What is known of a submission: unit, status, dates, channel, file, revision (the file's fingerprint is in the change log's "Chi tiết"). */
import { Card, Descriptions, Tag } from 'antd';
import { Link } from 'react-router-dom';
import type { SubmissionDetail } from '../../../../shared/contract';
import { formatDate } from '../../../../shared/text/vi';
import { CHANNEL_LABEL, SUBMISSION_STATUS_COLOR, SUBMISSION_STATUS_LABEL } from '../../labels';

export function SubmissionFacts({ detail }: { detail: SubmissionDetail }) {
  const s = detail.submission;
  return (
    <Card size="small" style={{ marginBottom: 16 }}>
      <Descriptions
        size="small"
        column={3}
        items={[
          { label: 'Đơn vị', children: <Link to={`/don-vi/${s.unitId}`}>{s.unitName}</Link> },
          { label: 'Mã đơn vị', children: s.unitCode },
          {
            label: 'Trạng thái',
            children: <Tag color={SUBMISSION_STATUS_COLOR[s.status]}>{SUBMISSION_STATUS_LABEL[s.status]}</Tag>,
          },
          { label: 'Ngày nhận', children: formatDate(s.receivedAt) },
          { label: 'Ngày công văn đến', children: formatDate(s.officialDate) || '—' },
          { label: 'Hình thức', children: CHANNEL_LABEL[s.channel] },
          { label: 'Tệp', children: <span style={{ wordBreak: 'break-all' }}>{s.fileName}</span> },
          { label: 'Lần nộp', children: `${s.revision} / ${detail.revisions.length}` },
        ]}
      />
    </Card>
  );
}
