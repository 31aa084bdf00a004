import { Suspense } from 'react';
import { KeyPairsList } from '@/components/key-pairs/key-pairs-list';

export default function KeyPairsPage() {
  return (
    <Suspense>
      <KeyPairsList />
    </Suspense>
  );
}
