import { PageHeader } from '../components/common';

export function CatalogPage() {
  return <PageHeader title="Danh mục chỉ tiêu" />;
}
