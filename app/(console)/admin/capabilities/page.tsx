import { CapabilitiesView } from '@/components/admin/capabilities-view';
import { requireAdminPage } from '../require-admin';

export default async function CapabilitiesPage() {
  await requireAdminPage('/admin/capabilities');
  return <CapabilitiesView />;
}
