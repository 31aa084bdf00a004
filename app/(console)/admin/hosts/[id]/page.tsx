import { HostDetail } from '@/components/admin/host-detail';
import { requireAdminPage } from '../../require-admin';

export default async function HostPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  await requireAdminPage(`/admin/hosts/${id}`);
  return <HostDetail id={id} />;
}
