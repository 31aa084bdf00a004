import 'server-only';
import type { LoadBalancer, LoadBalancerStatus } from '@/lib/contract/load-balancer';
import { shTime } from './time';

export interface ShBackend {
  loadbalancer_backend_id: string;
  loadbalancer_backend_name?: string;
  resource_id: string;
  port: number;
}
export interface ShListener {
  loadbalancer_listener_id: string;
  loadbalancer_id: string;
  listener_port: number;
  listener_protocol: string;
  backends?: ShBackend[];
}
export interface ShLoadBalancer {
  loadbalancer_id: string;
  loadbalancer_name: string;
  description?: string | null;
  status: string;
  transition_status?: string;
  vxnet_id?: string;
  private_ips?: string[];
  eips?: { eip_id: string; eip_addr: string }[];
  create_time?: string;
}

export function lbStatus(status: string, transition = ''): LoadBalancerStatus {
  if (transition === 'creating' || status === 'pending') return 'creating';
  if (transition === 'deleting') return 'deleting';
  if (transition) return 'updating';
  return status === 'active' ? 'active' : 'error';
}

export function toLoadBalancer(
  lb: ShLoadBalancer,
  listeners: ShListener[],
  ipOf: (serverId: string) => string,
  projectId: string,
): LoadBalancer {
  const members = new Map<string, LoadBalancer['members'][number]>();
  for (const l of listeners)
    for (const b of l.backends ?? [])
      if (!members.has(b.resource_id))
        members.set(b.resource_id, {
          id: b.resource_id,
          name: b.loadbalancer_backend_name ?? '',
          ip_address: ipOf(b.resource_id),
          port: b.port,
        });
  return {
    id: lb.loadbalancer_id,
    project_id: projectId,
    name: lb.loadbalancer_name,
    description: lb.description ?? '',
    listeners: listeners.map((l) => ({
      id: l.loadbalancer_listener_id,
      protocol: l.listener_protocol.toUpperCase() as 'TCP',
      port: l.listener_port,
    })),
    ip_address: lb.eips?.[0]?.eip_addr ?? lb.private_ips?.[0] ?? null,
    port: listeners[0]?.listener_port ?? null,
    members: [...members.values()],
    subnet_id: lb.vxnet_id ?? null,
    status: lbStatus(lb.status, lb.transition_status),
    created_at: shTime(lb.create_time),
  };
}
