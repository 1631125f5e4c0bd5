import { PageHeader } from '../components/common';

export function ExportPage() {
  return <PageHeader title="Xuất báo cáo" />;
}
