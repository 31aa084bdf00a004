import 'server-only';
import { imageRules } from '@/lib/contract/image';
import {
  volumeRules,
  type Volume,
  type VolumeOperation,
  type VolumeStatus,
  type VolumeType,
} from '@/lib/contract/volume';
import type { Queryable } from '../../db/client';
import { conflict, invalid, notFound } from '../errors';
import type { CloudProvider, ProviderContext } from '../types';
import { requireDatacenter, reserveQuota, storagePoolGb } from './compute';
import type { SimDeps } from './deps';
import { requireServerStatus } from './servers';
import { refuseIfSnapshots, snapshotSource } from './snapshots';
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

const table = 'sim_volumes';
type VolumeRow = {
  id: string;
  project_id: string;
  name: string;
  description: string;
  datacenter_id: string;
  host: string;
  size_gb: number;
  volume_type: string;
  multiattach: boolean;
  bootable: boolean;
  source_image_id: string | null;
  source_snapshot_id: string | null;
  status: string;
  next_status: string | null;
  settle_at: Date | null;
  created_at: Date;
  updated_at: Date;
};
type AttachmentRow = { volume_id: string; server_id: string; device: string; mode: 'rw' | 'ro' };

const GiB = 1024 ** 3;

/**
 * The simulated block storage's types: one pool per type on every storage host (`host@lvm#<type>`), any of them
 * shareable. SATA is the standard's own example type (B.74).
 */
export const simVolumeTypes: readonly VolumeType[] = [
  {
    id: 'standard',
    name: 'standard',
    description: 'Standard disks (the default)',
    is_default: true,
    multiattach: true,
  },
  { id: 'ssd', name: 'ssd', description: 'Solid-state disks', is_default: false, multiattach: true },
  { id: 'SATA', name: 'SATA', description: 'SATA disks', is_default: false, multiattach: true },
];
const typeNames = simVolumeTypes.map((t) => t.name);
/** A type of the simulator by its name or id, or the 400 naming `field` and the types there are. */
function simType(name: string, field = 'volume_type'): VolumeType {
  const t = simVolumeTypes.find((x) => x.name === name || x.id === name);
  if (!t) throw invalid(field, `names no volume type of this cloud: "${name}" (types: ${typeNames.join(', ')})`);
  return t;
}
/** Devices a server's extra disks get, after its root disk /dev/vda (as libvirt names virtio disks). */
const deviceLetters = 'bcdefghijklmnopqrstuvwxyz';

/** Rows to contract volumes with one query for all their attachments (no N+1). */
async function toVolumes(q: Queryable, rows: VolumeRow[]): Promise<Volume[]> {
  if (!rows.length) return [];
  const attachments = await q.query<AttachmentRow>(
    'SELECT * FROM sim_volume_attachments WHERE volume_id = ANY($1) ORDER BY server_id',
    [rows.map((r) => r.id)],
  );
  const now = Date.now();
  return rows.map((r) => ({
    id: r.id,
    project_id: r.project_id,
    name: r.name,
    description: r.description,
    datacenter_id: r.datacenter_id,
    size_gb: r.size_gb,
    volume_type: r.volume_type,
    multiattach: r.multiattach,
    bootable: r.bootable,
    host: r.host,
    attachments: attachments
      .filter((a) => a.volume_id === r.id)
      .map((a) => ({ server_id: a.server_id, device: a.device, mode: a.mode })),
    status: effectiveStatus(r, now) as VolumeStatus,
    source_image_id: r.source_image_id,
    source_snapshot_id: r.source_snapshot_id,
    created_at: iso(r.created_at),
    updated_at: iso(r.updated_at),
  }));
}

const lockVolume = (q: Queryable, ctx: ProviderContext, id: string) =>
  lockVisibleRow<VolumeRow>(q, ctx, { table, kind: 'volume', id, transitional: true });

async function volumeById(q: Queryable, id: string): Promise<Volume> {
  const rows = await q.query<VolumeRow>(`SELECT * FROM ${table} WHERE id = $1`, [id]);
  if (!rows[0]) throw notFound('volume', id);
  return (await toVolumes(q, rows))[0]!;
}

const label = (v: { id: string; name: string }) => v.name || v.id;

