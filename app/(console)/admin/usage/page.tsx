import { Suspense } from 'react';
import { UsageView } from '@/components/usage/usage-view';
import { requireAdminPage } from '../require-admin';

export default async function UsagePage() {
  await requireAdminPage('/admin/usage');
  return (
    <Suspense>
      <UsageView />
    </Suspense>
  );
}
