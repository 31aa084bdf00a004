import { op } from '@/lib/contract/operations';
import { defineRoute, ok } from '@/server/http/define-route';
import { networkOperations } from '@/server/operations/networks';
import { getNetwork } from '@/server/services/networks';

export const GET = defineRoute(op('GET /networks/{id}'), {
  handler: async ({ ctx, params }) => ok({ network: await getNetwork(ctx, params.id) }),
});

export const DELETE = defineRoute(op('DELETE /networks/{id}'), networkOperations.remove);
