import { op } from '@/lib/contract/operations';
import { defineRoute, ok } from '@/server/http/define-route';
import { changeLoadBalancerMembers } from '@/server/services/load-balancers';

// B.62 and B.63 share one path; the body's op says which.
export const PATCH = defineRoute(op('PATCH /load-balancers/{id}/members'), {
  audit: { action: 'load_balancer.members', resourceType: 'load_balancer' },
  handler: async ({ ctx, params, body }) => ok({ load_balancer: await changeLoadBalancerMembers(ctx, params.id, body) }),
});
