import { z } from 'zod';
import { Description, Id, ProjectListQuery, Name, Timestamp } from './common';
import { stateRules, type StateRow } from './state-rules';

export const ImageStatus = z.enum(['queued', 'saving', 'uploading', 'importing', 'active', 'killed', 'deleted']);
export type ImageStatus = z.infer<typeof ImageStatus>;

/**
 * What one can do to an image: B.30 upload (its bytes, or `import` from the 源镜像路径 URL), its file's download,
 * B.34 update, B.31 delete, and boot a server or volume from it.
 */
export const ImageOperation = z.enum(['upload', 'import', 'download', 'update', 'delete', 'launch']);
export type ImageOperation = z.infer<typeof ImageOperation>;

/**
 * The one rule of which image operation each status accepts. As Glance: only a queued image takes a file; only
 * an active one has a file to download or boot from; metadata changes and deletion in any status but deleted
 * (a protected image is refused by its flag, not its status). `queued` rests: it waits for a file and nothing
 * moves it on by itself, so it is not polled.
 */
const imageStates = {
  queued: { transitional: false, allows: ['upload', 'import', 'update', 'delete'] },
  saving: { transitional: true, allows: ['update', 'delete'] },
  uploading: { transitional: true, allows: ['update', 'delete'] },
  // Glance's own name for a web-download in progress; deleting it stops the fetch.
  importing: { transitional: true, allows: ['update', 'delete'] },
  active: { transitional: false, allows: ['download', 'update', 'delete', 'launch'] },
  killed: { transitional: false, allows: ['update', 'delete'] },
  deleted: { transitional: false, allows: [] },
} as const satisfies Record<ImageStatus, StateRow<ImageOperation>>;

export const imageRules = stateRules<ImageStatus, ImageOperation>(imageStates, ImageOperation.options, {
  upload: 'upload a file to',
  import: 'import a file from a URL into',
  download: 'download the file of',
  update: 'update',
  delete: 'delete',
  launch: 'boot from',
});
export const imageActionAllowed = (action: ImageOperation, status: ImageStatus) => imageRules.allowed(action, status);
export const isImageTransitional = (status: ImageStatus) => imageRules.isTransitional(status);
export const Architecture = z.enum(['x86_64', 'aarch64']);
export const DiskFormat = z.enum(['raw', 'qcow2', 'vhd', 'vmdk', 'vdi', 'iso']);
export const ContainerFormat = z.enum(['bare', 'ovf', 'ova', 'docker']);

/**
 * The last import of the image's file from a URL (B.30 源镜像路径), or null when it never had one. `bytes` and
 * `total` are what has arrived and what the source announced (null where the backend does not say: Glance
 * reports no progress); `error` says why a `failed` import stopped.
 */
export const ImageImport = z
  .object({
    status: z.enum(['importing', 'succeeded', 'failed']),
    bytes: z.number().int().nullable(),
    total: z.number().int().nullable(),
    error: z.string().nullable(),
  })
  .meta({ id: 'ImageImport' });
export type ImageImport = z.infer<typeof ImageImport>;

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
    properties: z.record(z.string(), z.string()).meta({
      description:
        "Custom properties (Glance's free-form image properties, e.g. a GIS image's gis_crs, gis_extent, gis_source): " +
        "only the caller-set ones; the backend's own (os_*, hw_*, Nova snapshot bookkeeping) are not listed. " +
        'Not in B.33/B.38 (an extension): the standard lists no custom properties, but B.35 lets `add` create a ' +
        'property the image lacks, which is what these are.',
    }),
    import: ImageImport.nullable().meta({
      description:
        'the last import from a URL (POST /images/{id}/import); not in API.md, which has no import: null for an image never imported',
    }),
    created_at: Timestamp,
    updated_at: Timestamp,
  })
  .meta({ id: 'Image' });
export type Image = z.infer<typeof Image>;

/**
 * Custom image properties, as Glance has them: a key of letters, digits, `_`, `-`, `.` and `:` starting with a
 * letter (at most 255 characters, Glance's column width), a string value of at most 255 characters (Glance's v2
 * schema). **Decision:** at most 64 per image, half Glance's default `image_property_quota` (128), because Glance
 * counts its own properties (os_hash_*, Nova's snapshot bookkeeping, the console's yuntu_sha256) against the same
 * quota: 64 custom ones always fit, so the limit is the same on every backend.
 */
