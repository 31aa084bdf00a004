import 'server-only';
import type { FloatingIp } from '@/lib/contract/floating-ip';
import type { PublicIp } from '@/lib/contract/public-ip';
import { osTime } from './time';
import type { NeutronFloatingIp } from './wire';

/**
 * The standard's public IP is a Neutron floating IP too, marked with this tag so the two lists stay apart
 * (its name is kept in the description, the one free-text field a floating IP has).
 */
export const publicIpTag = 'yuntu-public-ip';
export const isPublicIp = (f: NeutronFloatingIp) => (f.tags ?? []).includes(publicIpTag);

export function toFloatingIp(f: NeutronFloatingIp): FloatingIp {
  const status = f.status === 'ACTIVE' || f.status === 'DOWN' ? f.status : 'ERROR';
  return {
    id: f.id,
    project_id: f.project_id,
    floating_ip_address: f.floating_ip_address,
    fixed_ip_address: f.fixed_ip_address,
    external_network_id: f.floating_network_id,
    port_id: f.port_id,
    status,
    description: f.description ?? '',
    port_details: f.port_id && f.port_details ? { ...f.port_details } : null,
    created_at: osTime(f.created_at),
  };
}

export function toPublicIp(f: NeutronFloatingIp): PublicIp {
  const bound = !!f.port_id;
  return {
    id: f.id,
    project_id: f.project_id,
    name: f.description ?? '',
    ip_address: f.floating_ip_address,
    // Floating IPs stay DOWN on clouds without an L3 agent: bound or not is what the standard asks.
    status: f.status === 'ERROR' ? 'error' : bound ? 'bound' : 'available',
    ip_version: f.floating_ip_address.includes(':') ? 6 : 4,
    server_id: bound ? (f.port_details?.device_id ?? null) : null,
    private_ip: bound ? f.fixed_ip_address : null,
    created_at: osTime(f.created_at),
  };
}
