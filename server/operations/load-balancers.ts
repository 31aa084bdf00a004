import 'server-only';
import { LoadBalancerMemberRemoveInput } from '@/lib/contract/load-balancer';
import { op } from '@/lib/contract/operations';
import { CloudError } from '../providers/errors';
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
  // B.62 and B.63 with the standard's own bodies: the same change and audit record as the PATCH form, not idempotent
  // as it is not (a repeated add is a 409, a repeated remove a 404: the caller sees what happened).
  addMember: defineOperation(op('POST /load-balancers/{id}/members'), {
    audit: { action: 'load_balancer.members', resourceType: 'load_balancer' },
    handler: async ({ ctx, params, body }) =>
      ok({ load_balancer: await changeLoadBalancerMembers(ctx, params.id, { op: 'add', ...body }) }),
  }),
  removeMember: defineOperation(op('DELETE /load-balancers/{id}/members'), {
    audit: { action: 'load_balancer.members', resourceType: 'load_balancer' },
    handler: async ({ ctx, params, query, body }) => {
      const given = (o: Record<string, unknown>) => Object.keys(o).filter((k) => o[k] !== undefined);
      const twice = given(query).find((k) => given(body).includes(k));
      // Which of the two would win is a guess: refuse it rather than remove a member the caller did not mean.
      if (twice)
        throw new CloudError('invalid', `${twice}: given both in the query and in the body`, [
          { path: twice, message: 'give it in the query or in the body, not both' },
        ]);
      // Exactly one of server_id and server_ip over the two parts together (a ZodError is the 400 naming server_id).
      const target = LoadBalancerMemberRemoveInput.parse({ ...query, ...body });
      return ok({ load_balancer: await changeLoadBalancerMembers(ctx, params.id, { op: 'remove', ...target }) });
    },
  }),
};
