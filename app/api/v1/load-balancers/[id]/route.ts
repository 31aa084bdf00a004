import { op } from '@/lib/contract/operations';
import { defineRoute, ok } from '@/server/http/define-route';
import { loadBalancerOperations } from '@/server/operations/load-balancers';
import { getLoadBalancer } from '@/server/services/load-balancers';

export const GET = defineRoute(op('GET /load-balancers/{id}'), {
  handler: async ({ ctx, params }) => ok({ load_balancer: await getLoadBalancer(ctx, params.id) }),
});

export const DELETE = defineRoute(op('DELETE /load-balancers/{id}'), loadBalancerOperations.remove);
