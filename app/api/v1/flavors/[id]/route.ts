import { defineRoute, noContent, ok } from '@/server/http/define-route';
import { deleteFlavor, getFlavor } from '@/server/services/flavors';

export const GET = defineRoute({
  handler: async ({ ctx, params }) => ok({ flavor: await getFlavor(ctx, params.id!) }),
});

export const DELETE = defineRoute({
  audit: { action: 'flavor.delete', resourceType: 'flavor' },
  handler: async ({ ctx, params }) => {
    await deleteFlavor(ctx, params.id!);
    return noContent();
  },
});
