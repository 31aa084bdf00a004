import { Suspense } from 'react';
import { VolumesList } from '@/components/volumes/volumes-list';

/** The list's params live in the URL and are read on the client (useSearchParams needs the Suspense). */
export default function VolumesPage() {
  return (
    <Suspense>
      <VolumesList />
    </Suspense>
  );
}
