import 'server-only';
import type { SecurityGroup, SecurityGroupRule } from '@/lib/contract/security-group';
import { hwTime } from './time';

/** VPC v1 security group and rule (Neutron-shaped). */
export interface HwRule {
  id: string;
  security_group_id: string;
  description?: string;
  direction: 'ingress' | 'egress';
  ethertype: 'IPv4' | 'IPv6';
  protocol?: string | null;
  port_range_min?: number | null;
  port_range_max?: number | null;
  remote_ip_prefix?: string | null;
  remote_group_id?: string | null;
}
export interface HwSecurityGroup {
  id: string;
  name: string;
  description?: string;
  vpc_id?: string;
  security_group_rules?: HwRule[];
  created_at?: string;
}

const protocolOf = (p: string | null | undefined): SecurityGroupRule['protocol'] =>
  p === 'tcp' || p === 'udp' || p === 'icmp' ? p : null;

export const toRule = (r: HwRule): SecurityGroupRule => ({
  id: r.id,
  security_group_id: r.security_group_id,
  description: r.description ?? '',
  direction: r.direction,
  ethertype: r.ethertype,
  protocol: protocolOf(r.protocol),
  remote_group_id: r.remote_group_id ?? null,
  remote_ip_prefix: r.remote_ip_prefix ?? null,
  port_range_min: r.port_range_min ?? null,
  port_range_max: r.port_range_max ?? null,
});

export const toSecurityGroup = (g: HwSecurityGroup, projectId: string): SecurityGroup => ({
  id: g.id,
  project_id: projectId,
  name: g.name,
  description: g.description ?? '',
  rules: (g.security_group_rules ?? []).map(toRule),
  // VPC v1 does not list a group's servers; the cloud itself refuses deleting a group in use.
  server_ids: [],
  created_at: hwTime(g.created_at),
});
