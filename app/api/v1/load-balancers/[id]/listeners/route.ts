import { ListenerCreateInput } from '@/lib/contract/load-balancer';
import { created, defineRoute } from '@/server/http/define-route';
import { addLoadBalancerListener } from '@/server/services/load-balancers';

export const POST = defineRoute({
  body: ListenerCreateInput,
  idempotent: true,
  audit: { action: 'load_balancer.listener_create', resourceType: 'load_balancer' },
  handler: async ({ ctx, params, body }) => {
    const lb = await addLoadBalancerListener(ctx, params.id!, body);
    return created({ listener: lb.listeners.find((l) => l.port === body.port), load_balancer: lb });
  },
});
