import 'server-only';
import { op } from '@/lib/contract/operations';
import { accepted, created, defineOperation, noContent, ok } from '../http/pipeline';
import {
  addLoadBalancerListener,
  changeLoadBalancerMembers,
  createLoadBalancer,
  deleteLoadBalancer,
  removeLoadBalancerListener,
} from '../services/load-balancers';

/** The load balancers' changes, each declared once for its route handler and its server action (server/operations/README.md). */
export const loadBalancerOperations = {
  create: defineOperation(op('POST /load-balancers'), {
    idempotent: true,
    audit: { action: 'load_balancer.create', resourceType: 'load_balancer' },
    handler: async ({ ctx, body }) => accepted({ load_balancer: await createLoadBalancer(ctx, body) }),
  }),
  remove: defineOperation(op('DELETE /load-balancers/{id}'), {
    audit: { action: 'load_balancer.delete', resourceType: 'load_balancer' },
    handler: async ({ ctx, params }) => ((await deleteLoadBalancer(ctx, params.id)).pending ? accepted() : noContent()),
  }),
  addListener: defineOperation(op('POST /load-balancers/{id}/listeners'), {
    idempotent: true,
    audit: { action: 'load_balancer.listener_create', resourceType: 'load_balancer' },
    handler: async ({ ctx, params, body }) => {
      const lb = await addLoadBalancerListener(ctx, params.id, body);
      return created({ listener: lb.listeners.find((l) => l.port === body.port), load_balancer: lb });
    },
  }),
  removeListener: defineOperation(op('DELETE /load-balancers/{id}/listeners/{listener_id}'), {
    audit: { action: 'load_balancer.listener_delete', resourceType: 'load_balancer' },
    handler: async ({ ctx, params }) => {
      await removeLoadBalancerListener(ctx, params.id, params.listener_id);
      return noContent();
    },
  }),
  changeMembers: defineOperation(op('PATCH /load-balancers/{id}/members'), {
    audit: { action: 'load_balancer.members', resourceType: 'load_balancer' },
    handler: async ({ ctx, params, body }) =>
      ok({ load_balancer: await changeLoadBalancerMembers(ctx, params.id, body) }),
  }),
};
