import { UsersView } from '@/components/users/users-view';
import { requireAdminPage } from '../require-admin';

export default async function UsersPage() {
  await requireAdminPage('/admin/users');
  return <UsersView />;
}
