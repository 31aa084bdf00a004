import { VolumeCreateInput, VolumeListQuery } from '@/lib/contract/volume';
import { accepted, defineRoute, listReply } from '@/server/http/define-route';
import { createVolume, listVolumes } from '@/server/services/volumes';

export const GET = defineRoute({
  query: VolumeListQuery,
  handler: async ({ ctx, query }) => listReply('volumes', await listVolumes(ctx, query)),
});

export const POST = defineRoute({
  body: VolumeCreateInput,
  idempotent: true,
  audit: { action: 'volume.create', resourceType: 'volume' },
  handler: async ({ ctx, body }) => accepted({ volume: await createVolume(ctx, body) }),
});
