import { HostsView } from '@/components/admin/hosts-view';
import { requireAdminPage } from '../require-admin';

export default async function HostsPage() {
  await requireAdminPage('/admin/hosts');
  return <HostsView />;
}
