import { Suspense } from 'react';
import { AllServersView } from '@/components/admin/all-servers-view';
import { requireAdminPage } from '../require-admin';

export default async function AllServersPage() {
  await requireAdminPage('/admin/servers');
  return (
    <Suspense>
      <AllServersView />
    </Suspense>
  );
}
