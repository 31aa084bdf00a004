import 'server-only';
import type { LoadBalancer, LoadBalancerStatus } from '@/lib/contract/load-balancer';
import { hwTime } from './time';

/** Classic ELB v1.0 (`/v1.0/{project_id}/elbaas/…`): members live per listener. */
export interface ElbLoadBalancer {
  id: string;
  name: string;
  description?: string;
  status: string;
  vip_address?: string;
  vip_subnet_id?: string;
  vpc_id?: string;
  type?: 'External' | 'Internal';
  create_time?: string;
}
export interface ElbListener {
  id: string;
  loadbalancer_id: string;
  protocol: string;
  port: number;
  backend_port: number;
}
export interface ElbMember {
  id: string;
  server_id: string;
  server_name?: string;
  address: string;
}

export function lbStatus(s: string): LoadBalancerStatus {
  if (s === 'ACTIVE') return 'active';
  if (s === 'PENDING_CREATE') return 'creating';
  if (s === 'PENDING_UPDATE') return 'updating';
  if (s === 'PENDING_DELETE') return 'deleting';
  return 'error';
}

const protocols = new Set(['TCP', 'HTTP', 'HTTPS', 'UDP']);

export function toLoadBalancer(
  lb: ElbLoadBalancer,
  listeners: ElbListener[],
  members: Map<string, ElbMember & { port: number }>,
  projectId: string,
): LoadBalancer {
  const mine = listeners.filter((l) => l.loadbalancer_id === lb.id);
  return {
    id: lb.id,
    project_id: projectId,
    name: lb.name,
    description: lb.description ?? '',
    listeners: mine.map((l) => ({
      id: l.id,
      protocol: (protocols.has(l.protocol) ? l.protocol : 'TCP') as 'TCP',
      port: l.port,
    })),
    ip_address: lb.vip_address ?? null,
    port: mine[0]?.port ?? null,
    members: [...members.values()].map((m) => ({
      id: m.server_id,
      name: m.server_name ?? '',
      ip_address: m.address,
      port: m.port,
    })),
    subnet_id: lb.vip_subnet_id ?? null,
    status: lbStatus(lb.status),
    created_at: hwTime(lb.create_time),
  };
}
