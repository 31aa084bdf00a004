import 'server-only';
import type { Image, ImageStatus } from '@/lib/contract/image';
import { hwTime } from './time';

/** IMS image (Glance v2 shape plus `__`-prefixed Huawei properties). */
export interface ImsImage {
  id: string;
  name: string;
  status: string;
  visibility?: string;
  protected?: boolean;
  min_ram?: number;
  min_disk?: number;
  disk_format?: string;
  container_format?: string;
  owner?: string;
  tags?: string[];
  __description?: string;
  __support_arm?: string;
  __image_size?: string | number;
  size?: number | null;
  created_at?: string;
  updated_at?: string;
}

const statuses = new Set<ImageStatus>(['queued', 'saving', 'active', 'killed', 'deleted']);
const diskFormats = new Set(['raw', 'qcow2', 'vhd', 'vmdk', 'vdi', 'iso']);

export const toImage = (i: ImsImage, projectId: string): Image => ({
  id: i.id,
  name: i.name,
  description: i.__description ?? '',
  architecture: i.__support_arm === 'true' ? 'aarch64' : 'x86_64',
  // IMS has no file endpoint: files come and go through OBS, which this driver does not model.
  file_url: '',
  owner: i.owner ?? projectId,
  tags: i.tags ?? [],
  visibility: i.visibility === 'public' ? 'public' : 'private',
  protected: i.protected ?? false,
  min_ram_mb: i.min_ram ?? 0,
  min_disk_gb: i.min_disk ?? 0,
  size_bytes: i.__image_size !== undefined ? Number(i.__image_size) : (i.size ?? null),
  status: statuses.has(i.status as ImageStatus) ? (i.status as ImageStatus) : 'killed',
  disk_format: (diskFormats.has(i.disk_format ?? '') ? i.disk_format : 'qcow2') as Image['disk_format'],
  container_format: 'bare',
  // IMS's checksum is MD5; the contract's is SHA-256, so none is better than a wrong one.
  checksum: null,
  // IMS and Shanhe images come from servers or the provider's own store, never from a URL the console gave.
  import: null,
  created_at: hwTime(i.created_at),
  updated_at: hwTime(i.updated_at ?? i.created_at),
});
