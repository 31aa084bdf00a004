import { z } from 'zod';
import { Description, Id, ProjectListQuery, Timestamp } from './common';
import { stateRules, type StateRow } from './state-rules';

/**
 * A volume snapshot (extension, as Cinder's): a point-in-time copy of one volume, from which new volumes and boot
 * disks are made. Statuses are Cinder's, reduced to what the console acts on (see the OpenStack mapper).
 */
export const SnapshotStatus = z.enum(['creating', 'available', 'deleting', 'error']);
export type SnapshotStatus = z.infer<typeof SnapshotStatus>;

/** What one can do to a snapshot: rename it, delete it, make a volume (or a server's disk) from it. */
export const SnapshotOperation = z.enum(['update', 'delete', 'create-volume']);
export type SnapshotOperation = z.infer<typeof SnapshotOperation>;

/**
 * As Cinder: a snapshot is used and deleted only once it is available; an error one can still be deleted; the name
 * and description change in any resting state.
 */
const snapshotStates = {
  creating: { transitional: true, allows: [] },
  available: { transitional: false, allows: ['update', 'delete', 'create-volume'] },
  deleting: { transitional: true, allows: [] },
  error: { transitional: false, allows: ['update', 'delete'] },
} as const satisfies Record<SnapshotStatus, StateRow<SnapshotOperation>>;

export const snapshotRules = stateRules<SnapshotStatus, SnapshotOperation>(snapshotStates, SnapshotOperation.options, {
  update: 'update',
  delete: 'delete',
  'create-volume': 'create a volume from',
});
export const isSnapshotTransitional = (status: SnapshotStatus) => snapshotRules.isTransitional(status);

export const Snapshot = z
  .object({
    id: Id,
    project_id: Id,
    name: z.string(),
    description: z.string(),
    volume_id: Id.meta({ description: 'the volume it was taken of (it may since have been deleted on some clouds)' }),
    size_gb: z.number().int().meta({ description: "the volume's size when the snapshot was taken" }),
    status: SnapshotStatus,
    created_at: Timestamp,
    updated_at: Timestamp,
  })
  .meta({ id: 'Snapshot' });
export type Snapshot = z.infer<typeof Snapshot>;

export const SnapshotCreateInput = z
  .object({
    volume_id: Id,
    name: z.string().max(255).default(''),
    description: Description.default(''),
    force: z.boolean().default(false).meta({
      description:
        'snapshot a volume that is attached (in-use), as Cinder allows: the copy is crash-consistent, like pulling the plug',
    }),
  })
  .meta({ id: 'SnapshotCreateInput' });
export type SnapshotCreateInput = z.infer<typeof SnapshotCreateInput>;

export const SnapshotUpdateInput = z
  .object({ name: z.string().max(255).optional(), description: Description.optional() })
  .refine((v) => v.name !== undefined || v.description !== undefined, {
    message: 'give name or description',
    path: ['name'],
  })
  .meta({ id: 'SnapshotUpdateInput' });
export type SnapshotUpdateInput = z.infer<typeof SnapshotUpdateInput>;

export const SnapshotListQuery = ProjectListQuery.extend({
  status: SnapshotStatus.optional(),
  volume_id: Id.optional().meta({ description: 'only the snapshots of this volume' }),
});
export type SnapshotListQuery = z.infer<typeof SnapshotListQuery>;
export const snapshotSortFields = ['name', 'status', 'size_gb', 'created_at'] as const;
