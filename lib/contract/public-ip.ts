import { z } from 'zod';
import { Id, ProjectListQuery } from './common';
import { stateRules, type StateRow } from './state-rules';

export const PublicIpStatus = z.enum(['available', 'bound', 'error']);
export type PublicIpStatus = z.infer<typeof PublicIpStatus>;

/** What one can do to a public IP: B.48 bind, B.49 unbind, B.52 delete. */
export const PublicIpOperation = z.enum(['bind', 'unbind', 'delete']);
export type PublicIpOperation = z.infer<typeof PublicIpOperation>;

/** The one rule: a free address binds, a bound one unbinds, and only an unbound one is released (B.52: bound is 409). */
const publicIpStates = {
  available: { transitional: false, allows: ['bind', 'delete'] },
  bound: { transitional: false, allows: ['unbind'] },
  error: { transitional: false, allows: ['delete'] },
} as const satisfies Record<PublicIpStatus, StateRow<PublicIpOperation>>;

export const publicIpRules = stateRules<PublicIpStatus, PublicIpOperation>(publicIpStates, PublicIpOperation.options, {
  bind: 'bind',
  unbind: 'unbind',
  delete: 'delete',
});
export const publicIpActionAllowed = (action: PublicIpOperation, status: PublicIpStatus) =>
  publicIpRules.allowed(action, status);
/** B.47 / B.51 public IP. */
export const PublicIp = z
  .object({
    id: Id,
    project_id: Id,
    name: z.string(),
    ip_address: z.string(),
    status: PublicIpStatus,
    ip_version: z.union([z.literal(4), z.literal(6)]),
    server_id: Id.nullable(),
    private_ip: z.string().nullable(),
    created_at: z.string(),
  })
  .meta({ id: 'PublicIp' });
export type PublicIp = z.infer<typeof PublicIp>;

/**
 * B.46 / B.47 IP版本类型: the standard names the versions `IPv4` / `IPv6`; API.md answers the integers 4 / 6 (as
 * Neutron does). Requests may use either form; answers keep the integer.
 */
export const IpVersionInput = z
  .union([z.literal(4), z.literal(6), z.enum(['IPv4', 'IPv6', 'ipv4', 'ipv6', '4', '6'])], {
    error: 'must be 4, 6, "IPv4" or "IPv6"',
  })
  .transform((v): 4 | 6 => (v === 6 || v === '6' || v === 'IPv6' || v === 'ipv6' ? 6 : 4));
export const PublicIpCreateInput = z
  .object({ name: z.string().max(255).default(''), ip_version: IpVersionInput.default(4) })
  .meta({ id: 'PublicIpCreateInput' });
export type PublicIpCreateInput = z.infer<typeof PublicIpCreateInput>;

/** B.48 / B.49: exactly one of server_id and private_ip. */
export const PublicIpBindInput = z
  .object({ server_id: Id.optional(), private_ip: z.string().max(64).optional() })
  .refine((v) => (v.server_id === undefined) !== (v.private_ip === undefined), {
    message: 'give exactly one of server_id and private_ip',
    path: ['server_id'],
  })
  .meta({ id: 'PublicIpBindInput' });
export type PublicIpBindInput = z.infer<typeof PublicIpBindInput>;
export const PublicIpListQuery = ProjectListQuery.extend({ status: PublicIpStatus.optional() });
export const publicIpSortFields = ['name', 'ip_address', 'status', 'created_at'] as const;
