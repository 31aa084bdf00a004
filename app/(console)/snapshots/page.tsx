import { Suspense } from 'react';
import { SnapshotsList } from '@/components/snapshots/snapshots-list';

/** The list's params live in the URL and are read on the client (useSearchParams needs the Suspense). */
export default function SnapshotsPage() {
  return (
    <Suspense>
      <SnapshotsList />
    </Suspense>
  );
}
