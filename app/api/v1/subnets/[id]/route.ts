import { op } from '@/lib/contract/operations';
import { defineRoute, ok } from '@/server/http/define-route';
import { networkOperations } from '@/server/operations/networks';
import { getSubnet } from '@/server/services/networks';

export const GET = defineRoute(op('GET /subnets/{id}'), {
  handler: async ({ ctx, params }) => ok({ subnet: await getSubnet(ctx, params.id) }),
});

export const DELETE = defineRoute(op('DELETE /subnets/{id}'), networkOperations.removeSubnet);
