import 'server-only';
import type { VolumeStatus } from '@/lib/contract/volume';
import { CloudError, conflict, invalid, notFound } from '../errors';
import type { CloudProvider } from '../types';
import type { OsDeps } from './context';
import { orNotFound } from './compute';
import { toVolume } from './mappers/volume';
import type { CinderVolume } from './mappers/wire';
import { os, type Rest } from './rest';

const cinderSort: Record<string, string> = { name: 'name', status: 'status', size_gb: 'size', created_at: 'created_at' };
const cinderStatus: Record<VolumeStatus, string> = {
  creating: 'creating',
  available: 'available',
  attaching: 'attaching',
  'in-use': 'in-use',
  detaching: 'detaching',
  extending: 'extending',
  deleting: 'deleting',
  error: 'error',
};

const getCinder = (rest: Rest, id: string) => orNotFound(rest.get<CinderVolume>(os.volumes, id), 'volume', id);

/** Cinder and Nova refuse wrong states with 400 or 409; the contract calls every one of them a conflict. */
async function stateful<T>(p: Promise<T>, what: string): Promise<T> {
  try {
    return await p;
  } catch (e) {
    if (e instanceof CloudError && (e.kind === 'conflict' || e.kind === 'invalid')) throw conflict(`cannot ${what}: ${e.message}`);
    throw e;
  }
}

export function osVolumes(d: OsDeps): CloudProvider['volumes'] {
  return {
    async create(ctx, input) {
      const v = await d.rest(ctx).create<CinderVolume>(os.volumes, {
        size: input.size_gb,
        name: input.name,
        description: input.description,
        // "standard" is the contract's default word: on OpenStack that is the cloud's default type.
        ...(input.volume_type && input.volume_type !== 'standard' ? { volume_type: input.volume_type } : {}),
        ...(input.datacenter_id ? { availability_zone: input.datacenter_id } : {}),
        ...(input.multiattach ? { multiattach: true } : {}),
        ...(input.source && 'image_id' in input.source ? { imageRef: input.source.image_id } : {}),
        ...(input.source && 'snapshot_id' in input.source ? { snapshot_id: input.source.snapshot_id } : {}),
      });
      return toVolume(v, ctx.projectId);
    },
    async remove(ctx, id) {
      const rest = d.rest(ctx);
      const v = await getCinder(rest, id);
      if (v.attachments.length) throw conflict(`volume ${v.name || id} is attached to server ${v.attachments[0]!.server_id}; detach it first`);
      await stateful(rest.remove(os.volumes, id), `delete volume ${id}`);
      return { pending: true };
    },
    async get(ctx, id) {
      return toVolume(await getCinder(d.rest(ctx), id), ctx.projectId);
    },
    async list(ctx, q) {
      let sort: string | undefined;
      if (q.sort) {
        const desc = q.sort.startsWith('-');
        const field = desc ? q.sort.slice(1) : q.sort;
        if (!cinderSort[field]) throw invalid('sort', `cannot sort by "${field}"; sortable fields: ${Object.keys(cinderSort).join(', ')}`);
        sort = `${cinderSort[field]}:${desc ? 'desc' : 'asc'}`;
      }
      const filter = {
        sort,
        status: q.status ? cinderStatus[q.status] : undefined,
        availability_zone: q.datacenter_id,
        all_tenants: ctx.allProjects ? 1 : undefined,
      };
      const rest = d.rest(ctx);
      if (q.name) {
        // A substring match ("name~") depends on the cloud's resource_filters: match here instead, over the filtered set.
        const all = await rest.listAll<CinderVolume>(os.volumes, filter);
        const needle = q.name.toLowerCase();
        const hits = all.filter((v) => (v.name ?? '').toLowerCase().includes(needle));
        return { total: hits.length, items: hits.slice(q.offset, q.offset + q.limit).map((v) => toVolume(v, ctx.projectId)) };
      }
      // Cinder pages by offset and counts (microversion 3.45).
      const r = await rest.call<{ volumes: CinderVolume[]; count?: number }>('volumev3', 'GET', 'volumes/detail', {
        query: { ...filter, limit: q.limit, offset: q.offset, with_count: 'true' },
      });
      return { total: r.body.count ?? r.body.volumes.length, items: r.body.volumes.map((v) => toVolume(v, ctx.projectId)) };
    },
    async attach(ctx, id, input) {
      const rest = d.rest(ctx);
      const v = await getCinder(rest, id);
      await orNotFound(rest.get(os.servers, input.server_id), 'server', input.server_id);
      if (v.attachments.some((a) => a.server_id === input.server_id)) throw conflict(`volume ${id} is already attached to server ${input.server_id}`);
      if (v.attachments.length && !v.multiattach) throw conflict(`volume ${v.name || id} is in use by server ${v.attachments[0]!.server_id} and is not multiattach`);
      if (input.mode === 'ro') throw new CloudError('not_supported', 'this cloud attaches volumes read-write only');
      await stateful(
        rest.call('compute', 'POST', `servers/${encodeURIComponent(input.server_id)}/os-volume_attachments`, { body: { volumeAttachment: { volumeId: id, ...(input.device ? { device: input.device } : {}) } } }),
        `attach volume ${id} to server ${input.server_id}`,
      );
      return toVolume(await getCinder(rest, id), ctx.projectId);
    },
    async detach(ctx, id, serverId) {
      const rest = d.rest(ctx);
      const v = await getCinder(rest, id);
      if (!v.attachments.some((a) => a.server_id === serverId)) throw conflict(`volume ${id} is not attached to server ${serverId}`);
      try {
        await stateful(rest.call('compute', 'DELETE', `servers/${encodeURIComponent(serverId)}/os-volume_attachments/${encodeURIComponent(id)}`), `detach volume ${id}`);
      } catch (e) {
        if (e instanceof CloudError && e.kind === 'not_found') throw notFound('server', serverId);
        throw e;
      }
      return toVolume(await getCinder(rest, id), ctx.projectId);
    },
    async extend(ctx, id, newSizeGb) {
      const rest = d.rest(ctx);
      const v = await getCinder(rest, id);
      if (newSizeGb <= v.size) throw invalid('new_size_gb', `must be greater than the current size (${v.size} GiB)`);
      await stateful(rest.action(os.volumes, id, { 'os-extend': { new_size: newSizeGb } }), `extend volume ${id}`);
      return toVolume(await getCinder(rest, id), ctx.projectId);
    },
  };
}
