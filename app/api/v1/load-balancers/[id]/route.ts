import { op } from '@/lib/contract/operations';
import { accepted, defineRoute, noContent, ok } from '@/server/http/define-route';
import { deleteLoadBalancer, getLoadBalancer } from '@/server/services/load-balancers';

export const GET = defineRoute(op('GET /load-balancers/{id}'), {
  handler: async ({ ctx, params }) => ok({ load_balancer: await getLoadBalancer(ctx, params.id) }),
});

export const DELETE = defineRoute(op('DELETE /load-balancers/{id}'), {
  audit: { action: 'load_balancer.delete', resourceType: 'load_balancer' },
  handler: async ({ ctx, params }) => ((await deleteLoadBalancer(ctx, params.id)).pending ? accepted() : noContent()),
});
