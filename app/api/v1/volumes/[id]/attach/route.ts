import { VolumeAttachInput } from '@/lib/contract/volume';
import { accepted, defineRoute } from '@/server/http/define-route';
import { attachVolume } from '@/server/services/volumes';

export const POST = defineRoute({
  body: VolumeAttachInput,
  audit: { action: 'volume.attach', resourceType: 'volume' },
  handler: async ({ ctx, params, body }) => accepted({ volume: await attachVolume(ctx, params.id!, body) }),
});
