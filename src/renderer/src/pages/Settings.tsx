import { PageHeader } from '../components/common';

export function SettingsPage() {
  return <PageHeader title="Cài đặt" />;
}
