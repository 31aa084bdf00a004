import { op } from '@/lib/contract/operations';
import { accepted, defineRoute } from '@/server/http/define-route';
import { attachVolume } from '@/server/services/volumes';

export const POST = defineRoute(op('POST /volumes/{id}/attach'), {
  audit: { action: 'volume.attach', resourceType: 'volume' },
  handler: async ({ ctx, params, body }) => accepted({ volume: await attachVolume(ctx, params.id, body) }),
});