/** The contract's action-by-state table decides; the 409 names the volume, its status and the statuses that would do. */
export function requireVolumeStatus(v: { id: string; name: string; status: string }, action: VolumeOperation) {
  if (!volumeRules.allowed(action, v.status))
    throw conflict(volumeRules.conflictMessage(action, `volume ${label(v)}`, v.status));
}
const ref = (v: { id: string; project_id: string }) => ({
  table,
  resourceType: 'volume',
  id: v.id,
  projectId: v.project_id,
});

/**
 * Checks that the datacenter's block storage pool has room for `gb` more. The datacenter row is locked so
 * two creations in different projects are decided one after the other.
 */
async function reservePool(q: Queryable, datacenterId: string, gb: number) {
  await q.query('SELECT id FROM sim_datacenters WHERE id = $1 FOR UPDATE', [datacenterId]);
  const [u] = await q.query<{ gb: string | number }>(
    `SELECT COALESCE(SUM(size_gb), 0) AS gb FROM ${table} WHERE datacenter_id = $1`,
    [datacenterId],
  );
  const used = Number(u?.gb ?? 0);
  if (used + gb > storagePoolGb)
    throw conflict(
      `datacenter ${datacenterId} has ${storagePoolGb - used} GiB of block storage left, ${gb} GiB requested`,
    );
}

/** The storage backend for a new volume: the datacenter's host holding the fewest gigabytes (Cinder's host@backend#pool). */
async function pickHost(q: Queryable, datacenterId: string, volumeType: string): Promise<string> {
  const [h] = await q.query<{ name: string }>(
    `SELECT h.name FROM sim_hosts h LEFT JOIN ${table} v ON v.host LIKE h.name || '@%'
     WHERE h.datacenter_id = $1 GROUP BY h.name ORDER BY COALESCE(SUM(v.size_gb), 0), h.name LIMIT 1`,
    [datacenterId],
  );
  if (!h) throw conflict(`datacenter ${datacenterId} has no storage host`);
  return `${h.name}@lvm#${volumeType}`;
}

