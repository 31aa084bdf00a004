import 'server-only';
import type { Volume, VolumeStatus } from '@/lib/contract/volume';
import { shTime } from './time';

export interface ShVolume {
  volume_id: string;
  volume_name: string;
  description?: string | null;
  size: number;
  status: string;
  transition_status?: string;
  volume_type: number;
  instance?: { instance_id: string; instance_name?: string; device?: string } | null;
  create_time?: string;
  status_time?: string;
  zone_id?: string;
}

/** Volume types by number (0 performance, 2 capacity, 3 super-performance) ↔ the contract's type names. */
export const volumeTypeNames: Record<number, string> = { 0: 'standard', 2: 'capacity', 3: 'performance' };
export const volumeTypeOf = (name: string) =>
  Number(Object.entries(volumeTypeNames).find(([, n]) => n === name)?.[0] ?? (/^\d+$/.test(name) ? name : 0));

export function volumeStatus(status: string, transition = ''): VolumeStatus {
  switch (transition) {
    case 'creating':
      return 'creating';
    case 'attaching':
      return 'attaching';
    case 'detaching':
      return 'detaching';
    case 'resizing':
      return 'extending';
    case 'deleting':
      return 'deleting';
  }
  if (status === 'pending') return 'creating';
  if (status === 'available') return 'available';
  if (status === 'in-use') return 'in-use';
  if (status === 'deleted' || status === 'ceased') return 'deleting';
  return 'error';
}

export const toVolume = (v: ShVolume, projectId: string, zone: string): Volume => ({
  id: v.volume_id,
  project_id: projectId,
  name: v.volume_name,
  description: v.description ?? '',
  datacenter_id: v.zone_id ?? zone,
  size_gb: v.size,
  volume_type: volumeTypeNames[v.volume_type] ?? String(v.volume_type),
  multiattach: false,
  bootable: false,
  attachments: v.instance?.instance_id
    ? [{ server_id: v.instance.instance_id, device: v.instance.device ?? '', mode: 'rw' as const }]
    : [],
  status: volumeStatus(v.status, v.transition_status),
  source_image_id: null,
  source_snapshot_id: null,
  created_at: shTime(v.create_time),
  updated_at: shTime(v.status_time ?? v.create_time),
});
