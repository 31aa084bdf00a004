import 'server-only';
import { serverRules } from '@/lib/contract/server';
import type { Volume } from '@/lib/contract/volume';
import { volumeAttachAllowed, volumeRules, volumeSortFields } from '@/lib/contract/volume';
import { conflict, invalid } from '../errors';
import { pageOf } from '../paging';
import type { CloudProvider, ProviderContext } from '../types';
import { ecsServer, orNotFound } from './compute';
import type { HwDeps } from './context';
import { failedJob, jobOf, settleJob, trackJob } from './jobs';
import { toServer } from './mappers/server';
import { toVolume, type EvsVolume } from './mappers/volume';
import { getOne, hw, listAll } from './rest';
import { huaweiUnsupported } from './unsupported';
import { namesOtherProject } from '../shared/only-project';

/** The contract's free-form type → an EVS disk type (SATA, SAS, SSD, GPSSD, ESSD); "standard" is the common SAS. */
/** EVS's disk types (the EVS API reference's volume_type values); `standard`, the contract's default, is SAS. */
const evsTypeList = [
  { name: 'SATA', description: 'Common I/O (SATA)' },
  { name: 'SAS', description: 'High I/O (SAS), the default' },
  { name: 'SSD', description: 'Ultra-high I/O (SSD)' },
  { name: 'GPSSD', description: 'General purpose SSD' },
  { name: 'ESSD', description: 'Extreme SSD' },
] as const;
const evsTypes = new Set<string>(evsTypeList.map((t) => t.name));
/** An EVS type by name; anything else is refused rather than quietly made SAS. */
function evsType(t: string): string {
  if (t === 'standard') return 'SAS';
  if (evsTypes.has(t.toUpperCase())) return t.toUpperCase();
  throw invalid('volume_type', `names no EVS disk type: "${t}" (types: ${[...evsTypes].join(', ')})`);
}

async function evsVolume(d: HwDeps, ctx: ProviderContext, id: string): Promise<EvsVolume> {
  return orNotFound(getOne<EvsVolume>(d, ctx, hw.volumes, id), 'volume', id);
}

async function getVolume(d: HwDeps, ctx: ProviderContext, id: string): Promise<Volume> {
  const v = toVolume(await evsVolume(d, ctx, id), ctx.projectId);
  const job = await jobOf(d, ctx, id);
  if (job?.status === 'FAIL' && job.kind === 'create') return { ...v, status: 'error' };
  if (job?.status === 'RUNNING' && job.kind === 'extend' && v.status === 'available')
    return { ...v, status: 'extending' };
  return v;
}

