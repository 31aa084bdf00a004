import 'server-only';
import { ListenerProtocol, type LoadBalancer, type LoadBalancerStatus } from '@/lib/contract/load-balancer';
import { osTime } from './time';
import type { OctaviaListener, OctaviaLoadBalancer, OctaviaMember } from './wire';

/** A member's server id rides in a tag (the standard's member id is the server id, Octavia's is its own). */
export const serverTag = (id: string) => `yuntu-server:${id}`;
export const serverIdOf = (m: OctaviaMember) =>
  (m.tags ?? []).find((t) => t.startsWith('yuntu-server:'))?.slice('yuntu-server:'.length) ?? m.id;

export function loadBalancerStatus(provisioning: string): LoadBalancerStatus {
  switch (provisioning) {
    case 'PENDING_CREATE':
      return 'creating';
    case 'ACTIVE':
      return 'active';
    case 'PENDING_UPDATE':
      return 'updating';
    case 'PENDING_DELETE':
    case 'DELETED':
      return 'deleting';
    default:
      return 'error';
  }
}

/**
 * Octavia's load balancer with its listeners, and the member set the driver keeps for it (see
 * ../load-balancers.ts: the load balancer's tags, or its first pool for one the console did not create).
 * `status` is the driver's: Octavia's, or `updating` while the console is still applying a change.
 */
export function toLoadBalancer(
  lb: OctaviaLoadBalancer,
  listeners: OctaviaListener[],
  members: LoadBalancer['members'],
  status: LoadBalancerStatus,
): LoadBalancer {
  const mine = listeners
    .filter((l) => l.loadbalancers.some((x) => x.id === lb.id))
    .sort((a, b) => a.protocol_port - b.protocol_port || a.id.localeCompare(b.id))
    .flatMap((l) => {
      const p = ListenerProtocol.safeParse(l.protocol === 'TERMINATED_HTTPS' ? 'HTTPS' : l.protocol);
      return p.success ? [{ id: l.id, protocol: p.data, port: l.protocol_port }] : [];
    });
  return {
    id: lb.id,
    project_id: lb.project_id,
    name: lb.name,
    description: lb.description ?? '',
    listeners: mine,
    ip_address: lb.vip_address,
    port: mine[0]?.port ?? null,
    members,
    subnet_id: lb.vip_subnet_id,
    status,
    created_at: osTime(lb.created_at),
  };
}
