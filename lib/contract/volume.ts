import { z } from 'zod';
import { Description, Id, ProjectListQuery, Timestamp } from './common';
import { stateRules, type StateRow } from './state-rules';

export const VolumeStatus = z.enum([
  'creating',
  'available',
  'attaching',
  'in-use',
  'detaching',
  'extending',
  'retyping',
  'deleting',
  'error',
]);
export type VolumeStatus = z.infer<typeof VolumeStatus>;

/** What one can do to a volume: B.80-B.82, DELETE (B.76) and take a snapshot of it (extension). */
export const VolumeOperation = z.enum(['attach', 'detach', 'extend', 'retype', 'delete', 'snapshot']);
export type VolumeOperation = z.infer<typeof VolumeOperation>;

/**
 * The one rule of which volume operation each status accepts. As Cinder: a volume changes only while it rests;
 * it attaches when available, or in-use when multiattach (that second condition is the volume's, not its
 * status's: `volumeAttachAllowed`); it extends available or in-use (Cinder 3.42); an attached (in-use) volume is
 * not deleted (API.md B.76: 409), an error one is. A snapshot is taken of a resting volume, an in-use one only with
 * `force` (that second condition is the request's: `volumeSnapshotAllowed`). A volume changes type available or
 * in use (Cinder migrates an attached one where the backend must change), and is `retyping` meanwhile.
 */
const volumeStates = {
  creating: { transitional: true, allows: [] },
  available: { transitional: false, allows: ['attach', 'extend', 'retype', 'delete', 'snapshot'] },
  attaching: { transitional: true, allows: [] },
  'in-use': { transitional: false, allows: ['attach', 'detach', 'extend', 'retype', 'snapshot'] },
  detaching: { transitional: true, allows: [] },
  extending: { transitional: true, allows: [] },
  retyping: { transitional: true, allows: [] },
  deleting: { transitional: true, allows: [] },
  error: { transitional: false, allows: ['delete'] },
} as const satisfies Record<VolumeStatus, StateRow<VolumeOperation>>;

export const volumeRules = stateRules<VolumeStatus, VolumeOperation>(volumeStates, VolumeOperation.options, {
  attach: 'attach',
  detach: 'detach',
  extend: 'extend',
  retype: 'change the type of',
  delete: 'delete',
  snapshot: 'snapshot',
});
export const volumeActionAllowed = (action: VolumeOperation, status: VolumeStatus) =>
  volumeRules.allowed(action, status);
export const isVolumeTransitional = (status: VolumeStatus) => volumeRules.isTransitional(status);
/** Attach needs the status and, when the volume is already in use, that it may be shared. */
export const volumeAttachAllowed = (v: { status: VolumeStatus; multiattach: boolean }) =>
  volumeRules.allowed('attach', v.status) && (v.status !== 'in-use' || v.multiattach);

/** A snapshot needs a resting volume and, when the volume is attached, the request's `force` (as Cinder). */
export const volumeSnapshotAllowed = (v: { status: VolumeStatus }, force: boolean) =>
  volumeRules.allowed('snapshot', v.status) && (v.status !== 'in-use' || force);

/** B.75 / B.78 cloud disk. */
export const Volume = z
  .object({
    id: Id,
    project_id: Id,
    name: z.string(),
    description: z.string(),
    datacenter_id: Id,
    size_gb: z.number().int(),
    volume_type: z.string(),
    multiattach: z.boolean(),
    bootable: z.boolean(),
    host: z.string().optional().meta({ description: '源主机 (admins only)' }),
    attachments: z.array(z.object({ server_id: Id, device: z.string(), mode: z.enum(['rw', 'ro']) })),
    status: VolumeStatus,
    source_image_id: Id.nullable(),
    source_snapshot_id: Id.nullable().meta({ description: 'the snapshot this volume was made from (extension)' }),
    created_at: Timestamp,
    updated_at: Timestamp,
  })
  .meta({ id: 'Volume' });
export type Volume = z.infer<typeof Volume>;

/** B.74 创建云硬盘. */
export const VolumeCreateInput = z
  .object({
    size_gb: z.number().int('must be a whole number').min(1, 'must be at least 1').max(16384, 'must be at most 16384'),
    name: z.string().max(255).default(''),
    description: Description.default(''),
    volume_type: z.string().max(64).default('standard'),
    datacenter_id: Id.optional(),
    multiattach: z.boolean().default(false),
    source: z.union([z.object({ image_id: Id }).strict(), z.object({ snapshot_id: Id }).strict()]).optional(),
  })
  .meta({ id: 'VolumeCreateInput' });
export type VolumeCreateInput = z.infer<typeof VolumeCreateInput>;

/** B.80 挂载云硬盘. */
export const VolumeAttachInput = z
  .object({
    server_id: Id,
    server_name: z.string().max(255).optional(),
    mode: z.enum(['rw', 'ro']).default('rw'),
    device: z
      .string()
      .regex(/^\/dev\/[a-z]{2,4}[a-z]$/, 'must look like /dev/vdb')
      .optional(),
  })
  .meta({ id: 'VolumeAttachInput' });
export type VolumeAttachInput = z.infer<typeof VolumeAttachInput>;
export const VolumeDetachInput = z.object({ server_id: Id }).meta({ id: 'VolumeDetachInput' });
export const VolumeExtendInput = z
  .object({ new_size_gb: z.number().int('must be a whole number').min(1).max(16384) })
  .meta({ id: 'VolumeExtendInput' });
export const VolumeListQuery = ProjectListQuery.extend({
  status: VolumeStatus.optional(),
  datacenter_id: z.string().max(128).optional(),
});
export type VolumeListQuery = z.infer<typeof VolumeListQuery>;
export const volumeSortFields = ['name', 'status', 'size_gb', 'created_at'] as const;
/**
 * A volume type of the backend (extension; Cinder's volume types, EVS's disk types, Shanhe's volume types): what
 * `volume_type` of a new volume or a retype may name. `standard` always means the backend's default type.
 */
export const VolumeType = z
  .object({
    id: Id,
    name: z.string(),
    description: z.string(),
    is_default: z.boolean().meta({ description: "the type a volume gets when it names none (or 'standard')" }),
    multiattach: z.boolean().meta({ description: 'volumes of this type may attach to several servers at once' }),
  })
  .meta({ id: 'VolumeType' });
export type VolumeType = z.infer<typeof VolumeType>;

/** Change a volume's type (extension, Cinder's os-retype). */
export const VolumeRetypeInput = z
  .object({
    volume_type: z.string().min(1, 'is required').max(64),
    migration_policy: z.enum(['never', 'on-demand']).default('never').meta({
      description:
        "on-demand: the backend may move the volume's data to storage of the new type; never: only a change in place",
    }),
  })
  .meta({ id: 'VolumeRetypeInput' });
export type VolumeRetypeInput = z.infer<typeof VolumeRetypeInput>;
