import { op } from '@/lib/contract/operations';
import { accepted, defineRoute } from '@/server/http/define-route';
import { extendVolume } from '@/server/services/volumes';

export const POST = defineRoute(op('POST /volumes/{id}/extend'), {
  audit: { action: 'volume.extend', resourceType: 'volume' },
  handler: async ({ ctx, params, body }) => accepted({ volume: await extendVolume(ctx, params.id, body.new_size_gb) }),
});
