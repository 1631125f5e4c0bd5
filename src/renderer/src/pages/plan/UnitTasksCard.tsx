/** The unit page's card: the plan tasks given to the unit in the current period's year, with its answers. */
import { Card, Table } from 'antd';
import type { UnitTasks } from '../../../../shared/contract/plan';
import { formatDate, formatNumber } from '../../../../shared/text/vi';
import { useOp } from '../../api/client';
import { usePeriod } from '../../state/period';
import { ROLE_LABEL } from './labels';
import { StatusTag } from './TaskResults';

type Row = UnitTasks['tasks'][number];

export function UnitTasksCard({ unitId }: { unitId: number }) {
  const { period } = usePeriod();
  const q = useOp('plan.unitTasks', { periodId: period?.id ?? 0, unitId }, { enabled: !!period });
  if (!period || !q.data || q.data.given === 0) return null;
  const d = q.data;
  return (
    <Card
      size="small"
      style={{ marginBottom: 16 }}
      title={`Nhiệm vụ Kế hoạch năm ${d.year} (${period.label}): hoàn thành ${formatNumber(d.done)}/${formatNumber(d.given)}`}
    >
      <Table<Row>
        size="small"
        rowKey="id"
        dataSource={d.tasks}
        pagination={{ pageSize: 10, hideOnSinglePage: true }}
        columns={[
          { title: 'STT', dataIndex: 'stt', width: 60 },
          { title: 'Nhiệm vụ', dataIndex: 'title' },
          { title: 'Vai trò', dataIndex: 'role', width: 100, render: (r: Row['role']) => ROLE_LABEL[r] },
          { title: 'Thời hạn', dataIndex: 'due', width: 110, render: (v: string | null) => formatDate(v) || '—' },
          {
            title: 'Tình trạng',
            dataIndex: 'status',
            width: 150,
            render: (s: Row['status']) => <StatusTag status={s} />,
          },
          { title: 'Kết quả', dataIndex: 'result', render: (r: string | null) => r ?? '—' },
        ]}
      />
    </Card>
  );
}
