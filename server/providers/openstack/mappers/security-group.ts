import 'server-only';
import type { SecurityGroup, SecurityGroupRule } from '@/lib/contract/security-group';
import { osTime } from './time';
import type { NeutronSecurityGroup, NeutronSecurityGroupRule } from './wire';

function protocolOf(p: string | null): SecurityGroupRule['protocol'] {
  if (p === null || p === 'any') return null;
  if (p === 'tcp' || p === '6') return 'tcp';
  if (p === 'udp' || p === '17') return 'udp';
  if (p === 'icmp' || p === '1' || p === 'ipv6-icmp' || p === 'icmpv6' || p === '58') return 'icmp';
  // Other IP protocols (gre, sctp, ...) have no word in the standard; shown as "any".
  return null;
}

export function toRule(r: NeutronSecurityGroupRule): SecurityGroupRule {
  return {
    id: r.id,
    security_group_id: r.security_group_id,
    description: r.description ?? '',
    direction: r.direction,
    ethertype: r.ethertype,
    protocol: protocolOf(r.protocol),
    remote_group_id: r.remote_group_id,
    remote_ip_prefix: r.remote_ip_prefix,
    port_range_min: r.port_range_min,
    port_range_max: r.port_range_max,
  };
}

export function toSecurityGroup(g: NeutronSecurityGroup, serverIds: string[]): SecurityGroup {
  return {
    id: g.id,
    project_id: g.project_id,
    name: g.name,
    description: g.description ?? '',
    // Neutron returns a group's rules in no fixed order: the simulator's order (creation, direction, ethertype).
    rules: [...g.security_group_rules]
      .sort(
        (a, b) =>
          (a.created_at ?? '').localeCompare(b.created_at ?? '') ||
          a.direction.localeCompare(b.direction) ||
          a.ethertype.localeCompare(b.ethertype) ||
          a.id.localeCompare(b.id),
      )
      .map(toRule),
    server_ids: serverIds,
    created_at: osTime(g.created_at),
  };
}