export const maxImageProperties = 64;
export const imagePropertyKeyPattern = /^[A-Za-z][A-Za-z0-9_.:-]*$/;
export const ImagePropertyKey = z
  .string()
  .max(255, 'must be at most 255 characters')
  .regex(imagePropertyKeyPattern, 'must start with a letter and hold only letters, digits, _, -, . and :');
export const ImagePropertyValue = z.string().max(255, 'must be at most 255 characters');

/**
 * Names that are not custom properties: the contract's own fields, Glance's base properties, and the names and
 * prefixes Glance refuses or the clouds use for their own bookkeeping (`os_`, which holds Glance's refused
 * `os_glance_`; `hw_` and `img_`, which change how Nova boots the image; `trait:` for the scheduler; `cinder_`
 * for volume images; `yuntu_` for this console; Nova's snapshot properties). The same list hides those names
 * from `properties` on read, so a property one can set is always one that shows; refusing them everywhere keeps
 * every backend answering the same.
 */
const reservedPropertyNames = new Set([
  // the contract's image fields (and `properties` itself)
  'id',
  'name',
  'description',
  'architecture',
  'file_url',
  'owner',
  'tags',
  'visibility',
  'protected',
  'min_ram_mb',
  'min_disk_gb',
  'size_bytes',
  'status',
  'disk_format',
  'container_format',
  'checksum',
  'properties',
  'created_at',
  'updated_at',
  // Glance's base properties and the names its API keeps for itself
  'min_ram',
  'min_disk',
  'size',
  'virtual_size',
  'locations',
  'direct_url',
  'self',
  'file',
  'schema',
  'stores',
  'members',
  'location',
  'deleted',
  'deleted_at',
  'is_public',
  // what Nova writes on a snapshot (createImage) and reads back when booting
  'image_type',
  'instance_uuid',
  'user_id',
  'owner_id',
  'owner_project_name',
  'owner_user_name',
  'base_image_ref',
  'image_location',
  'image_state',
  'boot_roles',
  'block_device_mapping',
  'bdm_v2',
  'root_device_name',
  'kernel_id',
  'ramdisk_id',
  'instance_type_id',
  'network_allocated',
]);
const reservedPropertyPrefixes = ['os_', 'hw_', 'img_', 'trait:', 'yuntu_', 'cinder_', 'instance_type_'];
/** Whether `key` names something other than a custom property (case-insensitively, as a database may compare). */
export function isReservedImageProperty(key: string): boolean {
  const k = key.toLowerCase();
  return reservedPropertyNames.has(k) || reservedPropertyPrefixes.some((p) => k.startsWith(p));
}
const reservedMessage = (key: string) =>
  `${key} is reserved (an image field, a Glance base property or a name under os_, hw_, img_, trait:, yuntu_ or cinder_) and cannot be a custom property`;

/**
 * Custom properties given at creation: every key checked, each error under its key; the keys are checked even
 * when a value is refused (`when`), so one answer names every bad entry.
 */
export const ImageProperties = z.record(z.string(), ImagePropertyValue).superRefine(
  (value, ctx) => {
    const keys = Object.keys(value);
    if (keys.length > maxImageProperties)
      ctx.addIssue({ code: 'custom', message: `must have at most ${maxImageProperties} properties`, input: value });
    for (const key of keys) {
      const k = ImagePropertyKey.safeParse(key);
      if (!k.success)
        ctx.addIssue({ code: 'custom', path: [key], message: `key ${k.error.issues[0]?.message ?? 'is not valid'}` });
      else if (isReservedImageProperty(key))
        ctx.addIssue({ code: 'custom', path: [key], message: reservedMessage(key) });
    }
  },
  { when: (payload) => typeof payload.value === 'object' && payload.value !== null },
);

