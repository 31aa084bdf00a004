import { Suspense } from 'react';
import { SecurityGroupsList } from '@/components/security-groups/security-groups-list';

export default function SecurityGroupsPage() {
  return (
    <Suspense>
      <SecurityGroupsList />
    </Suspense>
  );
}
