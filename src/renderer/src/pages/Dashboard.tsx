import { PageHeader } from '../components/common';

export function DashboardPage() {
  return <PageHeader title="Tổng quan" />;
}
