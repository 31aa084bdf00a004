import 'server-only';
import { snapshotRules, type SnapshotStatus } from '@/lib/contract/snapshot';
import { volumeRules, volumeSnapshotAllowed } from '@/lib/contract/volume';
import { CloudError, conflict, invalid } from '../errors';
import type { CloudProvider } from '../types';
import type { OsDeps } from './context';
import { orNotFound } from './compute';
import { toSnapshot } from './mappers/snapshot';
import { volumeStatus } from './mappers/volume';
import type { CinderSnapshot, CinderVolume } from './mappers/wire';
import { cinderSort, stateful } from './cinder';
import { os, type Rest } from './rest';

const getCinder = (rest: Rest, id: string) => orNotFound(rest.get<CinderSnapshot>(os.snapshots, id), 'snapshot', id);

/** Cinder's snapshots of the caller's volumes (Cinder v3 /snapshots). */
export function osSnapshots(d: OsDeps): CloudProvider['snapshots'] {
  return {
    async create(ctx, input) {
      const rest = d.rest(ctx);
      const v = await rest.get<CinderVolume>(os.volumes, input.volume_id).catch((e: unknown) => {
        if (e instanceof CloudError && e.kind === 'not_found') return null;
        throw e;
      });
      // An admin's token reads every project's volumes: the snapshot is of a volume of the caller's own project, as
      // a volume is created there, and another project's is the same 400 as one that does not exist.
      const owner = v?.['os-vol-tenant-attr:tenant_id'];
      if (!v || (owner && owner !== ctx.projectId))
        throw invalid('volume_id', `names no volume of this project: ${input.volume_id}`);
      // Cinder's 400 for an attached volume without force says "must be available"; the contract says why and how.
      const status = volumeStatus(v.status);
      if (!volumeSnapshotAllowed({ status }, input.force))
        throw conflict(
          status === 'in-use'
            ? `volume ${v.name || v.id} is attached (in-use): give force to snapshot it anyway`
            : volumeRules.conflictMessage('snapshot', `volume ${v.name || v.id}`, status),
        );
      const s = await stateful(
        rest.create<CinderSnapshot>(os.snapshots, {
          volume_id: input.volume_id,
          name: input.name,
          description: input.description,
          force: input.force,
        }),
        `snapshot volume ${v.name || v.id}`,
      );
      return toSnapshot(s, ctx.projectId);
    },
    async remove(ctx, id) {
      const rest = d.rest(ctx);
      const s = toSnapshot(await getCinder(rest, id), ctx.projectId);
      if (!snapshotRules.allowed('delete', s.status))
        throw conflict(snapshotRules.conflictMessage('delete', `snapshot ${s.name || s.id}`, s.status));
      await stateful(rest.remove(os.snapshots, id), `delete snapshot ${s.name || id}`);
      return { pending: true };
    },
    async get(ctx, id) {
      return toSnapshot(await getCinder(d.rest(ctx), id), ctx.projectId);
    },
    async list(ctx, q) {
      const sort = cinderSort(q.sort);
      // The contract's statuses stand for several of Cinder's each: filter on the mapped status here when asked.
      const filter = {
        sort,
        volume_id: q.volume_id,
        all_tenants: ctx.allProjects ? 1 : undefined,
        project_id: ctx.allProjects ? ctx.onlyProjectId : undefined,
      };
      const rest = d.rest(ctx);
      if (q.name || q.status) {
        const all = await rest.listAll<CinderSnapshot>(os.snapshots, filter);
        const needle = (q.name ?? '').toLowerCase();
        const hits = all
          .map((s) => toSnapshot(s, ctx.projectId))
          .filter(
            (s) => s.name.toLowerCase().includes(needle) && (!q.status || s.status === (q.status as SnapshotStatus)),
          );
        return { total: hits.length, items: hits.slice(q.offset, q.offset + q.limit) };
      }
      // Cinder pages by offset and counts (microversion 3.45), as for volumes.
      const r = await rest.call<{ snapshots: CinderSnapshot[]; count?: number }>(
        'volumev3',
        'GET',
        'snapshots/detail',
        {
          query: { ...filter, limit: q.limit, offset: q.offset, with_count: 'true' },
        },
      );
      return {
        total: r.body.count ?? r.body.snapshots.length,
        items: r.body.snapshots.map((s) => toSnapshot(s, ctx.projectId)),
      };
    },
    async update(ctx, id, input) {
      const rest = d.rest(ctx);
      const s = toSnapshot(await getCinder(rest, id), ctx.projectId);
      if (!snapshotRules.allowed('update', s.status))
        throw conflict(snapshotRules.conflictMessage('update', `snapshot ${s.name || s.id}`, s.status));
      const updated = await stateful(
        rest.update<CinderSnapshot>(os.snapshots, id, {
          ...(input.name !== undefined ? { name: input.name } : {}),
          ...(input.description !== undefined ? { description: input.description } : {}),
        }),
        `update snapshot ${s.name || id}`,
      );
      return toSnapshot(updated, ctx.projectId);
    },
  };
}
