import 'server-only';
import { serverRules } from '@/lib/contract/server';
import type { Volume } from '@/lib/contract/volume';
import { volumeRules, volumeSortFields } from '@/lib/contract/volume';
import { CloudError, conflict, invalid, notFound } from '../errors';
import { pageOf } from '../paging';
import type { CloudProvider, ProviderContext } from '../types';
import { shInstanceIn } from './compute';
import { listParam, type ShDeps } from './context';
import { discardCreated, failedCreations, settleJob, watchCreation } from './jobs';
import { toServer } from './mappers/instance';
import { toVolume, volumeTypeNames, volumeTypeOf, type ShVolume } from './mappers/volume';

/** The driver's names of CreateVolumes' volume_type codes (mappers/volume.ts), with the code they stand for. */
const shanheTypeDescriptions: Record<string, string> = {
  standard: 'volume_type 0 (the default)',
  capacity: 'volume_type 2',
  performance: 'volume_type 3',
};
import { shanheUnsupported } from './unsupported';
import { describeAllZones, describePageAcrossZones, listZones, locate, rememberZone } from './zones';
import { namesOtherProject } from '../shared/only-project';

const liveStatuses = ['pending', 'available', 'in-use', 'suspended'];

export function shVolumes(d: ShDeps): CloudProvider['volumes'] {
  /** A volume and the zone it lives in (every later call on it names that zone). */
  async function located(ctx: ProviderContext, id: string): Promise<{ v: ShVolume; zone: string }> {
    const found = await locate(
      d,
      ctx,
      id,
      async (zone) =>
        (await d.call<{ volume_set: ShVolume[] }>(ctx, 'DescribeVolumes', { ...listParam('volumes', [id]), zone }))
          .volume_set[0],
    );
    if (!found || found.row.status === 'deleted' || found.row.status === 'ceased') throw notFound('volume', id);
    return { v: { ...found.row, zone_id: found.row.zone_id ?? found.zone }, zone: found.zone };
  }
  const volume = async (ctx: ProviderContext, id: string) => (await located(ctx, id)).v;
  /** Volumes as the contract's, a failed creation still creating shown as `error` (one read for all). */
  const views = async (ctx: ProviderContext, rows: { row: ShVolume; zone: string }[]): Promise<Volume[]> => {
    const out = rows.map(({ row, zone }) => toVolume(row, ctx.projectId, zone));
    const failed = await failedCreations(
      d,
      ctx,
      rows.filter((_, n) => out[n]!.status === 'creating').map(({ row }) => row.volume_id),
    );
    return out.map((x, n) => (failed.has(rows[n]!.row.volume_id) ? { ...x, status: 'error' } : x));
  };
  const view = async (ctx: ProviderContext, v: ShVolume, zone = d.s.zone): Promise<Volume> =>
    (await views(ctx, [{ row: v, zone }]))[0]!;
  return {
    async create(ctx, input) {
      if (input.source)
        shanheUnsupported.refuse(
          'image_id' in input.source ? 'POST /volumes#source.image_id' : 'POST /volumes#source.snapshot_id',
        );
      shanheUnsupported.refuseIf(input.multiattach, 'POST /volumes#multiattach');
      const zone = input.datacenter_id || d.s.zone;
      const r = await d.call<{ volumes: string[]; job_id: string }>(ctx, 'CreateVolumes', {
        size: input.size_gb,
        volume_name: input.name,
        volume_type: volumeTypeOf(input.volume_type),
        count: 1,
        zone,
      });
      const id = r.volumes[0];
      if (!id) throw new CloudError('unavailable', 'CreateVolumes named no volume');
      rememberZone(id, zone);
      await watchCreation(d, ctx, id, r.job_id, zone);
      try {
        if (input.description)
          await d.call(ctx, 'ModifyVolumeAttributes', { volume: id, description: input.description, zone });
        return await view(ctx, await volume(ctx, id), zone);
      } catch (e) {
        // The caller learns no id from a failed create, so the volume made for it goes with it.
        const left = await discardCreated(d, ctx, r.job_id, zone, () =>
          d.call(ctx, 'DeleteVolumes', { ...listParam('volumes', [id]), zone }),
        );
        if (left)
          throw new CloudError(
            e instanceof CloudError ? e.kind : 'unavailable',
            `creating volume ${input.name} failed after Shanhe made volume ${id} in zone ${zone}, and deleting it failed too: delete it there`,
            undefined,
            { create: e, delete: left },
          );
        throw e;
      }
    },
    async remove(ctx, id) {
      const { v, zone } = await located(ctx, id);
      if (v.instance?.instance_id)
        throw conflict(`volume ${id} is attached to server ${v.instance.instance_id}; detach it first`);
      const r = await d.call<{ job_id: string }>(ctx, 'DeleteVolumes', { ...listParam('volumes', [id]), zone });
      await settleJob(d, ctx, r.job_id, `deleting volume ${id}`, 300, zone);
      return { pending: true };
    },
    get: async (ctx, id) => view(ctx, await volume(ctx, id)),
    async list(ctx, q) {
      shanheUnsupported.refuseIf(namesOtherProject(ctx), 'GET /volumes#project_id');
      // Shanhe lists one zone a call: a zone asked for is the one read, else every active zone, merged.
      const zones = await listZones(d, ctx, q.datacenter_id);
      if (!zones.length) return { items: [], total: 0 };
      const filters = { ...listParam('status', liveStatuses), ...(q.name ? { search_word: q.name } : {}) };

      if (!q.sort && !q.status) {
        const page = await describePageAcrossZones<ShVolume>(
          d,
          ctx,
          zones,
          'DescribeVolumes',
          'volume_set',
          q,
          filters,
        );
        return { items: await views(ctx, page.items), total: page.total };
      }
      let items = await views(
        ctx,
        await describeAllZones<ShVolume>(d, ctx, zones, 'DescribeVolumes', 'volume_set', filters),
      );
      if (q.status) items = items.filter((v) => v.status === q.status);
      return pageOf(
        items,
        { ...q, name: undefined },
        Object.fromEntries(volumeSortFields.map((f) => [f, (v: Volume) => v[f]])),
      );
    },
    async attach(ctx, id, input) {
      shanheUnsupported.refuseIf(input.mode === 'ro', 'POST /volumes/{id}/attach#mode=ro');
      const { v, zone } = await located(ctx, id);
      const i = await shInstanceIn(d, ctx, input.server_id, zone, `volume ${id} lives`);
      if (v.status !== 'available' || v.transition_status)
        throw conflict(`volume ${id} is ${(await view(ctx, v)).status}; only an available volume attaches`);
      const serverStatus = toServer(i, '', false).status;
      if (!serverRules.allowed('attach-volume', serverStatus))
        throw conflict(
          serverRules.conflictMessage('attach-volume', `server ${i.instance_name || i.instance_id}`, serverStatus),
        );
      if (i.transition_status)
        throw conflict(`server ${i.instance_id} is ${i.transition_status}; Shanhe attaches to a server at rest`);
      const r = await d.call<{ job_id: string }>(ctx, 'AttachVolumes', {
        ...listParam('volumes', [id]),
        instance: i.instance_id,
        zone,
      });
      await settleJob(d, ctx, r.job_id, `attaching volume ${id}`, 300, zone);
      return view(ctx, await volume(ctx, id));
    },
    async detach(ctx, id, serverId) {
      const { v, zone } = await located(ctx, id);
      if (v.instance?.instance_id !== serverId) throw conflict(`volume ${id} is not attached to server ${serverId}`);
      const r = await d.call<{ job_id: string }>(ctx, 'DetachVolumes', {
        ...listParam('volumes', [id]),
        instance: serverId,
        zone,
      });
      await settleJob(d, ctx, r.job_id, `detaching volume ${id}`, 300, zone);
      return view(ctx, await volume(ctx, id));
    },
    async listTypes() {
      return Object.entries(volumeTypeNames).map(([code, name]) => ({
        id: code,
        name,
        description: shanheTypeDescriptions[name] ?? name,
        is_default: code === '0',
        multiattach: false,
      }));
    },
    async retype() {
      return shanheUnsupported.refuse('POST /volumes/{id}/retype');
    },
    async extend(ctx, id, newSizeGb) {
      const { v, zone } = await located(ctx, id);
      if (newSizeGb <= v.size) throw invalid('new_size_gb', `must be greater than the current size (${v.size} GB)`);
      const status = (await view(ctx, v)).status;
      if (!volumeRules.allowed('extend', status))
        throw conflict(volumeRules.conflictMessage('extend', `volume ${v.volume_name || id}`, status));
      // ResizeVolumes takes a detached volume only: narrower than the contract's table, which also extends in-use.
      if (v.status !== 'available' || v.transition_status)
        throw conflict(`volume ${id} is ${(await view(ctx, v)).status}; detach it before extending it`);
      const r = await d.call<{ job_id: string }>(ctx, 'ResizeVolumes', {
        ...listParam('volumes', [id]),
        size: newSizeGb,
        zone,
      });
      await settleJob(d, ctx, r.job_id, `extending volume ${id}`, 300, zone);
      return view(ctx, await volume(ctx, id));
    },
  };
}
