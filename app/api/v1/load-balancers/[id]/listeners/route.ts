import { op } from '@/lib/contract/operations';
import { created, defineRoute } from '@/server/http/define-route';
import { addLoadBalancerListener } from '@/server/services/load-balancers';

export const POST = defineRoute(op('POST /load-balancers/{id}/listeners'), {
  idempotent: true,
  audit: { action: 'load_balancer.listener_create', resourceType: 'load_balancer' },
  handler: async ({ ctx, params, body }) => {
    const lb = await addLoadBalancerListener(ctx, params.id, body);
    return created({ listener: lb.listeners.find((l) => l.port === body.port), load_balancer: lb });
  },
});
