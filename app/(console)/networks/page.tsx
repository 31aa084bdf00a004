import { Suspense } from 'react';
import { NetworksList } from '@/components/networks/networks-list';

export default function NetworksPage() {
  return (
    <Suspense>
      <NetworksList />
    </Suspense>
  );
}
