import { Suspense } from 'react';
import { AuditView } from '@/components/admin/audit-view';
import { requireAdminPage } from '../require-admin';

export default async function AuditPage() {
  await requireAdminPage('/admin/audit');
  return (
    <Suspense>
      <AuditView />
    </Suspense>
  );
}
