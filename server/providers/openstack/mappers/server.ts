import 'server-only';
import type { Server, ServerStatus } from '@/lib/contract/server';
import { osTime } from './time';
import type { NeutronFloatingIp, NeutronPort, NovaServer } from './wire';

/** Nova's status and task state → the contract's status vocabulary. */
export function serverStatus(status: string, taskState?: string | null): ServerStatus {
  if (taskState === 'deleting') return 'deleting';
  switch (status) {
    case 'BUILD':
      return 'building';
    case 'ACTIVE':
      if (taskState === 'rebooting' || taskState === 'reboot_started' || taskState === 'rebooting_hard')
        return 'rebooting';
      if (taskState === 'migrating') return 'migrating';
      if (taskState === 'resize_prep' || taskState === 'resize_migrating' || taskState === 'resize_finish')
        return 'resizing';
      return 'active';
    case 'SHUTOFF':
    case 'PAUSED':
    case 'SUSPENDED':
    case 'SHELVED':
    case 'SHELVED_OFFLOADED':
      return 'stopped';
    case 'REBOOT':
    case 'HARD_REBOOT':
      return 'rebooting';
    // VERIFY_RESIZE is confirmed automatically (the standard has no confirm step): still resizing until then.
    case 'RESIZE':
    case 'VERIFY_RESIZE':
    case 'REVERT_RESIZE':
      return 'resizing';
    case 'MIGRATING':
      return 'migrating';
    case 'DELETED':
    case 'SOFT_DELETED':
      return 'deleting';
    default:
      return 'error';
  }
}

/**
 * The contract's status → Nova's `status` list filter. Not `deleting`: Nova has no status for a server being torn
 * down (its task state says so, beside any status), and its DELETED status means already gone and admin-only.
 */
export const novaStatusFilter: Record<Exclude<ServerStatus, 'deleting'>, string> = {
  building: 'BUILD',
  active: 'ACTIVE',
  stopped: 'SHUTOFF',
  rebooting: 'REBOOT',
  resizing: 'RESIZE',
  migrating: 'MIGRATING',
  error: 'ERROR',
};

/**
 * A Nova server plus its ports and floating IPs (fetched for a whole page at once) → the contract's server.
 * Nova names security groups only; their ids come from the ports.
 */
export function toServer(
  s: NovaServer,
  ports: Pick<NeutronPort, 'id' | 'device_id' | 'network_id' | 'fixed_ips' | 'security_groups' | 'created_at'>[],
  fips: Pick<NeutronFloatingIp, 'port_id' | 'fixed_ip_address' | 'floating_ip_address'>[],
  groupNames: Map<string, string>,
): Server {
  const mine = ports
    .filter((p) => p.device_id === s.id)
    .sort((a, b) => (a.created_at ?? '').localeCompare(b.created_at ?? '') || a.id.localeCompare(b.id));
  const addresses = mine.flatMap((p) =>
    p.fixed_ips.map((ip) => ({
      network_id: p.network_id,
      subnet_id: ip.subnet_id,
      port_id: p.id,
      private_ip: ip.ip_address,
      floating_ip:
        fips.find((f) => f.port_id === p.id && (f.fixed_ip_address === ip.ip_address || !f.fixed_ip_address))
          ?.floating_ip_address ?? null,
    })),
  );
  const groupIds = [...new Set(mine.flatMap((p) => p.security_groups ?? []))];
  const groups = groupIds.length
    ? groupIds.map((id) => ({ id, name: groupNames.get(id) ?? id }))
    : // A server without ports yet (building): Nova's names are all there is.
      [...new Set((s.security_groups ?? []).map((g) => g.name))].map((name) => ({ id: name, name }));
  const host = s['OS-EXT-SRV-ATTR:host'];
  return {
    id: s.id,
    name: s.name,
    description: s.description ?? '',
    project_id: s.tenant_id,
    flavor_id: s.flavor.id ?? s.flavor.original_name ?? '',
    image_id: s.image && typeof s.image === 'object' ? s.image.id : null,
    volume_ids: (s['os-extended-volumes:volumes_attached'] ?? []).map((v) => v.id),
    addresses,
    status: serverStatus(s.status, s['OS-EXT-STS:task_state']),
    security_groups: groups.sort((a, b) => a.name.localeCompare(b.name)),
    metadata: s.metadata ?? {},
    created_at: osTime(s.created),
    updated_at: osTime(s.updated),
    datacenter_id: s['OS-EXT-AZ:availability_zone'] || 'nova',
    ...(host ? { host } : {}),
    key_name: s.key_name || null,
  };
}
