import 'server-only';
import type { Volume, VolumeStatus } from '@/lib/contract/volume';
import { osTime } from './time';
import type { CinderVolume } from './wire';

export function volumeStatus(s: string): VolumeStatus {
  switch (s) {
    case 'creating':
    case 'available':
    case 'attaching':
    case 'in-use':
    case 'detaching':
    case 'extending':
    case 'deleting':
    case 'error':
      return s;
    case 'reserved':
      return 'attaching';
    case 'downloading':
      return 'creating';
    case 'retyping':
      return 'retyping';
    case 'uploading':
    case 'backing-up':
    case 'restoring-backup':
    case 'maintenance':
    case 'awaiting-transfer':
      // Busy but intact: the closest stable word.
      return 'available';
    default:
      // error_deleting, error_extending, error_restoring, ...
      return 'error';
  }
}

/** `callerProject`: Cinder shows the owner only to admins; anyone else sees only their own project's volumes. */
export function toVolume(v: CinderVolume, callerProject: string): Volume {
  const host = v['os-vol-host-attr:host'];
  return {
    id: v.id,
    project_id: v['os-vol-tenant-attr:tenant_id'] ?? callerProject,
    name: v.name ?? '',
    description: v.description ?? '',
    datacenter_id: v.availability_zone,
    size_gb: v.size,
    volume_type: v.volume_type ?? '',
    multiattach: v.multiattach,
    bootable: v.bootable === 'true',
    ...(host ? { host } : {}),
    // Cinder keeps no attach mode in the volume; Nova attaches read-write.
    attachments: v.attachments.map((a) => ({ server_id: a.server_id, device: a.device, mode: 'rw' as const })),
    status: volumeStatus(v.status),
    source_image_id: v.volume_image_metadata?.image_id ?? null,
    source_snapshot_id: v.snapshot_id ?? null,
    created_at: osTime(v.created_at),
    updated_at: osTime(v.updated_at ?? v.created_at),
  };
}
