import { op } from '@/lib/contract/operations';
import { defineRoute, ok } from '@/server/http/define-route';
import { flavorOperations } from '@/server/operations/flavors';
import { getFlavor } from '@/server/services/flavors';

export const GET = defineRoute(op('GET /flavors/{id}'), {
  handler: async ({ ctx, params }) => ok({ flavor: await getFlavor(ctx, params.id) }),
});

export const DELETE = defineRoute(op('DELETE /flavors/{id}'), flavorOperations.remove);
