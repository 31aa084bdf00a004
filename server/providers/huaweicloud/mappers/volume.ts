import 'server-only';
import type { Volume, VolumeStatus } from '@/lib/contract/volume';
import { hwTime } from './time';

/** EVS `GET /v2/{project_id}/cloudvolumes/{id}`. */
export interface EvsVolume {
  id: string;
  name: string;
  description?: string | null;
  status: string;
  size: number;
  availability_zone: string;
  volume_type: string;
  multiattach?: boolean;
  bootable?: string;
  attachments?: { server_id: string; device: string; attachment_id?: string }[];
  volume_image_metadata?: { image_id?: string };
  created_at?: string;
  updated_at?: string;
}

export function volumeStatus(s: string): VolumeStatus {
  switch (s) {
    case 'creating':
    case 'downloading':
      return 'creating';
    case 'available':
      return 'available';
    case 'attaching':
      return 'attaching';
    case 'in-use':
    case 'backing-up':
      return 'in-use';
    case 'detaching':
      return 'detaching';
    case 'extending':
      return 'extending';
    case 'deleting':
      return 'deleting';
    default:
      // error, error_extending, error_deleting, error_restoring, …
      return 'error';
  }
}

export const toVolume = (v: EvsVolume, projectId: string): Volume => ({
  id: v.id,
  project_id: projectId,
  name: v.name,
  description: v.description ?? '',
  datacenter_id: v.availability_zone,
  size_gb: v.size,
  volume_type: v.volume_type,
  multiattach: v.multiattach ?? false,
  bootable: v.bootable === 'true',
  attachments: (v.attachments ?? []).map((a) => ({ server_id: a.server_id, device: a.device, mode: 'rw' as const })),
  status: volumeStatus(v.status),
  source_image_id: v.volume_image_metadata?.image_id ?? null,
  source_snapshot_id: null,
  created_at: hwTime(v.created_at),
  updated_at: hwTime(v.updated_at ?? v.created_at),
});
