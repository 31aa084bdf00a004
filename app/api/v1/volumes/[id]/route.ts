import { op } from '@/lib/contract/operations';
import { accepted, defineRoute, noContent, ok } from '@/server/http/define-route';
import { deleteVolume, getVolume } from '@/server/services/volumes';

export const GET = defineRoute(op('GET /volumes/{id}'), {
  handler: async ({ ctx, params }) => ok({ volume: await getVolume(ctx, params.id) }),
});

export const DELETE = defineRoute(op('DELETE /volumes/{id}'), {
  audit: { action: 'volume.delete', resourceType: 'volume' },
  handler: async ({ ctx, params }) => ((await deleteVolume(ctx, params.id)).pending ? accepted() : noContent()),
});
