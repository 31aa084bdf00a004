import { op } from '@/lib/contract/operations';
import { defineRoute, noContent, ok } from '@/server/http/define-route';
import { deleteNetwork, getNetwork } from '@/server/services/networks';

export const GET = defineRoute(op('GET /networks/{id}'), {
  handler: async ({ ctx, params }) => ok({ network: await getNetwork(ctx, params.id) }),
});

export const DELETE = defineRoute(op('DELETE /networks/{id}'), {
  audit: { action: 'network.delete', resourceType: 'network' },
  handler: async ({ ctx, params }) => {
    await deleteNetwork(ctx, params.id);
    return noContent();
  },
});
