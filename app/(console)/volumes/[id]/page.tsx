import { dehydrate, HydrationBoundary, QueryClient } from '@tanstack/react-query';
import { VolumeDetail } from '@/components/volumes/volume-detail';
import { volumeKeys } from '@/lib/api/volumes';
import { requireRequestContext } from '@/server/auth/session';
import { getVolume } from '@/server/services/volumes';

/** Prefetches the volume by calling the service directly, then hands it to React Query. */
export default async function VolumePage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const ctx = await requireRequestContext(`/volumes/${id}`);
  const qc = new QueryClient();
  const volume = await getVolume(ctx, id).catch(() => null);
  if (volume) qc.setQueryData(volumeKeys.detail(ctx.principal.projectId, id), volume);
  return (
    <HydrationBoundary state={dehydrate(qc)}>
      <VolumeDetail id={id} />
    </HydrationBoundary>
  );
}
