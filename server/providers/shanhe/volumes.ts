import 'server-only';
import { serverRules } from '@/lib/contract/server';
import type { Volume } from '@/lib/contract/volume';
import { volumeRules, volumeSortFields } from '@/lib/contract/volume';
import { CloudError, conflict, invalid, notFound } from '../errors';
import { pageOf } from '../paging';
import type { CloudProvider, ProviderContext } from '../types';
import { shInstance } from './compute';
import { describeAll, describePage, listParam, type ShDeps } from './context';
import { failedCreation, settleJob, watchCreation } from './jobs';
import { toServer } from './mappers/instance';
import { toVolume, volumeTypeOf, type ShVolume } from './mappers/volume';

const liveStatuses = ['pending', 'available', 'in-use', 'suspended'];

export function shVolumes(d: ShDeps): CloudProvider['volumes'] {
  async function volume(ctx: ProviderContext, id: string): Promise<ShVolume> {
    const r = await d.call<{ volume_set: ShVolume[] }>(ctx, 'DescribeVolumes', listParam('volumes', [id]));
    const v = r.volume_set[0];
    if (!v || v.status === 'deleted' || v.status === 'ceased') throw notFound('volume', id);
    return v;
  }
  const view = (ctx: ProviderContext, v: ShVolume): Volume => {
    const out = toVolume(v, ctx.projectId, d.s.zone);
    return failedCreation(v.volume_id) && out.status === 'creating' ? { ...out, status: 'error' } : out;
  };
  return {
    async create(ctx, input) {
      if (input.source) throw new CloudError('not_supported', 'CreateVolumes makes blank volumes only (no image or snapshot source)');
      if (input.multiattach) throw invalid('multiattach', 'Shanhe volumes attach to one instance at a time');
      const r = await d.call<{ volumes: string[]; job_id: string }>(ctx, 'CreateVolumes', {
        size: input.size_gb,
        volume_name: input.name,
        volume_type: volumeTypeOf(input.volume_type),
        count: 1,
        ...(input.datacenter_id && input.datacenter_id !== d.s.zone ? { zone: input.datacenter_id } : {}),
      });
      const id = r.volumes[0]!;
      watchCreation(d, ctx, id, r.job_id);
      if (input.description) await d.call(ctx, 'ModifyVolumeAttributes', { volume: id, description: input.description });
      return view(ctx, await volume(ctx, id));
    },
    async remove(ctx, id) {
      const v = await volume(ctx, id);
      if (v.instance?.instance_id) throw conflict(`volume ${id} is attached to server ${v.instance.instance_id}; detach it first`);
      const r = await d.call<{ job_id: string }>(ctx, 'DeleteVolumes', listParam('volumes', [id]));
      await settleJob(d, ctx, r.job_id, `deleting volume ${id}`, 300);
      return { pending: true };
    },
    get: async (ctx, id) => view(ctx, await volume(ctx, id)),
    async list(ctx, q) {
      const filters = { ...listParam('status', liveStatuses), ...(q.name ? { search_word: q.name } : {}) };
      if (!q.sort && !q.status) {
        const page = await describePage<ShVolume>(d, ctx, 'DescribeVolumes', 'volume_set', q, filters);
        return { items: page.items.map((v) => view(ctx, v)), total: page.total };
      }
      let items = (await describeAll<ShVolume>(d, ctx, 'DescribeVolumes', 'volume_set', filters)).map((v) => view(ctx, v));
      if (q.status) items = items.filter((v) => v.status === q.status);
      return pageOf(items, { ...q, name: undefined }, Object.fromEntries(volumeSortFields.map((f) => [f, (v: Volume) => v[f]])));
    },
    async attach(ctx, id, input) {
      const v = await volume(ctx, id);
      const i = await shInstance(d, ctx, input.server_id);
      if (v.status !== 'available' || v.transition_status) throw conflict(`volume ${id} is ${view(ctx, v).status}; only an available volume attaches`);
      const serverStatus = toServer(i, '', false).status;
      if (!serverRules.allowed('attach-volume', serverStatus)) throw conflict(serverRules.conflictMessage('attach-volume', `server ${i.instance_name || i.instance_id}`, serverStatus));
      if (i.transition_status) throw conflict(`server ${i.instance_id} is ${i.transition_status}; Shanhe attaches to a server at rest`);
      const r = await d.call<{ job_id: string }>(ctx, 'AttachVolumes', { ...listParam('volumes', [id]), instance: i.instance_id });
      await settleJob(d, ctx, r.job_id, `attaching volume ${id}`, 300);
      return view(ctx, await volume(ctx, id));
    },
    async detach(ctx, id, serverId) {
      const v = await volume(ctx, id);
      if (v.instance?.instance_id !== serverId) throw conflict(`volume ${id} is not attached to server ${serverId}`);
      const r = await d.call<{ job_id: string }>(ctx, 'DetachVolumes', { ...listParam('volumes', [id]), instance: serverId });
      await settleJob(d, ctx, r.job_id, `detaching volume ${id}`, 300);
      return view(ctx, await volume(ctx, id));
    },
    async extend(ctx, id, newSizeGb) {
      const v = await volume(ctx, id);
      if (newSizeGb <= v.size) throw invalid('new_size_gb', `must be greater than the current size (${v.size} GB)`);
      const status = view(ctx, v).status;
      if (!volumeRules.allowed('extend', status)) throw conflict(volumeRules.conflictMessage('extend', `volume ${v.volume_name || id}`, status));
      // ResizeVolumes takes a detached volume only: narrower than the contract's table, which also extends in-use.
      if (v.status !== 'available' || v.transition_status) throw conflict(`volume ${id} is ${view(ctx, v).status}; detach it before extending it`);
      const r = await d.call<{ job_id: string }>(ctx, 'ResizeVolumes', { ...listParam('volumes', [id]), size: newSizeGb });
      await settleJob(d, ctx, r.job_id, `extending volume ${id}`, 300);
      return view(ctx, await volume(ctx, id));
    },
  };
}
