import { z } from 'zod';
import { parseCidr } from '../network/ip';
import { Description, Id, ProjectListQuery } from './common';

/** B.66 / B.70 / B.72 security group rule. */
export const SecurityGroupRule = z
  .object({
    id: Id,
    security_group_id: Id,
    description: z.string(),
    direction: z.enum(['ingress', 'egress']),
    ethertype: z.enum(['IPv4', 'IPv6']),
    protocol: z.enum(['tcp', 'udp', 'icmp']).nullable(),
    remote_group_id: Id.nullable(),
    remote_ip_prefix: z.string().nullable(),
    port_range_min: z.number().int().nullable(),
    port_range_max: z.number().int().nullable(),
  })
  .meta({ id: 'SecurityGroupRule' });
export type SecurityGroupRule = z.infer<typeof SecurityGroupRule>;

/** B.65 / B.69 security group. */
export const SecurityGroup = z
  .object({
    id: Id,
    project_id: Id,
    name: z.string(),
    description: z.string(),
    rules: z.array(SecurityGroupRule),
    server_ids: z.array(Id).meta({ description: 'servers using the group' }),
    created_at: z.string(),
  })
  .meta({ id: 'SecurityGroup' });
export type SecurityGroup = z.infer<typeof SecurityGroup>;

/** B.64: the name is optional in the standard (表B.64); the service names a group given none `sg-` + 8 hex digits. */
export const SecurityGroupCreateInput = z
  .object({ name: z.string().trim().max(255).default(''), description: Description.default('') })
  .meta({ id: 'SecurityGroupCreateInput' });
export type SecurityGroupCreateInput = z.infer<typeof SecurityGroupCreateInput>;

/** B.71 创建安全组规则. Cross-field rules (CIDR vs ethertype, ports, icmp) are checked by `validateRule`. */
export const SecurityGroupRuleCreateInput = z
  .object({
    security_group_id: Id,
    direction: z.enum(['ingress', 'egress']).default('ingress'),
    ethertype: z.enum(['IPv4', 'IPv6']).default('IPv4'),
    protocol: z.enum(['tcp', 'udp', 'icmp']).nullable().default(null),
    remote_ip_prefix: z.string().max(64).nullable().optional(),
    remote_group_id: Id.nullable().optional(),
    port_range_min: z.number().int('must be a whole number').nullable().optional(),
    port_range_max: z.number().int('must be a whole number').nullable().optional(),
    description: Description.default(''),
  })
  .superRefine((v, ctx) => {
    for (const issue of validateRule(v)) ctx.addIssue({ code: 'custom', path: [issue.path], message: issue.message });
  })
  .meta({ id: 'SecurityGroupRuleCreateInput' });
export type SecurityGroupRuleCreateInput = z.infer<typeof SecurityGroupRuleCreateInput>;
export const SecurityGroupListQuery = ProjectListQuery;
export const securityGroupSortFields = ['name', 'created_at'] as const;

type RuleFields = Pick<SecurityGroupRuleCreateInput, 'ethertype' | 'protocol'> & {
  remote_ip_prefix?: string | null;
  remote_group_id?: string | null;
  port_range_min?: number | null;
  port_range_max?: number | null;
};

/** The standard's rule checks, shared by the API and the rule form. */
export function validateRule(v: RuleFields): { path: string; message: string }[] {
  const issues: { path: string; message: string }[] = [];
  if (v.remote_ip_prefix && v.remote_group_id)
    issues.push({ path: 'remote_group_id', message: 'give at most one of remote_ip_prefix and remote_group_id' });
  if (v.remote_ip_prefix) {
    const c = parseCidr(v.remote_ip_prefix);
    if (!c)
      issues.push({ path: 'remote_ip_prefix', message: `"${v.remote_ip_prefix}" is not a CIDR (e.g. 10.0.0.0/24)` });
    else if ((c.version === 4) !== (v.ethertype === 'IPv4'))
      issues.push({ path: 'remote_ip_prefix', message: `is an IPv${c.version} CIDR but ethertype is ${v.ethertype}` });
  }
  const min = v.port_range_min ?? null;
  const max = v.port_range_max ?? null;
  if (v.protocol === 'tcp' || v.protocol === 'udp') {
    for (const [k, p] of [
      ['port_range_min', min],
      ['port_range_max', max],
    ] as const)
      if (p !== null && (p < 1 || p > 65535)) issues.push({ path: k, message: 'must be 1-65535 for ' + v.protocol });
    if (min !== null && max !== null && min > max)
      issues.push({ path: 'port_range_min', message: 'must not exceed port_range_max' });
    if ((min === null) !== (max === null))
      issues.push({
        path: min === null ? 'port_range_min' : 'port_range_max',
        message: 'give both ends of the port range, or neither',
      });
  } else if (v.protocol === 'icmp') {
    if (min !== null && (min < 0 || min > 255))
      issues.push({ path: 'port_range_min', message: 'is the ICMP type and must be 0-255' });
    if (max !== null && (max < 0 || max > 255))
      issues.push({ path: 'port_range_max', message: 'is the ICMP code and must be 0-255' });
    if (min === null && max !== null)
      issues.push({ path: 'port_range_min', message: 'an ICMP code needs an ICMP type' });
  } else if (min !== null || max !== null) {
    issues.push({ path: 'port_range_min', message: 'ports may only be given for tcp, udp or icmp' });
  }
  return issues;
}
