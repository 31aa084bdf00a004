import { Suspense } from 'react';
import { ServerWizard } from '@/components/servers/wizard/server-wizard';

export default function NewServerPage() {
  return (
    <Suspense>
      <ServerWizard />
    </Suspense>
  );
}
