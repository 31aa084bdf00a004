import { Suspense } from 'react';
import { ServersList } from '@/components/servers/servers-list';

/** The list's params live in the URL and are read on the client (useSearchParams needs the Suspense). */
export default function ServersPage() {
  return (
    <Suspense>
      <ServersList />
    </Suspense>
  );
}
