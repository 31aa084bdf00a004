import 'server-only';
import type { Server, ServerStatus } from '@/lib/contract/server';
import { shTime } from './time';

/** `DescribeInstances` item (the seed's example plus the fields of verbose=1). */
export interface ShInstance {
  instance_id: string;
  instance_name: string;
  description: string | null;
  instance_type: string;
  vcpus_current: number;
  memory_current: number;
  status: string;
  transition_status: string;
  image?: { image_id: string };
  vxnets?: { vxnet_id: string; vxnet_name?: string; private_ip: string; nic_id?: string }[];
  eip?: { eip_id: string; eip_addr: string } | null;
  volume_ids?: string[];
  security_group?: { security_group_id: string; security_group_name?: string } | null;
  tags?: { tag_id: string; tag_name: string }[];
  create_time: string;
  status_time?: string;
  zone_id?: string;
  host_machine?: string;
}

/** Metadata rides on tags named `key=value` (the API has tags, not per-instance key/value metadata). */
export const metadataTag = (k: string, v: string) => `${k}=${v}`;
export function metadataOf(tags: ShInstance['tags']): Record<string, string> {
  const out: Record<string, string> = {};
  for (const t of tags ?? []) {
    const i = t.tag_name.indexOf('=');
    if (i > 0) out[t.tag_name.slice(0, i)] = t.tag_name.slice(i + 1);
  }
  return out;
}

/**
 * Status plus transition → the contract's vocabulary. While starting or stopping the instance keeps its old
 * status (the contract has no starting/stopping), as Nova does.
 */
export function instanceStatus(status: string, transition: string): ServerStatus {
  switch (transition) {
    case 'creating':
    case 'recovering':
      return 'building';
    case 'restarting':
    case 'resetting':
      return 'rebooting';
    case 'resizing':
      return 'resizing';
    case 'terminating':
    case 'ceasing':
      return 'deleting';
  }
  switch (status) {
    case 'pending':
      return 'building';
    case 'running':
      return 'active';
    case 'stopped':
    case 'suspended':
      return 'stopped';
    case 'terminated':
    case 'ceased':
      return 'deleting';
    default:
      return 'error';
  }
}

export const toServer = (i: ShInstance, projectId: string, isAdmin: boolean): Server => ({
  id: i.instance_id,
  name: i.instance_name,
  description: i.description ?? '',
  project_id: projectId,
  flavor_id: i.instance_type,
  image_id: i.image?.image_id ?? null,
  volume_ids: i.volume_ids ?? [],
  addresses: (i.vxnets ?? []).map((v, n) => ({
    network_id: v.vxnet_id,
    subnet_id: v.vxnet_id,
    private_ip: v.private_ip,
    floating_ip: n === 0 ? (i.eip?.eip_addr ?? null) : null,
  })),
  status: instanceStatus(i.status, i.transition_status),
  security_groups: i.security_group
    ? [
        {
          id: i.security_group.security_group_id,
          name: i.security_group.security_group_name ?? i.security_group.security_group_id,
        },
      ]
    : [],
  metadata: metadataOf(i.tags),
  // The driver runs instances without key pairs (unsupported.ts): there is none to name.
  key_name: null,
  created_at: shTime(i.create_time),
  updated_at: shTime(i.status_time ?? i.create_time),
  datacenter_id: i.zone_id ?? '',
  ...(isAdmin && i.host_machine ? { host: i.host_machine } : {}),
});
