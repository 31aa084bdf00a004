import 'server-only';
import { snapshotRules, type Snapshot, type SnapshotOperation, type SnapshotStatus } from '@/lib/contract/snapshot';
import { volumeRules, volumeSnapshotAllowed, type VolumeStatus } from '@/lib/contract/volume';
import type { Queryable } from '../../db/client';
import { conflict, invalid, notFound } from '../errors';
import type { CloudProvider, ProviderContext } from '../types';
import { reserveQuota } from './compute';
import type { SimDeps } from './deps';
import {
  durationMs,
  effectiveStatus,
  effectiveStatusSql,
  iso,
  listPage,
  lockVisibleRow,
  newId,
  param,
  recordEvent,
  scopeSql,
  settle,
  transition,
} from './state';

const table = 'sim_volume_snapshots';
export type SnapshotRow = {
  id: string;
  project_id: string;
  volume_id: string;
  name: string;
  description: string;
  size_gb: number;
  status: string;
  next_status: string | null;
  settle_at: Date | null;
  created_at: Date;
  updated_at: Date;
};

const toSnapshot = (r: SnapshotRow, now = Date.now()): Snapshot => ({
  id: r.id,
  project_id: r.project_id,
  name: r.name,
  description: r.description,
  volume_id: r.volume_id,
  size_gb: r.size_gb,
  status: effectiveStatus(r, now) as SnapshotStatus,
  created_at: iso(r.created_at),
  updated_at: iso(r.updated_at),
});

const label = (s: { id: string; name: string }) => s.name || s.id;

function requireSnapshotStatus(s: SnapshotRow, action: SnapshotOperation) {
  if (!snapshotRules.allowed(action, s.status))
    throw conflict(snapshotRules.conflictMessage(action, `snapshot ${label(s)}`, s.status));
}

async function snapshotById(q: Queryable, id: string): Promise<Snapshot> {
  const [r] = await q.query<SnapshotRow>(`SELECT * FROM ${table} WHERE id = $1`, [id]);
  if (!r) throw notFound('snapshot', id);
  return toSnapshot(r);
}

/**
 * The snapshot a new volume or boot disk is made from, locked while it is used: the caller's project's, available,
 * in the datacenter the disk is made in (a snapshot lives on its volume's storage). `field` names the request field.
 */
export async function snapshotSource(
  q: Queryable,
  projectId: string,
  id: string,
  field: string,
): Promise<SnapshotRow & { datacenter_id: string; volume_bootable: boolean }> {
  await settle(q, table, id);
  // With its volume's datacenter and bootable flag: a disk made from it is in the one and inherits the other.
  const [s] = await q.query<SnapshotRow & { datacenter_id: string; volume_bootable: boolean }>(
    `SELECT s.*, v.datacenter_id, v.bootable AS volume_bootable FROM ${table} s JOIN sim_volumes v ON v.id = s.volume_id
     WHERE s.id = $1 AND s.project_id = $2 FOR UPDATE OF s`,
    [id, projectId],
  );
  if (!s) throw invalid(field, `names snapshot "${id}", which does not exist`);
  requireSnapshotStatus(s, 'create-volume');
  return s;
}

/** A volume with snapshots is not deleted (Cinder: "volume has dependent snapshots"): the 409 names them. */
export async function refuseIfSnapshots(q: Queryable, volume: { id: string; name: string }): Promise<void> {
  const rows = await q.query<{ id: string; name: string }>(
    `SELECT id, name FROM ${table} WHERE volume_id = $1 ORDER BY created_at`,
    [volume.id],
  );
  if (rows.length)
    throw conflict(
      `volume ${volume.name || volume.id} has ${rows.length} snapshot${rows.length > 1 ? 's' : ''} (${rows
        .map(label)
        .join(', ')}); delete them first`,
    );
}

