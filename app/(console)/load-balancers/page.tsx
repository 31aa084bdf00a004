import { Suspense } from 'react';
import { LoadBalancersList } from '@/components/load-balancers/load-balancers-list';

export default function LoadBalancersPage() {
  return (
    <Suspense>
      <LoadBalancersList />
    </Suspense>
  );
}
