import 'server-only';
import type { Network, Subnet } from '@/lib/contract/network';
import { osTime } from './time';
import type { NeutronNetwork, NeutronSubnet } from './wire';

export function toSubnet(s: NeutronSubnet): Subnet {
  return {
    id: s.id,
    name: s.name,
    network_id: s.network_id,
    cidr: s.cidr,
    gateway_ip: s.gateway_ip,
    ip_version: s.ip_version === 6 ? 6 : 4,
  };
}

/** Subnets come from one list call for the whole page, ordered by creation like the simulator's. */
export function toNetwork(n: NeutronNetwork, subnets: NeutronSubnet[]): Network {
  const external = n['router:external'] ?? false;
  // Every project sees and uses an external network: the contract calls that shared, whatever Neutron's flag says.
  const shared = (n.shared ?? false) || external;
  return {
    id: n.id,
    name: n.name,
    // The contract's shared/external networks belong to no tenant.
    project_id: external || shared ? null : n.project_id,
    external,
    shared,
    status: n.status === 'ACTIVE' ? 'active' : 'down',
    subnets: subnets
      .filter((s) => s.network_id === n.id)
      .sort((a, b) => (a.created_at ?? '').localeCompare(b.created_at ?? '') || a.id.localeCompare(b.id))
      .map(toSubnet),
    created_at: osTime(n.created_at),
  };
}
