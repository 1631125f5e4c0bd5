import { PageHeader } from '../components/common';

export function ConsolidationPage() {
  return <PageHeader title="Tổng hợp" />;
}
