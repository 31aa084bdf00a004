import 'server-only';
import type { Image, ImageStatus } from '@/lib/contract/image';
import { shTime } from './time';

/** `DescribeImages` item (as in the seed's embedded `image`, plus status and visibility). */
export interface ShImage {
  image_id: string;
  image_name: string;
  description?: string | null;
  status: string;
  transition_status?: string;
  visibility?: string;
  provider?: string;
  processor_type?: string;
  platform?: string;
  os_family?: string;
  size?: number;
  owner?: string;
  create_time?: string;
  status_time?: string;
}

export function imageStatus(status: string, transition = ''): ImageStatus {
  if (transition === 'creating' || status === 'pending') return 'saving';
  if (status === 'available' || status === 'deprecated') return 'active';
  if (status === 'deleted' || status === 'ceased') return 'deleted';
  return 'killed';
}

export const toImage = (i: ShImage, projectId: string): Image => ({
  id: i.image_id,
  name: i.image_name,
  description: i.description ?? '',
  architecture: /arm|aarch64/i.test(i.processor_type ?? '') ? 'aarch64' : 'x86_64',
  file_url: '',
  owner: i.provider === 'system' ? 'system' : (i.owner ?? projectId),
  tags: [i.platform, i.os_family].filter((t): t is string => !!t),
  visibility: i.visibility === 'public' || i.provider === 'system' ? 'public' : 'private',
  protected: i.provider === 'system',
  min_ram_mb: 0,
  min_disk_gb: i.size ?? 0,
  size_bytes: i.size !== undefined ? i.size * 1024 ** 3 : null,
  status: imageStatus(i.status, i.transition_status),
  disk_format: 'qcow2',
  container_format: 'bare',
  // No custom properties on this cloud (`PATCH /images/{id}#properties` is in its unsupported table).
  properties: {},
  checksum: null,
  // IMS and Shanhe images come from servers or the provider's own store, never from a URL the console gave.
  import: null,
  created_at: shTime(i.create_time),
  updated_at: shTime(i.status_time ?? i.create_time),
});
