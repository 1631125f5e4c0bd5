/** The list of periods: the one in work is marked; each row can be chosen, closed or reopened. */
import { LockOutlined, UnlockOutlined } from '@ant-design/icons';
import { Button, Space, Table, Tag, Typography, type TableColumnsType } from 'antd';
import type { PeriodKind } from '../../../../shared/domain/catalog';
import type { Period } from '../../../../shared/domain/records';
import { formatDate, formatNumber } from '../../../../shared/text/vi';
import { PERIOD_KIND_LABEL, PERIOD_STATUS_LABEL } from '../../labels';

export function PeriodsTable({
  periods,
  loading,
  periodId,
  onChoose,
  onToggle,
}: {
  periods: Period[];
  loading: boolean;
  periodId: number | null;
  onChoose: (p: Period) => void;
  onToggle: (p: Period) => void;
}) {
  const columns: TableColumnsType<Period> = [
    {
      title: 'Kỳ báo cáo',
      dataIndex: 'label',
      render: (v: string, p) => (
        <>
          <Typography.Text strong={p.id === periodId}>{v}</Typography.Text>
          {p.id === periodId ? (
            <div>
              <Tag color="blue">Đang làm việc</Tag>
            </div>
          ) : null}
        </>
      ),
    },
    { title: 'Loại', dataIndex: 'kind', width: 100, render: (k: PeriodKind) => PERIOD_KIND_LABEL[k] },
    {
      title: 'Số liệu tính từ – đến',
      width: 200,
      render: (_: unknown, p) => `${formatDate(p.dataFrom)} – ${formatDate(p.dataTo)}`,
    },
    { title: 'Hạn nộp', dataIndex: 'deadline', width: 110, render: (d: string) => formatDate(d) },
    {
      title: 'Mẫu biểu',
      width: 130,
      render: (_: unknown, p) => `${p.templateCode} (bản ${p.templateVersion})`,
    },
    {
      title: 'Đơn vị phải báo cáo',
      dataIndex: 'expected',
      width: 120,
      align: 'right',
      render: (n: number) => formatNumber(n),
    },
    {
      title: 'Trạng thái',
      dataIndex: 'status',
      width: 110,
      render: (s: Period['status']) => <Tag color={s === 'open' ? 'green' : 'default'}>{PERIOD_STATUS_LABEL[s]}</Tag>,
    },
    {
      title: 'Thao tác',
      width: 190,
      render: (_: unknown, p) => (
        <Space size={4}>
          <Button
            size="small"
            disabled={p.id === periodId}
            onClick={() => onChoose(p)}
            aria-label={`Làm việc với kỳ ${p.label}`}
          >
            Chọn
          </Button>
          <Button
            size="small"
            icon={p.status === 'open' ? <LockOutlined aria-hidden /> : <UnlockOutlined aria-hidden />}
            onClick={() => onToggle(p)}
            aria-label={`${p.status === 'open' ? 'Khóa sổ' : 'Mở lại'} kỳ ${p.label}`}
          >
            {p.status === 'open' ? 'Khóa sổ' : 'Mở lại'}
          </Button>
        </Space>
      ),
    },
  ];

  return (
    <Table<Period>
      rowKey="id"
      size="middle"
      loading={loading}
      dataSource={periods}
      pagination={false}
      scroll={{ x: 1080 }}
      locale={{ emptyText: 'Chưa có kỳ báo cáo nào. Bấm “Tạo kỳ báo cáo” để bắt đầu.' }}
      rowClassName={(p) => (p.id === periodId ? 'ant-table-row-selected' : '')}
      columns={columns}
    />
  );
}
