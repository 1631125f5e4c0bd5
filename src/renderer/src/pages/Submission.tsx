import { PageHeader } from '../components/common';

export function SubmissionPage() {
  return <PageHeader title="Báo cáo đơn vị" />;
}