export function simSnapshots({ db }: SimDeps): CloudProvider['snapshots'] {
  const lock = (q: Queryable, ctx: ProviderContext, id: string) =>
    lockVisibleRow<SnapshotRow>(q, ctx, { table, kind: 'snapshot', id, transitional: true });

  return {
    async create(ctx, input) {
      const d = await db();
      return d.tx(async (q) => {
        await settle(q, 'sim_volumes', input.volume_id);
        const [v] = await q.query<{ id: string; name: string; status: string; size_gb: number }>(
          'SELECT id, name, status, size_gb FROM sim_volumes WHERE id = $1 AND project_id = $2 FOR UPDATE',
          [input.volume_id, ctx.projectId],
        );
        if (!v) throw invalid('volume_id', `names volume "${input.volume_id}", which does not exist`);
        if (!volumeSnapshotAllowed({ status: v.status as VolumeStatus }, input.force))
          throw conflict(
            v.status === 'in-use'
              ? `volume ${v.name || v.id} is attached (in-use): give force to snapshot it anyway`
              : volumeRules.conflictMessage('snapshot', `volume ${v.name || v.id}`, v.status),
          );
        // A snapshot takes its volume's size from the gigabytes quota, as Cinder counts it.
        await reserveQuota(q, ctx.projectId, { volume_gb: v.size_gb });
        const id = newId();
        await q.query(
          `INSERT INTO ${table} (id, project_id, volume_id, name, description, size_gb, status, created_at, updated_at)
           VALUES ($1,$2,$3,$4,$5,$6,'creating',now(),now())`,
          [id, ctx.projectId, v.id, input.name, input.description, v.size_gb],
        );
        await transition(q, { table, resourceType: 'snapshot', id, projectId: ctx.projectId }, 'creating', {
          status: 'available',
          ms: durationMs('snapshotCreate'),
        });
        return snapshotById(q, id);
      });
    },

    async remove(ctx, id) {
      const d = await db();
      await d.tx(async (q) => {
        const s = await lock(q, ctx, id);
        requireSnapshotStatus(s, 'delete');
        await q.query(`DELETE FROM ${table} WHERE id = $1`, [id]);
        await recordEvent(q, { resourceType: 'snapshot', id, projectId: s.project_id }, 'deleted');
      });
      return { pending: false };
    },

    async get(ctx, id) {
      const d = await db();
      const params: unknown[] = [id];
      const [r] = await d.query<SnapshotRow>(
        `SELECT * FROM ${table} t WHERE t.id = $1 AND ${scopeSql(ctx, params)}`,
        params,
      );
      if (!r) throw notFound('snapshot', id);
      return toSnapshot(r);
    },

    async list(ctx, query) {
      const d = await db();
      const params: unknown[] = [];
      let now: string | undefined;
      const nowSql = () => (now ??= param(params, new Date()));
      const where = [scopeSql(ctx, params)];
      if (query.name) where.push(`t.name ILIKE ${param(params, `%${query.name}%`)}`);
      if (query.status) where.push(`${effectiveStatusSql('t', nowSql())} = ${param(params, query.status)}`);
      if (query.volume_id) where.push(`t.volume_id = ${param(params, query.volume_id)}`);
      const { rows, total } = await listPage<SnapshotRow>(d, {
        from: `${table} t`,
        where,
        params,
        sortable: {
          name: 't.name',
          get status() {
            return effectiveStatusSql('t', nowSql());
          },
          size_gb: 't.size_gb',
          created_at: 't.created_at',
        },
        defaultSort: 't.created_at DESC, t.id ASC',
        sort: query.sort,
        limit: query.limit,
        offset: query.offset,
      });
      const at = Date.now();
      return { items: rows.map((r) => toSnapshot(r, at)), total };
    },

    async update(ctx, id, input) {
      const d = await db();
      return d.tx(async (q) => {
        const s = await lock(q, ctx, id);
        requireSnapshotStatus(s, 'update');
        await q.query(
          `UPDATE ${table} SET name = COALESCE($2, name), description = COALESCE($3, description), updated_at = now() WHERE id = $1`,
          [id, input.name ?? null, input.description ?? null],
        );
        return snapshotById(q, id);
      });
    },
  };
}
