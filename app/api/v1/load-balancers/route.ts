import { op } from '@/lib/contract/operations';
import { accepted, defineRoute, listReply } from '@/server/http/define-route';
import { createLoadBalancer, listLoadBalancers } from '@/server/services/load-balancers';

export const GET = defineRoute(op('GET /load-balancers'), {
  handler: async ({ ctx, query }) => listReply('load_balancers', await listLoadBalancers(ctx, query)),
});

export const POST = defineRoute(op('POST /load-balancers'), {
  idempotent: true,
  audit: { action: 'load_balancer.create', resourceType: 'load_balancer' },
  handler: async ({ ctx, body }) => accepted({ load_balancer: await createLoadBalancer(ctx, body) }),
});