export function simVolumes({ db }: SimDeps): CloudProvider['volumes'] {
  return {
    async create(ctx, input) {
      const volumeType = simType(input.volume_type);
      const d = await db();
      return d.tx(async (q) => {
        let datacenterId = input.datacenter_id;
        if (datacenterId) {
          const dc = await requireDatacenter(q, datacenterId).catch(() => {
            throw invalid('datacenter_id', `names datacenter "${datacenterId}", which does not exist`);
          });
          if (dc.status !== 'available') throw conflict(`datacenter ${dc.name} is ${dc.status}`);
        } else
          datacenterId = (
            await q.query<{ id: string }>(
              `SELECT id FROM sim_datacenters WHERE status = 'available' ORDER BY name LIMIT 1`,
            )
          )[0]?.id;
        let sourceSnapshotId: string | null = null;
        let bootable = false;
        if (input.source && 'snapshot_id' in input.source) {
          // A snapshot lives on its volume's storage: the new volume is made there, at least as large.
          const snap = await snapshotSource(q, ctx.projectId, input.source.snapshot_id, 'source.snapshot_id');
          if (input.datacenter_id && input.datacenter_id !== snap.datacenter_id)
            throw invalid(
              'datacenter_id',
              `snapshot ${snap.name || snap.id} is in datacenter ${snap.datacenter_id}: a volume made from it is too`,
            );
          datacenterId = snap.datacenter_id;
          if (input.size_gb < snap.size_gb)
            throw invalid(
              'size_gb',
              `must be at least ${snap.size_gb} GiB, the size of snapshot ${snap.name || snap.id}`,
            );
          bootable = snap.volume_bootable;
          sourceSnapshotId = snap.id;
        }
        if (!datacenterId) throw conflict('no datacenter is available');

        let sourceImageId: string | null = null;
        if (input.source && 'image_id' in input.source) {
          const imageId = input.source.image_id;
          await settle(q, 'sim_images', imageId);
          const img = (
            await q.query<{
              id: string;
              name: string;
              status: string;
              min_disk_gb: number;
              size_bytes: string | number | null;
            }>(
              `SELECT id, name, status, min_disk_gb, size_bytes FROM sim_images WHERE id = $1 AND (owner = $2 OR visibility = 'public')`,
              [imageId, ctx.projectId],
            )
          )[0];
          if (!img) throw invalid('source.image_id', `names image "${imageId}", which does not exist`);
          if (!imageRules.allowed('launch', img.status))
            throw conflict(imageRules.conflictMessage('launch', `image ${img.name}`, img.status));
          const needGb = Math.max(img.min_disk_gb, Math.ceil(Number(img.size_bytes ?? 0) / GiB));
          if (input.size_gb < needGb)
            throw invalid('size_gb', `must be at least ${needGb} GiB to hold image ${img.name}`);
          sourceImageId = img.id;
        }

        await reserveQuota(q, ctx.projectId, { volumes: 1, volume_gb: input.size_gb });
        await reservePool(q, datacenterId, input.size_gb);
        const host = await pickHost(q, datacenterId, volumeType.name);
        const id = newId();
        await q.query(
          `INSERT INTO ${table} (id, project_id, name, description, datacenter_id, host, size_gb, volume_type, multiattach, bootable, source_image_id, source_snapshot_id, status, created_at, updated_at)
           VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,'creating',now(),now())`,
          [
            id,
            ctx.projectId,
            input.name,
            input.description,
            datacenterId,
            host,
            input.size_gb,
            volumeType.name,
            input.multiattach,
            sourceImageId !== null || bootable,
            sourceImageId,
            sourceSnapshotId,
          ],
        );
        await transition(q, { table, resourceType: 'volume', id, projectId: ctx.projectId }, 'creating', {
          status: 'available',
          ms: durationMs('volumeCreate'),
        });
        return volumeById(q, id);
      });
    },

    async remove(ctx, id) {
      const d = await db();
      await d.tx(async (q) => {
        const v = await lockVolume(q, ctx, id);
        const attached = await q.query<{ server_id: string }>(
          'SELECT server_id FROM sim_volume_attachments WHERE volume_id = $1',
          [id],
        );
        if (attached.length)
          throw conflict(
            `volume ${label(v)} is attached to server ${attached.map((a) => a.server_id).join(', ')}; detach it first`,
          );
        requireVolumeStatus(v, 'delete');
        await refuseIfSnapshots(q, v);
        await q.query(`DELETE FROM ${table} WHERE id = $1`, [id]);
        await recordEvent(q, { resourceType: 'volume', id, projectId: v.project_id }, 'deleted');
      });
      return { pending: false };
    },

    async get(ctx, id) {
      const d = await db();
      const params: unknown[] = [id];
      const rows = await d.query<VolumeRow>(
        `SELECT * FROM ${table} t WHERE t.id = $1 AND ${scopeSql(ctx, params)}`,
        params,
      );
      if (!rows[0]) throw notFound('volume', id);
      return (await toVolumes(d, rows))[0]!;
    },

    async list(ctx, query) {
      const d = await db();
      const params: unknown[] = [];
      // Added only when used: Postgres cannot type a parameter that no expression references.
      let now: string | undefined;
      const nowSql = () => (now ??= param(params, new Date()));
      const where = [scopeSql(ctx, params)];
      if (query.name) where.push(`t.name ILIKE ${param(params, `%${query.name}%`)}`);
      if (query.status) where.push(`${effectiveStatusSql('t', nowSql())} = ${param(params, query.status)}`);
      if (query.datacenter_id) where.push(`t.datacenter_id = ${param(params, query.datacenter_id)}`);
      const { rows, total } = await listPage<VolumeRow>(d, {
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
      return { items: await toVolumes(d, rows), total };
    },

    async attach(ctx, id, input) {
      const d = await db();
      return d.tx(async (q) => {
        const v = await lockVolume(q, ctx, id);
        await settle(q, 'sim_servers', input.server_id);
        const s = (
          await q.query<{ id: string; name: string; status: string; datacenter_id: string }>(
            'SELECT id, name, status, datacenter_id FROM sim_servers WHERE id = $1 AND project_id = $2 FOR UPDATE',
            [input.server_id, v.project_id],
          )
        )[0];
        if (!s) throw invalid('server_id', `names server "${input.server_id}", which does not exist`);
        const attachments = await q.query<AttachmentRow>('SELECT * FROM sim_volume_attachments WHERE volume_id = $1', [
          id,
        ]);
        if (attachments.some((a) => a.server_id === s.id))
          throw conflict(`volume ${label(v)} is already attached to server ${s.name}`);
        if (v.status === 'in-use' && !v.multiattach)
          throw conflict(`volume ${label(v)} is in-use and not multiattach; detach it first`);
        requireVolumeStatus(v, 'attach');
        requireServerStatus(s, 'attach-volume');
        if (s.datacenter_id !== v.datacenter_id)
          throw conflict(
            `volume ${label(v)} is in datacenter ${v.datacenter_id}, server ${s.name} in ${s.datacenter_id}`,
          );

        const used = new Set(
          (
            await q.query<{ device: string }>('SELECT device FROM sim_volume_attachments WHERE server_id = $1', [s.id])
          ).map((a) => a.device),
        );
        let device = input.device;
        if (device && used.has(device)) throw conflict(`device ${device} of server ${s.name} is taken`);
        device ??= [...deviceLetters].map((l) => `/dev/vd${l}`).find((dev) => !used.has(dev));
        if (!device) throw conflict(`server ${s.name} has no free device left`);

        await q.query('INSERT INTO sim_volume_attachments (volume_id, server_id, device, mode) VALUES ($1,$2,$3,$4)', [
          id,
          s.id,
          device,
          input.mode,
        ]);
        await q.query(`UPDATE ${table} SET updated_at = now() WHERE id = $1`, [id]);
        await transition(q, ref(v), 'attaching', { status: 'in-use', ms: durationMs('volumeAttach') });
        return volumeById(q, id);
      });
    },

    async detach(ctx, id, serverId) {
      const d = await db();
      return d.tx(async (q) => {
        const v = await lockVolume(q, ctx, id);
        const attachments = await q.query<AttachmentRow>('SELECT * FROM sim_volume_attachments WHERE volume_id = $1', [
          id,
        ]);
        if (!attachments.some((a) => a.server_id === serverId))
          throw conflict(`volume ${label(v)} is not attached to server ${serverId}`);
        requireVolumeStatus(v, 'detach');
        await q.query('DELETE FROM sim_volume_attachments WHERE volume_id = $1 AND server_id = $2', [id, serverId]);
        await q.query(`UPDATE ${table} SET updated_at = now() WHERE id = $1`, [id]);
        const after = attachments.length > 1 ? 'in-use' : 'available';
        await transition(q, ref(v), 'detaching', { status: after, ms: durationMs('volumeAttach') });
        return volumeById(q, id);
      });
    },

    async listTypes() {
      return [...simVolumeTypes];
    },

    async retype(ctx, id, input) {
      const d = await db();
      return d.tx(async (q) => {
        const v = await lockVolume(q, ctx, id);
        const to = simType(input.volume_type);
        if (to.name === v.volume_type)
          throw invalid('volume_type', `volume ${label(v)} is already of type ${to.name}: name another type`);
        requireVolumeStatus(v, 'retype');
        // Each type is its own pool on the same storage host: the data moves between pools of one host, which the
        // simulator allows under either migration policy (as Cinder does within one backend).
        await q.query(
          `UPDATE ${table} SET volume_type = $2, host = regexp_replace(host, '#.*$', '') || '#' || $2, updated_at = now() WHERE id = $1`,
          [id, to.name],
        );
        await transition(q, ref(v), 'retyping', { status: v.status, ms: durationMs('volumeRetype') });
        return volumeById(q, id);
      });
    },

    async extend(ctx, id, newSizeGb) {
      const d = await db();
      return d.tx(async (q) => {
        const v = await lockVolume(q, ctx, id);
        if (newSizeGb <= v.size_gb)
          throw invalid(
            'new_size_gb',
            `must be greater than the current size of volume ${label(v)} (${v.size_gb} GiB)`,
          );
        requireVolumeStatus(v, 'extend');
        await reserveQuota(q, v.project_id, { volume_gb: newSizeGb - v.size_gb });
        await reservePool(q, v.datacenter_id, newSizeGb - v.size_gb);
        await q.query(`UPDATE ${table} SET size_gb = $2, updated_at = now() WHERE id = $1`, [id, newSizeGb]);
        await transition(q, ref(v), 'extending', { status: v.status, ms: durationMs('volumeExtend') });
        return volumeById(q, id);
      });
    },
  };
}
