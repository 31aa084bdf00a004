import { Suspense } from 'react';
import { FloatingIpsList } from '@/components/floating-ips/floating-ips-list';

export default function FloatingIpsPage() {
  return (
    <Suspense>
      <FloatingIpsList />
    </Suspense>
  );
}
