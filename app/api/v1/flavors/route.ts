import { op } from '@/lib/contract/operations';
import { defineRoute, listReply } from '@/server/http/define-route';
import { flavorOperations } from '@/server/operations/flavors';
import { listFlavors } from '@/server/services/flavors';

export const GET = defineRoute(op('GET /flavors'), {
  handler: async ({ ctx, query }) => listReply('flavors', await listFlavors(ctx, query)),
});

export const POST = defineRoute(op('POST /flavors'), flavorOperations.create);
