import { z } from 'zod';
import { Description, Id, ListQuery, Name, Timestamp } from './common';

export const ImageStatus = z.enum(['queued', 'saving', 'uploading', 'active', 'killed', 'deleted']);
export type ImageStatus = z.infer<typeof ImageStatus>;
export const isImageTransitional = (s: ImageStatus) => s === 'saving' || s === 'uploading';
export const Architecture = z.enum(['x86_64', 'aarch64']);
export const DiskFormat = z.enum(['raw', 'qcow2', 'vhd', 'vmdk', 'vdi', 'iso']);
export const ContainerFormat = z.enum(['bare', 'ovf', 'ova', 'docker']);

/** B.33 / B.38 image. */
export const Image = z
  .object({
    id: Id,
    name: z.string(),
    description: z.string(),
    architecture: Architecture,
    file_url: z.string().meta({ description: '镜像文件位置: upload and download URL' }),
    owner: Id,
    tags: z.array(z.string()),
    visibility: z.enum(['public', 'private']),
    protected: z.boolean(),
    min_ram_mb: z.number().int(),
    min_disk_gb: z.number().int(),
    size_bytes: z.number().int().nullable(),
    status: ImageStatus,
    disk_format: DiskFormat,
    container_format: ContainerFormat,
    checksum: z.string().nullable().meta({ description: 'SHA-256 of the file, hex' }),
    created_at: Timestamp,
    updated_at: Timestamp,
  })
  .meta({ id: 'Image' });
export type Image = z.infer<typeof Image>;

/** 6.3 c "创建镜像元数据": an empty image awaiting its file. */
export const ImageMetadataCreateInput = z.object({
  name: Name,
  description: Description.default(''),
  disk_format: DiskFormat.default('qcow2'),
  container_format: ContainerFormat.default('bare'),
  architecture: Architecture.default('x86_64'),
  min_ram_mb: z.number().int().min(0).max(4 * 1024 * 1024).default(0),
  min_disk_gb: z.number().int().min(0).max(65536).default(0),
  visibility: z.enum(['public', 'private']).default('private'),
  protected: z.boolean().default(false),
  tags: z.array(z.string().min(1).max(255)).max(50).default([]),
});
/** B.29 创建镜像 from a server. */
export const ImageFromServerInput = z.object({
  server_id: Id,
  name: Name,
  type: z.string().max(64).optional(),
  description: Description.default(''),
});
export const ImageCreateInput = z
  .union([ImageFromServerInput.strict(), ImageMetadataCreateInput.strict()])
  .meta({ id: 'ImageCreateInput' });
export type ImageMetadataCreateInput = z.infer<typeof ImageMetadataCreateInput>;
export type ImageFromServerInput = z.infer<typeof ImageFromServerInput>;

/** B.34-B.36 JSON-patch operations. */
export const ImagePatchOp = z.object({
  op: z.enum(['add', 'replace', 'remove']),
  path: z.string().regex(/^\/[a-z_]+(\/(-|\d+))?$/, 'must be a JSON pointer like /name or /tags/-'),
  value: z.unknown().optional(),
});
export const ImagePatchInput = z.array(ImagePatchOp).min(1, 'give at least one operation').max(50).meta({ id: 'ImagePatchInput' });
export type ImagePatchInput = z.infer<typeof ImagePatchInput>;
export const imageReadOnlyProperties = ['id', 'owner', 'size_bytes', 'checksum', 'status', 'created_at', 'updated_at', 'file_url'] as const;
/** Properties a patch may change and the schema each value must satisfy. */
export const imageWritableProperties = {
  name: Name,
  description: Description,
  architecture: Architecture,
  visibility: z.enum(['public', 'private']),
  protected: z.boolean(),
  min_ram_mb: z.number().int().min(0),
  min_disk_gb: z.number().int().min(0),
  disk_format: DiskFormat,
  container_format: ContainerFormat,
  tags: z.array(z.string().min(1).max(255)).max(50),
} as const;

export const ImageListQuery = ListQuery.extend({
  visibility: z.enum(['public', 'private']).optional(),
  status: ImageStatus.optional(),
  architecture: Architecture.optional(),
});
export type ImageListQuery = z.infer<typeof ImageListQuery>;
export const imageSortFields = ['name', 'created_at', 'size_bytes', 'status'] as const;
