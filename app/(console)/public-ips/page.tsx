import { Suspense } from 'react';
import { PublicIpsList } from '@/components/public-ips/public-ips-list';

export default function PublicIpsPage() {
  return (
    <Suspense>
      <PublicIpsList />
    </Suspense>
  );
}
