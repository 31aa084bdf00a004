import { z } from 'zod';
import { validateRule } from '@/lib/contract/security-group';

const optPort = z.union([z.nan(), z.number().int('whole')]).transform((n) => (Number.isNaN(n) ? null : n));

/**
 * The add-rule form: values as typed ("any" protocol, a remote kind, NaN for an empty number field) turned
 * into the contract's rule fields; `validateRule` (the API's own checks) runs on the result.
 */
export const RuleForm = z
  .object({
    direction: z.enum(['ingress', 'egress']),
    ethertype: z.enum(['IPv4', 'IPv6']),
    protocol: z.enum(['tcp', 'udp', 'icmp', 'any']),
    remote: z.enum(['cidr', 'group']),
    remote_ip_prefix: z.string(),
    remote_group_id: z.string(),
    port_range_min: optPort,
    port_range_max: optPort,
    description: z.string().max(1024),
  })
  .transform((v) => ({
    direction: v.direction,
    ethertype: v.ethertype,
    protocol: v.protocol === 'any' ? null : v.protocol,
    remote_ip_prefix: v.remote === 'cidr' && v.remote_ip_prefix.trim() ? v.remote_ip_prefix.trim() : null,
    remote_group_id: v.remote === 'group' && v.remote_group_id ? v.remote_group_id : null,
    // The port fields are hidden for "any": whatever they last held is not part of the rule.
    port_range_min: v.protocol === 'any' ? null : v.port_range_min,
    port_range_max: v.protocol === 'any' ? null : v.port_range_max,
    description: v.description,
    isGroupMissing: v.remote === 'group' && !v.remote_group_id,
  }))
  .superRefine((v, ctx) => {
    if (v.isGroupMissing) ctx.addIssue({ code: 'custom', path: ['remote_group_id'], message: 'required' });
    for (const i of validateRule(v)) ctx.addIssue({ code: 'custom', path: [i.path], message: i.message });
  });