/** 6.3 c "创建镜像元数据": an empty image awaiting its file. */
export const ImageMetadataCreateInput = z.object({
  name: Name,
  description: Description.default(''),
  disk_format: DiskFormat.default('qcow2'),
  container_format: ContainerFormat.default('bare'),
  architecture: Architecture.default('x86_64'),
  min_ram_mb: z
    .number()
    .int()
    .min(0)
    .max(4 * 1024 * 1024)
    .default(0),
  min_disk_gb: z.number().int().min(0).max(65536).default(0),
  visibility: z.enum(['public', 'private']).default('private'),
  protected: z.boolean().default(false),
  tags: z.array(z.string().min(1).max(255)).max(50).default([]),
  properties: ImageProperties.default({}).meta({
    description: `Custom properties (an extension of 6.3 c): keys like gis_crs, string values; at most ${maxImageProperties}`,
  }),
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
/**
 * What POST /images parses: the form is chosen by the presence of `server_id`, so a bad field is reported
 * by name (a plain union would only say that neither form matched).
 */
export const ImageCreateBody = z.record(z.string(), z.unknown()).transform((value, ctx) => {
  const form = 'server_id' in value ? ImageFromServerInput.strict() : ImageMetadataCreateInput.strict();
  const r = form.safeParse(value);
  if (r.success) return r.data;
  for (const issue of r.error.issues) {
    // An unknown field is reported under its own name, like every other bad field.
    const path =
      issue.code === 'unrecognized_keys' && issue.keys[0] !== undefined ? [...issue.path, issue.keys[0]] : issue.path;
    ctx.addIssue({
      code: 'custom',
      message: issue.code === 'unrecognized_keys' ? 'is not a field of this request' : issue.message,
      path,
      input: value,
    });
  }
  return z.NEVER;
});
export type ImageMetadataCreateInput = z.infer<typeof ImageMetadataCreateInput>;

/**
 * B.30 上传镜像 with its 源镜像路径 as a URL the cloud fetches itself. The standard names the field only in
 * Chinese; `source_url` is ours. Only http(s) is taken here; which hosts may be fetched is the server's
 * configuration (YUNTU_IMAGE_IMPORT_ALLOW), checked after this schema.
 */
export const ImageImportInput = z
  .object({
    source_url: z
      .string()
      .max(2048, 'must be at most 2048 characters')
      .refine((s) => URL.canParse(s), 'must be an absolute URL, e.g. https://example.com/disk.qcow2')
      .refine(
        (s) => URL.canParse(s) && ['http:', 'https:'].includes(new URL(s).protocol),
        'must be an http or https URL',
      ),
  })
  .strict()
  .meta({ id: 'ImageImportInput' });
export type ImageImportInput = z.infer<typeof ImageImportInput>;
export type ImageFromServerInput = z.infer<typeof ImageFromServerInput>;

/** B.34-B.36 JSON-patch operations. */
export const ImagePatchOp = z.object({
  op: z.enum(['add', 'replace', 'remove']),
  // Any one segment (a custom property's key is checked by applyImagePatch, so its error names it), plus an index.
  path: z.string().regex(/^\/[^/]+(\/(-|\d+))?$/, 'must be a JSON pointer like /name, /tags/- or /gis_crs'),
  value: z.unknown().optional(),
});
export const ImagePatchInput = z
  .array(ImagePatchOp)
  .min(1, 'give at least one operation')
  .max(50)
  .meta({ id: 'ImagePatchInput' });
export type ImagePatchInput = z.infer<typeof ImagePatchInput>;
export const imageReadOnlyProperties = [
  'id',
  'owner',
  'size_bytes',
  'checksum',
  'status',
  'created_at',
  'updated_at',
  'file_url',
  'import',
] as const;
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

export const ImageListQuery = ProjectListQuery.extend({
  visibility: z.enum(['public', 'private']).optional(),
  status: ImageStatus.optional(),
  architecture: Architecture.optional(),
});
export type ImageListQuery = z.infer<typeof ImageListQuery>;
export const imageSortFields = ['name', 'created_at', 'size_bytes', 'status'] as const;

/** Why a JSON patch was refused: the kind maps to 403 (read-only), 409 (B.35 rule) or 400 (bad value). */
export interface ImagePatchFailure {
  kind: 'forbidden' | 'conflict' | 'invalid';
  /** The property (`name`, `tags.2`, or a custom one's pointer `/gis_crs`), for the error's details. */
  path: string;
  message: string;
}
type WritableKey = keyof typeof imageWritableProperties;
export type ImagePatchChanges = { [K in WritableKey]?: Image[K] };
/** The custom properties a patch adds, replaces and removes (against the image before it). */
export interface ImagePropertyChanges {
  added: Record<string, string>;
  replaced: Record<string, string>;
  removed: string[];
}
export type ImagePatchResult =
  | { ok: true; image: Image; changes: ImagePatchChanges; properties: ImagePropertyChanges }
  | { ok: false; error: ImagePatchFailure };

/** Writable properties that may be removed, and the value they fall back to (Glance forbids removing base properties). */
const removableDefaults: Partial<Record<WritableKey, unknown>> = {
  description: '',
  tags: [],
  min_ram_mb: 0,
  min_disk_gb: 0,
};
const Tag = z.string().min(1, 'must not be empty').max(255, 'must be at most 255 characters');
const maxTags = 50;

const isWritable = (p: string): p is WritableKey => Object.hasOwn(imageWritableProperties, p);
const isReadOnly = (p: string) => (imageReadOnlyProperties as readonly string[]).includes(p);

/**
 * Applies B.34-B.36 JSON-patch operations to an image, all or nothing (a pure function: the caller stores the
 * result in one transaction). B.35: `replace`/`remove` only on a property the image has, `add` only on one it
 * lacks, else a conflict; read-only properties are forbidden; values must satisfy `imageWritableProperties`.
 * Every property of the contract is always present, so a whole-property `add` is a conflict (use `replace`);
 * tags are a set addressed by index: `/tags/-` appends, `/tags/N` inserts, replaces or removes element N.
 * Any other path is a custom property (`/gis_crs`): `add` creates one the image lacks (B.35's "添加只能是镜像
 * 当前不存在的属性"), `replace`/`remove` change one it has; a bad or reserved key, a non-string or too long value,
 * or more than `maxImageProperties` is a 400 naming `/<key>`.
 */
export function applyImagePatch(image: Image, ops: ImagePatchInput): ImagePatchResult {
  const next: Image = { ...image, tags: [...image.tags], properties: { ...image.properties } };
  const fail = (kind: ImagePatchFailure['kind'], path: string, message: string): ImagePatchResult => ({
    ok: false,
    error: { kind, path, message },
  });

  for (const [i, op] of ops.entries()) {
    const [, prop = '', index] = op.path.split('/');
    const where = `operation ${i} (${op.op} ${op.path})`;
    if (isReadOnly(prop)) return fail('forbidden', prop, `${prop} is read-only and cannot be changed (${where})`);
    if (!isWritable(prop)) {
      // Not a field of the contract: a custom property, addressed as /<key> (errors name it so: a key may hold
      // dots, so a dotted path would be ambiguous).
      const pointer = `/${prop}`;
      const key = ImagePropertyKey.safeParse(prop);
      if (!key.success)
        return fail('invalid', pointer, `key ${key.error.issues[0]?.message ?? 'is not valid'} (${where})`);
      if (isReservedImageProperty(prop)) return fail('invalid', pointer, `${reservedMessage(prop)} (${where})`);
      if (index !== undefined)
        return fail('invalid', pointer, `a custom property is a string and takes no index (${where})`);
      const present = Object.hasOwn(next.properties, prop);
      if (op.op === 'add' && present)
        return fail('conflict', pointer, `cannot add ${pointer}: the image already has it; use replace (${where})`);
      if (op.op !== 'add' && !present)
        return fail('conflict', pointer, `cannot ${op.op} ${pointer}: the image has no property ${prop} (${where})`);
      if (op.op === 'remove') {
        delete next.properties[prop];
        continue;
      }
      if (op.value === undefined) return fail('invalid', pointer, `needs a value (${where})`);
      const value = ImagePropertyValue.safeParse(op.value);
      if (!value.success)
        return fail(
          'invalid',
          pointer,
          typeof op.value === 'string'
            ? `${value.error.issues[0]?.message ?? 'is not valid'} (${where})`
            : `must be a string (${where})`,
        );
      next.properties[prop] = value.data;
      // Counted as each add lands: all or nothing, so the refused patch leaves the image as it was.
      if (Object.keys(next.properties).length > maxImageProperties)
        return fail(
          'invalid',
          pointer,
          `cannot add ${pointer}: an image has at most ${maxImageProperties} custom properties (${where})`,
        );
      continue;
    }
    if (index !== undefined) {
      if (prop !== 'tags')
        return fail('invalid', prop, `takes no index; only /tags/<n> or /tags/- address an element (${where})`);
      const tags = next.tags;
      const position = index === '-' ? tags.length : Number(index);
      const exists = index !== '-' && position < tags.length;
      if (op.op === 'remove') {
        if (!exists)
          return fail(
            'conflict',
            `tags.${index}`,
            `cannot remove ${op.path}: the image has ${tags.length} tag(s) (${where})`,
          );
        tags.splice(position, 1);
        continue;
      }
      if (op.op === 'replace' && !exists)
        return fail(
          'conflict',
          `tags.${index}`,
          `cannot replace ${op.path}: the image has ${tags.length} tag(s) (${where})`,
        );
      if (op.op === 'add' && position > tags.length)
        return fail(
          'conflict',
          `tags.${index}`,
          `cannot add ${op.path}: the image has only ${tags.length} tag(s) (${where})`,
        );
      const parsed = Tag.safeParse(op.value);
      if (!parsed.success)
        return fail('invalid', `tags.${index}`, parsed.error.issues[0]?.message ?? 'must be a string');
      const duplicate = tags.findIndex((t, k) => t === parsed.data && !(op.op === 'replace' && k === position));
      if (duplicate >= 0)
        return fail(
          'conflict',
          `tags.${index}`,
          `cannot ${op.op} tag "${parsed.data}": the image already has it (${where})`,
        );
      if (op.op === 'replace') tags[position] = parsed.data;
      else tags.splice(position, 0, parsed.data);
      if (tags.length > maxTags) return fail('invalid', 'tags', `must have at most ${maxTags} tags`);
      continue;
    }
    if (op.op === 'add')
      return fail('conflict', prop, `cannot add ${op.path}: the image already has ${prop}; use replace (${where})`);
    if (op.op === 'remove') {
      if (!Object.hasOwn(removableDefaults, prop))
        return fail('forbidden', prop, `${prop} is a required property and cannot be removed (${where})`);
      (next as Record<string, unknown>)[prop] = structuredClone(removableDefaults[prop]);
      continue;
    }
    if (op.value === undefined) return fail('invalid', prop, `needs a value (${where})`);
    const parsed = imageWritableProperties[prop].safeParse(op.value);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      return fail('invalid', [prop, ...(issue?.path ?? []).map(String)].join('.'), issue?.message ?? 'is not valid');
    }
    if (prop === 'tags' && new Set(parsed.data as string[]).size !== (parsed.data as string[]).length)
      return fail('invalid', 'tags', 'must not repeat a tag');
    (next as Record<string, unknown>)[prop] = parsed.data;
  }

  const changes: ImagePatchChanges = {};
  for (const key of Object.keys(imageWritableProperties) as WritableKey[]) {
    if (JSON.stringify(next[key]) !== JSON.stringify(image[key])) (changes as Record<string, unknown>)[key] = next[key];
  }
  const properties: ImagePropertyChanges = { added: {}, replaced: {}, removed: [] };
  for (const [k, v] of Object.entries(next.properties)) {
    if (!Object.hasOwn(image.properties, k)) properties.added[k] = v;
    else if (image.properties[k] !== v) properties.replaced[k] = v;
  }
  for (const k of Object.keys(image.properties)) if (!Object.hasOwn(next.properties, k)) properties.removed.push(k);
  return { ok: true, image: next, changes, properties };
}

/** Whether a patch result changes any custom property (a backend without them refuses exactly that). */
export const changesProperties = (p: ImagePropertyChanges) =>
  Object.keys(p.added).length > 0 || Object.keys(p.replaced).length > 0 || p.removed.length > 0;
