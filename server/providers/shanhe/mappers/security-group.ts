import 'server-only';
import type { SecurityGroup, SecurityGroupRule } from '@/lib/contract/security-group';
import { shTime } from './time';

export interface ShSecurityGroup {
  security_group_id: string;
  security_group_name: string;
  description?: string | null;
  is_default?: number;
  resources?: { resource_id: string; resource_type: string }[];
  create_time?: string;
}

/**
 * `DescribeSecurityGroupRules` item. direction 0 = ingress, 1 = egress; val1/val2 are the port range (tcp/udp)
 * or ICMP type/code; val3 the peer address or CIDR.
 */
export interface ShRule {
  security_group_rule_id: string;
  security_group_id: string;
  security_group_rule_name?: string;
  protocol: string;
  priority: number;
  action: string;
  direction: number;
  val1?: string;
  val2?: string;
  val3?: string;
}

const num = (v: string | undefined) => (v === undefined || v === '' ? null : Number(v));

export const toRule = (r: ShRule): SecurityGroupRule => ({
  id: r.security_group_rule_id,
  security_group_id: r.security_group_id,
  description: r.security_group_rule_name ?? '',
  direction: r.direction === 1 ? 'egress' : 'ingress',
  ethertype: 'IPv4',
  protocol: r.protocol === 'tcp' || r.protocol === 'udp' || r.protocol === 'icmp' ? r.protocol : null,
  remote_group_id: null,
  remote_ip_prefix: r.val3 ? (r.val3.includes('/') ? r.val3 : `${r.val3}/32`) : null,
  port_range_min: num(r.val1),
  port_range_max: num(r.val2) ?? (r.protocol === 'icmp' ? null : num(r.val1)),
});

export const toSecurityGroup = (g: ShSecurityGroup, rules: ShRule[], projectId: string): SecurityGroup => ({
  id: g.security_group_id,
  project_id: projectId,
  name: g.security_group_name,
  description: g.description ?? '',
  rules: rules.filter((r) => r.security_group_id === g.security_group_id).map(toRule),
  server_ids: (g.resources ?? []).filter((r) => r.resource_type === 'instance').map((r) => r.resource_id),
  created_at: shTime(g.create_time),
});
