import { PageHeader } from '../components/common';

export function PeriodsPage() {
  return <PageHeader title="Kỳ báo cáo" />;
}
