import { op } from '@/lib/contract/operations';
import { defineRoute, listReply } from '@/server/http/define-route';
import { loadBalancerOperations } from '@/server/operations/load-balancers';
import { listLoadBalancers } from '@/server/services/load-balancers';

export const GET = defineRoute(op('GET /load-balancers'), {
  handler: async ({ ctx, query }) => listReply('load_balancers', await listLoadBalancers(ctx, query)),
});

export const POST = defineRoute(op('POST /load-balancers'), loadBalancerOperations.create);
