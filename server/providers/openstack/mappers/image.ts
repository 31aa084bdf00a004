import 'server-only';
import {
  ContainerFormat,
  DiskFormat,
  type Image,
  type ImageImport,
  type ImagePatchChanges,
  type ImagePropertyChanges,
  type ImageStatus,
  imagePropertyKeyPattern,
  isReservedImageProperty,
} from '@/lib/contract/image';
import { osTime } from './time';
import type { GlanceImage } from './wire';

/** The SHA-256 the console computes while streaming an upload through (Glance's own hash is SHA-512 by default). */
export const sha256Property = 'yuntu_sha256';

/**
 * When the console asked Glance to import the image's file from a URL (ISO time). Glance keeps no trace of a
 * failed web-download on the image itself (it goes back to `queued`), so this marks the images whose `queued`
 * means "the import failed" once their import task says so.
 */
export const importMarker = 'yuntu_import_at';

/** Glance's task of an image (GET /v2/images/{id}/tasks, image API 2.12). */
export interface GlanceTask {
  id: string;
  type: string;
  status: 'pending' | 'processing' | 'success' | 'failure' | string;
  message: string | null;
  created_at: string;
}

export function imageStatus(s: string): ImageStatus {
  switch (s) {
    case 'queued':
    case 'saving':
    case 'uploading':
    case 'importing':
    case 'active':
    case 'killed':
    case 'deleted':
      return s;
    case 'pending_delete':
      return 'deleted';
    default:
      // deactivated: not bootable, not downloadable.
      return 'killed';
  }
}

/** Glance's base properties, beside which its free-form ones sit in the same object. */
const glanceBase = new Set([
  'id',
  'name',
  'status',
  'visibility',
  'protected',
  'os_hidden',
  'owner',
  'tags',
  'min_ram',
  'min_disk',
  'size',
  'virtual_size',
  'disk_format',
  'container_format',
  'checksum',
  'os_hash_algo',
  'os_hash_value',
  'created_at',
  'updated_at',
  'locations',
  'direct_url',
  'self',
  'file',
  'schema',
  'stores',
]);

/**
 * The custom properties of a Glance image: its free-form string properties minus the ones the contract has as
 * fields (description, architecture) and the reserved ones (os_*, hw_*, Nova's snapshot bookkeeping, the
 * console's yuntu_sha256), which the contract refuses to set, so what shows here is what one may change.
 */
export function customProperties(g: GlanceImage): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(g)) {
    if (glanceBase.has(k) || typeof v !== 'string') continue;
    if (k.length > 255 || !imagePropertyKeyPattern.test(k) || isReservedImageProperty(k)) continue;
    out[k] = v;
  }
  return out;
}

/** Whether the import's outcome needs the image's tasks to tell: queued after the console asked for an import. */
export const needsImportTask = (g: GlanceImage) => g.status === 'queued' && typeof g[importMarker] === 'string';

/**
 * The contract's status and import of a Glance image. `task` is the latest import task, read only for images
 * `needsImportTask` picks: Glance reverts a failed web-download to `queued`, which the contract calls `killed`
 * with the task's message as the reason. Glance reports no progress, so `bytes` is known only at the end.
 */
function importState(g: GlanceImage, task?: GlanceTask | null): { status: ImageStatus; import: ImageImport | null } {
  const status = imageStatus(g.status);
  const marked = typeof g[importMarker] === 'string';
  if (status === 'importing') return { status, import: { status: 'importing', bytes: null, total: null, error: null } };
  if (!marked) return { status, import: null };
  if (status === 'active')
    return { status, import: { status: 'succeeded', bytes: g.size ?? null, total: g.size ?? null, error: null } };
  if (status !== 'queued')
    return { status, import: { status: 'failed', bytes: null, total: null, error: `the image is ${g.status}` } };
  if (task && (task.status === 'pending' || task.status === 'processing'))
    return { status: 'importing', import: { status: 'importing', bytes: null, total: null, error: null } };
  const why = task
    ? `the image service could not import the file from source_url: ${task.message || task.status} (Glance task ${task.id})`
    : 'the image service has no record of the import (its import task is gone)';
  return { status: 'killed', import: { status: 'failed', bytes: null, total: null, error: why } };
}

export function toImage(g: GlanceImage, task?: GlanceTask | null): Image {
  const state = importState(g, task);
  const disk = DiskFormat.safeParse(g.disk_format);
  const container = ContainerFormat.safeParse(g.container_format);
  const sha =
    typeof g[sha256Property] === 'string'
      ? (g[sha256Property] as string)
      : g.os_hash_algo === 'sha256'
        ? (g.os_hash_value ?? null)
        : null;
  return {
    id: g.id,
    name: g.name ?? '',
    description: typeof g.description === 'string' ? g.description : '',
    architecture: g.architecture === 'aarch64' ? 'aarch64' : 'x86_64',
    file_url: `/api/v1/images/${encodeURIComponent(g.id)}/file`,
    owner: g.owner,
    tags: g.tags ?? [],
    // Glance's shared (explicit members) is private to the owner; community is open to all, as public is.
    visibility: g.visibility === 'public' || g.visibility === 'community' ? 'public' : 'private',
    protected: g.protected,
    min_ram_mb: g.min_ram ?? 0,
    min_disk_gb: g.min_disk ?? 0,
    size_bytes: g.size ?? null,
    status: state.status,
    disk_format: disk.success ? disk.data : 'raw',
    container_format: container.success ? container.data : 'bare',
    checksum: sha,
    properties: customProperties(g),
    import: state.import,
    created_at: osTime(g.created_at),
    updated_at: osTime(g.updated_at),
  };
}

/** The contract's property → Glance's (base properties are renamed; the rest are free-form properties). */
const glanceName: Record<keyof ImagePatchChanges, string> = {
  name: 'name',
  description: 'description',
  architecture: 'architecture',
  visibility: 'visibility',
  protected: 'protected',
  min_ram_mb: 'min_ram',
  min_disk_gb: 'min_disk',
  disk_format: 'disk_format',
  container_format: 'container_format',
  tags: 'tags',
};
const freeForm = new Set(['description', 'architecture']);

/**
 * The changes of an already-validated contract patch as a Glance JSON patch. Free-form properties are set with
 * `add` (RFC 6902: add on an existing member replaces it), base ones with `replace`.
 */
export function toGlancePatch(
  changes: ImagePatchChanges,
  properties: ImagePropertyChanges = { added: {}, replaced: {}, removed: [] },
): { op: 'add' | 'replace' | 'remove'; path: string; value?: unknown }[] {
  const ops: { op: 'add' | 'replace' | 'remove'; path: string; value?: unknown }[] = Object.entries(changes).map(
    ([k, value]) => {
      const name = glanceName[k as keyof ImagePatchChanges];
      if (freeForm.has(k)) return { op: 'add', path: `/${name}`, value };
      return { op: 'replace', path: `/${name}`, value };
    },
  );
  // Custom properties are Glance's free-form ones under the same key; the keys' characters need no JSON-pointer
  // escaping (the contract's pattern has neither / nor ~). Glance checks B.35 again: add on absent, else replace.
  for (const [k, value] of Object.entries(properties.added)) ops.push({ op: 'add', path: `/${k}`, value });
  for (const [k, value] of Object.entries(properties.replaced)) ops.push({ op: 'replace', path: `/${k}`, value });
  for (const k of properties.removed) ops.push({ op: 'remove', path: `/${k}` });
  return ops;
}
