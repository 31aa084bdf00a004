import { Suspense } from 'react';
import { ImagesList } from '@/components/images/images-list';

export default function Page() {
  return (
    <Suspense>
      <ImagesList />
    </Suspense>
  );
}
