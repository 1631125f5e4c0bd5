import { PageHeader } from '../components/common';

export function UnitDetailPage() {
  return <PageHeader title="Chi tiết đơn vị" />;
}
