/** The period in work, in tabs: its information, the templates to send, the expected units, province figures. */
import { Card, Space, Tabs, Tag } from 'antd';
import { formatNumber } from '../../../../shared/text/vi';
import { useOp } from '../../api/client';
import { ErrorBox, Loading } from '../../components/common';
import { PERIOD_STATUS_LABEL } from '../../labels';
import { ExpectedUnits } from './ExpectedUnits';
import { PeriodInfo } from './PeriodInfo';
import { ProvinceValues } from './ProvinceValues';
import { TemplateExport } from './TemplateExport';

export function PeriodDetail({ periodId }: { periodId: number }) {
  const q = useOp('periods.get', { id: periodId });
  if (q.isLoading) return <Loading />;
  if (q.error || !q.data) return <ErrorBox error={q.error} onRetry={() => void q.refetch()} />;
  const p = q.data;
  return (
    <Card
      style={{ marginTop: 24 }}
      title={
        <Space>
          <span>{p.label}</span>
          <Tag color={p.status === 'open' ? 'green' : 'default'}>{PERIOD_STATUS_LABEL[p.status]}</Tag>
        </Space>
      }
    >
      <Tabs
        items={[
          { key: 'info', label: 'Thông tin kỳ', children: <PeriodInfo period={p} /> },
          {
            key: 'templates',
            label: 'Mẫu biểu gửi đơn vị',
            children: <TemplateExport period={p} />,
          },
          {
            key: 'expected',
            label: `Đơn vị phải báo cáo (${formatNumber(p.expectedUnits.length)})`,
            children: <ExpectedUnits period={p} expectedIds={p.expectedUnits.map((u) => u.id)} />,
          },
          { key: 'province', label: 'Số liệu cấp tỉnh', children: <ProvinceValues period={p} /> },
        ]}
      />
    </Card>
  );
}
