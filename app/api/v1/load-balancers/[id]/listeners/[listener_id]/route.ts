import { op } from '@/lib/contract/operations';
import { defineRoute, noContent } from '@/server/http/define-route';
import { removeLoadBalancerListener } from '@/server/services/load-balancers';

export const DELETE = defineRoute(op('DELETE /load-balancers/{id}/listeners/{listener_id}'), {
  audit: { action: 'load_balancer.listener_delete', resourceType: 'load_balancer' },
  handler: async ({ ctx, params }) => {
    await removeLoadBalancerListener(ctx, params.id, params.listener_id);
    return noContent();
  },
});
