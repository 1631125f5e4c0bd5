import { PageHeader } from '../components/common';

export function ImportPage() {
  return <PageHeader title="Nhập báo cáo" />;
}
