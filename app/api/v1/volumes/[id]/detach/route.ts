import { VolumeDetachInput } from '@/lib/contract/volume';
import { accepted, defineRoute } from '@/server/http/define-route';
import { detachVolume } from '@/server/services/volumes';

export const POST = defineRoute({
  body: VolumeDetachInput,
  audit: { action: 'volume.detach', resourceType: 'volume' },
  handler: async ({ ctx, params, body }) => accepted({ volume: await detachVolume(ctx, params.id!, body.server_id) }),
});
