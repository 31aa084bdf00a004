import { dehydrate, HydrationBoundary, QueryClient } from '@tanstack/react-query';
import { ServerDetail } from '@/components/servers/server-detail';
import { serverKeys } from '@/lib/api/servers';
import { requireRequestContext } from '@/server/auth/session';
import { getServer } from '@/server/services/servers';

/** Prefetches the server by calling the service directly, then hands it to React Query. */
export default async function ServerPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const ctx = await requireRequestContext(`/servers/${id}`);
  const qc = new QueryClient();
  const server = await getServer(ctx, id).catch(() => null);
  if (server) qc.setQueryData(serverKeys.detail(ctx.principal.projectId, id), server);
  return (
    <HydrationBoundary state={dehydrate(qc)}>
      <ServerDetail id={id} />
    </HydrationBoundary>
  );
}
