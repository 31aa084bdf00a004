import 'server-only';
import type { PublicIp } from '@/lib/contract/public-ip';
import { hwTime } from './time';

/** VPC v1 EIP (`/v1/{project_id}/publicips`). */
export interface HwPublicIp {
  id: string;
  alias?: string;
  status: string;
  type?: string;
  public_ip_address: string;
  public_ipv6_address?: string;
  ip_version?: number;
  port_id?: string | null;
  private_ip_address?: string | null;
  bandwidth_name?: string;
  create_time?: string;
}

export const toPublicIp = (p: HwPublicIp, projectId: string, serverId: string | null): PublicIp => ({
  id: p.id,
  project_id: projectId,
  name: p.alias ?? p.bandwidth_name ?? '',
  ip_address: p.ip_version === 6 && p.public_ipv6_address ? p.public_ipv6_address : p.public_ip_address,
  // ACTIVE = bound and up, DOWN = allocated and unbound; PENDING_* are short (the caller just re-reads).
  status: p.status === 'ERROR' || p.status === 'BIND_ERROR' ? 'error' : p.port_id ? 'bound' : 'available',
  ip_version: p.ip_version === 6 ? 6 : 4,
  server_id: p.port_id ? serverId : null,
  private_ip: p.port_id ? (p.private_ip_address ?? null) : null,
  created_at: hwTime(p.create_time),
});