export function hwVolumes(d: HwDeps): CloudProvider['volumes'] {
  return {
    async create(ctx, input) {
      huaweiUnsupported.refuseIf(!!input.source && 'snapshot_id' in input.source, 'POST /volumes#source.snapshot_id');
      const az =
        input.datacenter_id ??
        (
          await d.call<{ availabilityZoneInfo: { zoneName: string }[] }>(
            ctx,
            'evs',
            'GET',
            '/v2/{project_id}/os-availability-zone',
          )
        ).availabilityZoneInfo[0]?.zoneName;
      // v2.1 answers the new volume's id with the job (v2 answers the job only).
      const r = await d.call<{ job_id: string; volume_ids?: string[] }>(
        ctx,
        'evs',
        'POST',
        '/v2.1/{project_id}/cloudvolumes',
        {
          body: {
            volume: {
              name: input.name,
              description: input.description,
              size: input.size_gb,
              volume_type: evsType(input.volume_type),
              availability_zone: az,
              multiattach: input.multiattach,
              count: 1,
              ...(input.source && 'image_id' in input.source ? { imageRef: input.source.image_id } : {}),
            },
          },
        },
      );
      let id = r.volume_ids?.[0];
      if (!id) {
        const job = await settleJob(d, ctx, 'evs', r.job_id, 10_000);
        id = job.entities?.volume_id ?? job.entities?.sub_jobs?.[0]?.entities?.volume_id;
        if (!id) throw failedJob(job, 'volume creation');
      }
      await trackJob(id, 'evs', r.job_id, 'create');
      return getVolume(d, ctx, id);
    },
    async remove(ctx, id) {
      const v = await evsVolume(d, ctx, id);
      if (v.attachments?.length)
        throw conflict(`volume ${id} is attached to server ${v.attachments[0]!.server_id}; detach it first`);
      const r = await d.call<{ job_id: string }>(ctx, 'evs', 'DELETE', `${hw.volumes.path}/${encodeURIComponent(id)}`);
      await trackJob(id, 'evs', r.job_id, 'delete');
      return { pending: true };
    },
    get: (ctx, id) => getVolume(d, ctx, id),
    async list(ctx, q) {
      huaweiUnsupported.refuseIf(namesOtherProject(ctx), 'GET /volumes#project_id');
      const rows = await listAll<EvsVolume>(d, ctx, hw.volumes, { name: q.name });
      let items = rows.map((v) => toVolume(v, ctx.projectId));
      if (q.status) items = items.filter((v) => v.status === q.status);
      return pageOf(
        items,
        { ...q, name: undefined },
        Object.fromEntries(volumeSortFields.map((f) => [f, (v: Volume) => v[f]])),
      );
    },
    async attach(ctx, id, input) {
      huaweiUnsupported.refuseIf(input.mode === 'ro', 'POST /volumes/{id}/attach#mode=ro');
      const v = await evsVolume(d, ctx, id);
      const s = await ecsServer(d, ctx, input.server_id);
      const volume = toVolume(v, ctx.projectId);
      if (!volumeAttachAllowed(volume))
        throw conflict(
          volume.status === 'in-use'
            ? `volume ${id} is in-use and not multiattach`
            : volumeRules.conflictMessage('attach', `volume ${v.name || id}`, volume.status),
        );
      const serverStatus = toServer(s, '', false).status;
      if (!serverRules.allowed('attach-volume', serverStatus))
        throw conflict(serverRules.conflictMessage('attach-volume', `server ${s.name || s.id}`, serverStatus));
      if (s['OS-EXT-AZ:availability_zone'] && s['OS-EXT-AZ:availability_zone'] !== v.availability_zone)
        throw conflict(
          `volume ${id} is in ${v.availability_zone} and server ${s.id} in ${s['OS-EXT-AZ:availability_zone']}: they must share an availability zone`,
        );
      const r = await d.call<{ job_id: string }>(
        ctx,
        'ecs',
        'POST',
        `${hw.servers.path}/${encodeURIComponent(s.id)}/attachvolume`,
        {
          body: { volumeAttachment: { volumeId: id, ...(input.device ? { device: input.device } : {}) } },
        },
      );
      await trackJob(id, 'ecs', r.job_id, 'attach');
      return getVolume(d, ctx, id);
    },
    async detach(ctx, id, serverId) {
      const v = await evsVolume(d, ctx, id);
      if (!v.attachments?.some((a) => a.server_id === serverId))
        throw conflict(`volume ${id} is not attached to server ${serverId}`);
      const r = await d.call<{ job_id: string }>(
        ctx,
        'ecs',
        'DELETE',
        `${hw.servers.path}/${encodeURIComponent(serverId)}/detachvolume/${encodeURIComponent(id)}`,
      );
      await trackJob(id, 'ecs', r.job_id, 'detach');
      return getVolume(d, ctx, id);
    },
    async listTypes() {
      return evsTypeList.map((t) => ({
        id: t.name,
        name: t.name,
        description: t.description,
        is_default: t.name === 'SAS',
        // EVS shares a disk of any type when it is created with multiattach (SCSI disks).
        multiattach: true,
      }));
    },
    async retype() {
      return huaweiUnsupported.refuse('POST /volumes/{id}/retype');
    },
    async extend(ctx, id, newSizeGb) {
      const v = await evsVolume(d, ctx, id);
      if (newSizeGb <= v.size) throw invalid('new_size_gb', `must be greater than the current size (${v.size} GB)`);
      const status = toVolume(v, ctx.projectId).status;
      if (!volumeRules.allowed('extend', status))
        throw conflict(volumeRules.conflictMessage('extend', `volume ${v.name || id}`, status));
      const r = await d.call<{ job_id: string }>(
        ctx,
        'evs',
        'POST',
        `/v2.1/{project_id}/cloudvolumes/${encodeURIComponent(id)}/action`,
        { body: { 'os-extend': { new_size: newSizeGb } } },
      );
      await trackJob(id, 'evs', r.job_id, 'extend');
      return getVolume(d, ctx, id);
    },
  };
}
