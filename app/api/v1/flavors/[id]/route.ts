import { op } from '@/lib/contract/operations';
import { defineRoute, noContent, ok } from '@/server/http/define-route';
import { deleteFlavor, getFlavor } from '@/server/services/flavors';

export const GET = defineRoute(op('GET /flavors/{id}'), {
  handler: async ({ ctx, params }) => ok({ flavor: await getFlavor(ctx, params.id) }),
});

export const DELETE = defineRoute(op('DELETE /flavors/{id}'), {
  audit: { action: 'flavor.delete', resourceType: 'flavor' },
  handler: async ({ ctx, params }) => {
    await deleteFlavor(ctx, params.id);
    return noContent();
  },
});
