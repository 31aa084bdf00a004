import { z } from 'zod';
import { Description } from '@/lib/contract/common';
import { serverRules } from '@/lib/contract/server';
import {
  VolumeAttachInput,
  volumeAttachAllowed,
  volumeRules,
  type Volume,
  type VolumeCreateInput,
} from '@/lib/contract/volume';

/** The forms of the volume pages: what the API will refuse is caught here first, quota included. */

export interface QuotaRoom {
  /** GiB still free in the project's volume quota. */
  freeGb: number;
  /** Volumes still free (count). */
  freeVolumes: number;
}

const wholeGb = z.number({ error: 'required' }).int('whole').min(1, 'min1').max(16384, 'max');

/**
 * The create wizard's values; `source` picks an empty disk, one made from an image or one made from a snapshot (in
 * the snapshot's own datacenter, so none is asked for, and at least the snapshot's size).
 */
export function volumeCreateSchema(
  room: QuotaRoom | undefined,
  imageMinDiskGb: (imageId: string) => number | undefined,
  snapshotSizeGb: (snapshotId: string) => number | undefined = () => undefined,
) {
  return z
    .object({
      name: z.string().trim().max(255),
      description: Description,
      size_gb: wholeGb,
      volume_type: z.string().min(1, 'required').max(64),
      datacenter_id: z.string(),
      source: z.enum(['empty', 'image', 'snapshot']),
      image_id: z.string(),
      snapshot_id: z.string(),
      multiattach: z.boolean(),
    })
    .superRefine((v, ctx) => {
      if (room && v.size_gb > room.freeGb) ctx.addIssue({ code: 'custom', path: ['size_gb'], message: 'quota' });
      if (room && room.freeVolumes < 1) ctx.addIssue({ code: 'custom', path: ['size_gb'], message: 'quotaCount' });
      if (v.source !== 'snapshot' && !v.datacenter_id)
        ctx.addIssue({ code: 'custom', path: ['datacenter_id'], message: 'required' });
      if (v.source === 'snapshot') {
        if (!v.snapshot_id) ctx.addIssue({ code: 'custom', path: ['snapshot_id'], message: 'required' });
        else {
          const min = snapshotSizeGb(v.snapshot_id);
          if (min !== undefined && v.size_gb < min)
            ctx.addIssue({ code: 'custom', path: ['size_gb'], message: 'snapshotMin' });
        }
      }
      if (v.source === 'image') {
        if (!v.image_id) ctx.addIssue({ code: 'custom', path: ['image_id'], message: 'required' });
        else {
          const min = imageMinDiskGb(v.image_id);
          if (min !== undefined && v.size_gb < min)
            ctx.addIssue({ code: 'custom', path: ['size_gb'], message: 'imageMin' });
        }
      }
    });
}
export type VolumeCreateValues = z.infer<ReturnType<typeof volumeCreateSchema>>;

export const toVolumeCreateInput = (v: VolumeCreateValues): VolumeCreateInput => ({
  name: v.name.trim(),
  description: v.description,
  size_gb: v.size_gb,
  volume_type: v.volume_type,
  // A volume made from a snapshot is made where the snapshot is: naming another datacenter would be refused.
  ...(v.source === 'snapshot' ? {} : { datacenter_id: v.datacenter_id }),
  multiattach: v.multiattach,
  ...(v.source === 'image' && v.image_id ? { source: { image_id: v.image_id } } : {}),
  ...(v.source === 'snapshot' && v.snapshot_id ? { source: { snapshot_id: v.snapshot_id } } : {}),
});

/** Extend: strictly larger than now, and the growth must fit the quota. */
export function volumeExtendSchema(currentGb: number, room: QuotaRoom | undefined) {
  return z.object({ new_size_gb: wholeGb }).superRefine((v, ctx) => {
    if (v.new_size_gb <= currentGb) ctx.addIssue({ code: 'custom', path: ['new_size_gb'], message: 'notLarger' });
    else if (room && v.new_size_gb - currentGb > room.freeGb)
      ctx.addIssue({ code: 'custom', path: ['new_size_gb'], message: 'quota' });
  });
}

/** The attach dialog: the contract's own schema (device pattern, mode). */
export const volumeAttachSchema = VolumeAttachInput.pick({ server_id: true, mode: true }).extend({
  server_id: z.string().min(1, 'required'),
  device: z.union([z.literal(''), z.string().regex(/^\/dev\/[a-z]{2,4}[a-z]$/, 'device')]),
});
export type VolumeAttachValues = z.infer<typeof volumeAttachSchema>;

export type AttachRefusal = 'datacenter' | 'status' | 'attached' | 'volume';
interface ServerLike {
  id: string;
  name: string;
  status: string;
  datacenter_id: string;
}

/**
 * Why a server may not take this volume, or null when it may: same datacenter, server active or stopped,
 * not already attached to it, and the volume free (or shareable).
 */
export function attachRefusal(
  volume: Pick<Volume, 'datacenter_id' | 'status' | 'multiattach' | 'attachments'>,
  server: ServerLike,
): AttachRefusal | null {
  if (volume.attachments.some((a) => a.server_id === server.id)) return 'attached';
  if (!volumeAttachAllowed(volume)) return 'volume';
  if (server.datacenter_id !== volume.datacenter_id) return 'datacenter';
  if (!serverRules.allowed('attach-volume', server.status)) return 'status';
  return null;
}

/** The servers the attach picker offers. */
export const attachableServers = <S extends ServerLike>(
  volume: Pick<Volume, 'datacenter_id' | 'status' | 'multiattach' | 'attachments'>,
  servers: S[],
): S[] => servers.filter((s) => attachRefusal(volume, s) === null);

/** A volume may be deleted only when nothing holds it and its status allows (the contract's table); the API's 409 says the same. */
export const canDeleteVolume = (v: Pick<Volume, 'status' | 'attachments'>) =>
  v.attachments.length === 0 && volumeRules.allowed('delete', v.status);
