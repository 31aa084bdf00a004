import 'server-only';
import type { PublicIp } from '@/lib/contract/public-ip';
import { shTime } from './time';

/** `DescribeEips` item: the standard's public IP. */
export interface ShEip {
  eip_id: string;
  eip_name: string;
  eip_addr: string;
  status: string;
  transition_status?: string;
  resource?: { resource_id: string; resource_name?: string; resource_type: string } | null;
  bandwidth?: number;
  create_time?: string;
}

export const toPublicIp = (e: ShEip, projectId: string, privateIp: string | null): PublicIp => {
  const bound = e.status === 'associated' && e.resource?.resource_type === 'instance';
  return {
    id: e.eip_id,
    project_id: projectId,
    name: e.eip_name ?? '',
    ip_address: e.eip_addr,
    status: e.status === 'suspended' ? 'error' : bound ? 'bound' : 'available',
    ip_version: 4,
    server_id: bound ? e.resource!.resource_id : null,
    private_ip: bound ? privateIp : null,
    created_at: shTime(e.create_time),
  };
};
