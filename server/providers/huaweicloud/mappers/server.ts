import 'server-only';
import type { Server, ServerStatus } from '@/lib/contract/server';
import { hwTime } from './time';

/** ECS `GET /v1/{project_id}/cloudservers/{id}` (Nova-compatible with Huawei's extensions). */
export interface EcsServer {
  id: string;
  name: string;
  description?: string;
  key_name?: string | null;
  status: string;
  'OS-EXT-STS:task_state'?: string | null;
  flavor: { id: string; name?: string; vcpus?: string; ram?: string };
  image?: { id: string } | '';
  addresses?: Record<
    string,
    {
      addr: string;
      version?: number;
      'OS-EXT-IPS:type'?: 'fixed' | 'floating';
      'OS-EXT-IPS:port_id'?: string;
      'OS-EXT-IPS:subnet_id'?: string;
    }[]
  >;
  metadata?: Record<string, string>;
  created?: string;
  updated?: string;
  'OS-EXT-AZ:availability_zone'?: string;
  'os-extended-volumes:volumes_attached'?: { id: string }[];
  security_groups?: { id?: string; name: string }[];
  'OS-EXT-SRV-ATTR:host'?: string;
}

/** ECS status and task state → the contract's vocabulary (Huawei's metadata keys like `charging_mode` are hidden). */
export function serverStatus(status: string, task?: string | null): ServerStatus {
  if (task === 'deleting') return 'deleting';
  switch (status) {
    case 'BUILD':
      return 'building';
    case 'ACTIVE':
      return task === 'rebooting' || task === 'rebooting_hard'
        ? 'rebooting'
        : task === 'resize_prep' || task === 'resize_migrating'
          ? 'resizing'
          : 'active';
    case 'SHUTOFF':
      return 'stopped';
    case 'REBOOT':
    case 'HARD_REBOOT':
      return 'rebooting';
    case 'RESIZE':
    case 'VERIFY_RESIZE':
      return 'resizing';
    case 'MIGRATING':
      return 'migrating';
    case 'DELETED':
      return 'deleting';
    default:
      return 'error';
  }
}

const systemMetadata = /^(charging_mode|vpc_id|metering\.|os_bit|os_type|image_name|__)/;

export function toServer(s: EcsServer, projectId: string, isAdmin: boolean): Server {
  const addresses: Server['addresses'] = [];
  for (const [vpcId, entries] of Object.entries(s.addresses ?? {})) {
    const floating = entries.filter((a) => a['OS-EXT-IPS:type'] === 'floating');
    for (const a of entries.filter((x) => x['OS-EXT-IPS:type'] !== 'floating')) {
      const port = a['OS-EXT-IPS:port_id'];
      const fip = floating.find((f) => f['OS-EXT-IPS:port_id'] === port) ?? null;
      addresses.push({
        network_id: vpcId,
        ...(a['OS-EXT-IPS:subnet_id'] ? { subnet_id: a['OS-EXT-IPS:subnet_id'] } : {}),
        ...(port ? { port_id: port } : {}),
        private_ip: a.addr,
        floating_ip: fip?.addr ?? null,
      });
    }
  }
  const metadata = Object.fromEntries(Object.entries(s.metadata ?? {}).filter(([k]) => !systemMetadata.test(k)));
  return {
    id: s.id,
    name: s.name,
    description: s.description ?? '',
    project_id: projectId,
    flavor_id: s.flavor.id,
    image_id: s.image && s.image.id ? s.image.id : null,
    volume_ids: (s['os-extended-volumes:volumes_attached'] ?? []).map((v) => v.id),
    addresses,
    status: serverStatus(s.status, s['OS-EXT-STS:task_state']),
    security_groups: (s.security_groups ?? []).map((g) => ({ id: g.id ?? g.name, name: g.name })),
    metadata,
    created_at: hwTime(s.created),
    updated_at: hwTime(s.updated ?? s.created),
    datacenter_id: s['OS-EXT-AZ:availability_zone'] ?? '',
    ...(isAdmin && s['OS-EXT-SRV-ATTR:host'] ? { host: s['OS-EXT-SRV-ATTR:host'] } : {}),
    key_name: s.key_name || null,
  };
}
