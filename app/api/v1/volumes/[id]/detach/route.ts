import { op } from '@/lib/contract/operations';
import { accepted, defineRoute } from '@/server/http/define-route';
import { detachVolume } from '@/server/services/volumes';

export const POST = defineRoute(op('POST /volumes/{id}/detach'), {
  audit: { action: 'volume.detach', resourceType: 'volume' },
  handler: async ({ ctx, params, body }) => accepted({ volume: await detachVolume(ctx, params.id, body.server_id) }),
});
