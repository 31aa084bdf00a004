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

const statuses = new Set<ImageStatus>(['queued', 'saving', 'uploading', 'active', 'killed', 'deleted']);

/**
 * IMS keeps an MD5 (`checksum`) and the contract wants SHA-256: the driver computes it while sending the file to OBS
 * and stores it as an image tag of this name (IMS's native tag API), shown as `checksum`, never among `tags`.
 */
export const SHA256_TAG = 'yuntu_sha256=';
const diskFormats = new Set(['raw', 'qcow2', 'vhd', 'vmdk', 'vdi', 'iso']);

export const toImage = (i: ImsImage, projectId: string): Image => ({
  id: i.id,
  name: i.name,
  description: i.__description ?? '',
  architecture: i.__support_arm === 'true' ? 'aarch64' : 'x86_64',
  // The console's own file endpoint: IMS has none, the driver carries the file through OBS (images.ts).
  file_url: `/api/v1/images/${encodeURIComponent(i.id)}/file`,
  owner: i.owner ?? projectId,
  tags: (i.tags ?? []).filter((t) => !t.startsWith(SHA256_TAG)),
  visibility: i.visibility === 'public' ? 'public' : 'private',
  protected: i.protected ?? false,
  min_ram_mb: i.min_ram ?? 0,
  min_disk_gb: i.min_disk ?? 0,
  size_bytes: i.__image_size !== undefined ? Number(i.__image_size) : (i.size ?? null),
  status: statuses.has(i.status as ImageStatus) ? (i.status as ImageStatus) : 'killed',
  disk_format: (diskFormats.has(i.disk_format ?? '') ? i.disk_format : 'qcow2') as Image['disk_format'],
  container_format: 'bare',
  // No custom properties on this cloud (`PATCH /images/{id}#properties` is in its unsupported table).
  properties: {},
  // IMS's own checksum is MD5; the contract's is SHA-256, known only for files the console uploaded (else none,
  // which is better than a wrong one), and only once IMS has the file.
  checksum:
    i.status === 'active'
      ? ((i.tags ?? []).find((t) => t.startsWith(SHA256_TAG))?.slice(SHA256_TAG.length) ?? null)
      : null,
  // IMS and Shanhe images come from servers or the provider's own store, never from a URL the console gave.
  import: null,
  created_at: hwTime(i.created_at),
  updated_at: hwTime(i.updated_at ?? i.created_at),
});
