import { z } from 'zod';
import { Description, Id, ProjectListQuery, Name } from './common';
import { stateRules, type StateRow } from './state-rules';

export const LoadBalancerStatus = z.enum(['creating', 'active', 'updating', 'deleting', 'error']);
export type LoadBalancerStatus = z.infer<typeof LoadBalancerStatus>;

/** What one can do to a load balancer: B.62/B.63 members, the listener editor, B.55 delete. */
export const LoadBalancerOperation = z.enum(['change-members', 'change-listeners', 'delete']);
export type LoadBalancerOperation = z.infer<typeof LoadBalancerOperation>;

/**
 * The one rule of which load balancer operation each status accepts. As Octavia's immutable PENDING_* states: a
 * load balancer changes only while active; it is deleted when active or in error.
 */
const loadBalancerStates = {
  creating: { transitional: true, allows: [] },
  active: { transitional: false, allows: ['change-members', 'change-listeners', 'delete'] },
  updating: { transitional: true, allows: [] },
  deleting: { transitional: true, allows: [] },
  error: { transitional: false, allows: ['delete'] },
} as const satisfies Record<LoadBalancerStatus, StateRow<LoadBalancerOperation>>;

export const loadBalancerRules = stateRules<LoadBalancerStatus, LoadBalancerOperation>(
  loadBalancerStates,
  LoadBalancerOperation.options,
  {
    'change-members': 'change the members of',
    'change-listeners': 'change the listeners of',
    delete: 'delete',
  },
);
export const loadBalancerActionAllowed = (action: LoadBalancerOperation, status: LoadBalancerStatus) =>
  loadBalancerRules.allowed(action, status);
export const isLoadBalancerTransitional = (status: LoadBalancerStatus) => loadBalancerRules.isTransitional(status);
export const ListenerProtocol = z.enum(['TCP', 'HTTP', 'HTTPS', 'UDP']);
const Port = z.number().int('must be a whole number').min(1, 'must be 1-65535').max(65535, 'must be 1-65535');

export const Listener = z.object({ id: Id, protocol: ListenerProtocol, port: Port });
export const Member = z.object({
  id: Id.meta({ description: 'the server id' }),
  name: z.string(),
  ip_address: z.string(),
  port: Port,
});

/** B.57 / B.60 load balancer. */
export const LoadBalancer = z
  .object({
    id: Id,
    project_id: Id,
    name: z.string(),
    description: z.string(),
    listeners: z.array(Listener),
    ip_address: z.string().nullable(),
    port: z.number().int().nullable().meta({ description: 'the first listener port' }),
    members: z.array(Member),
    subnet_id: Id.nullable(),
    status: LoadBalancerStatus,
    created_at: z.string(),
  })
  .meta({ id: 'LoadBalancer' });
export type LoadBalancer = z.infer<typeof LoadBalancer>;

export const LoadBalancerCreateInput = z
  .object({ name: Name, subnet_id: Id.optional(), description: Description.default('') })
  .meta({ id: 'LoadBalancerCreateInput' });
export type LoadBalancerCreateInput = z.infer<typeof LoadBalancerCreateInput>;

/** B.62 / B.63: add a member by server, remove by server or by IP (exactly one). */
export const LoadBalancerMembersInput = z
  .discriminatedUnion('op', [
    z.object({ op: z.literal('add'), server_id: Id, port: Port.default(80) }),
    z
      .object({ op: z.literal('remove'), server_id: Id.optional(), server_ip: z.string().max(64).optional() })
      .refine((v) => (v.server_id === undefined) !== (v.server_ip === undefined), {
        message: 'give exactly one of server_id and server_ip',
        path: ['server_id'],
      }),
  ])
  .meta({ id: 'LoadBalancerMembersInput' });
export type LoadBalancerMembersInput = z.infer<typeof LoadBalancerMembersInput>;

/**
 * B.62 with the standard's own body (`POST /load-balancers/{id}/members`): the server and, beyond the table, the port
 * it listens on (80 when left out, as the PATCH form).
 */
export const LoadBalancerMemberAddInput = z
  .object({ server_id: Id, port: Port.default(80) })
  .meta({ id: 'LoadBalancerMemberAddInput' });
export type LoadBalancerMemberAddInput = z.infer<typeof LoadBalancerMemberAddInput>;

const memberRemoveFields = {
  server_id: Id.optional().meta({ description: 'the member server; give this or server_ip' }),
  server_ip: z.string().max(64).optional().meta({ description: "the member's address; give this or server_id" }),
};
/**
 * B.63 with the standard's own fields (`DELETE /load-balancers/{id}/members`), in the body or in the query (some HTTP
 * clients drop a DELETE body): each part alone takes both fields as optional; `LoadBalancerMemberRemoveInput` checks
 * the two parts together for exactly one.
 */
export const LoadBalancerMemberRemoveBody = z.object(memberRemoveFields).meta({ id: 'LoadBalancerMemberRemoveBody' });
export const LoadBalancerMemberRemoveQuery = z.object(memberRemoveFields);
export const LoadBalancerMemberRemoveInput = z
  .object(memberRemoveFields)
  .refine((v) => (v.server_id === undefined) !== (v.server_ip === undefined), {
    message: 'give exactly one of server_id and server_ip',
    path: ['server_id'],
  });
export type LoadBalancerMemberRemoveInput = z.infer<typeof LoadBalancerMemberRemoveInput>;

export const ListenerCreateInput = z
  .object({ protocol: ListenerProtocol, port: Port })
  .meta({ id: 'ListenerCreateInput' });
export type ListenerCreateInput = z.infer<typeof ListenerCreateInput>;
export const LoadBalancerListQuery = ProjectListQuery.extend({ status: LoadBalancerStatus.optional() });
export const loadBalancerSortFields = ['name', 'status', 'created_at'] as const;
