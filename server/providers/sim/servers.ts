import 'server-only';
import { imageRules } from '@/lib/contract/image';
import {
  serverRules,
  type Server,
  type ServerCreateInput,
  type ServerOperation,
  type ServerStatus,
} from '@/lib/contract/server';
import { emptyStatusCounts } from '@/lib/contract/server-status-counts';
import { volumeAttachAllowed, volumeRules, type VolumeStatus } from '@/lib/contract/volume';
import { ipInCidr } from '@/lib/network/ip';
import type { Queryable } from '../../db/client';
import { conflict, invalid, notFound } from '../errors';
import type { CloudProvider, ProviderContext } from '../types';
import { hostsWithUsage, refuseDisabledHost, requireDatacenter, reserveQuota } from './compute';
import type { SimDeps } from './deps';
import { userKeyPair } from './key-pairs';
import { closeUsage, openUsage } from './usage';
import { snapshotSource } from './snapshots';
import { consoleLines } from './console-log';
import { config } from '../../config';
import { simUnsupported } from './unsupported';
import { allocatePort, type PortRow, type SubnetRow } from './ipam';
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

const table = 'sim_servers';
export type ServerRow = {
  id: string;
  project_id: string;
  name: string;
  description: string;
  flavor_id: string;
  image_id: string | null;
  host_id: string;
  datacenter_id: string;
  vcpus: number;
  ram_mb: number;
  disk_gb: number;
  status: string;
  next_status: string | null;
  settle_at: Date | null;
  metadata: Record<string, string>;
  key_name: string | null;
  created_at: Date;
  updated_at: Date;
};

/** Turns rows into contract servers with a fixed number of queries per page, whatever its size (no N+1). */
export async function toServers(q: Queryable, rows: ServerRow[]): Promise<Server[]> {
  if (!rows.length) return [];
  const ids = rows.map((r) => r.id);
  const ports = await q.query<PortRow & { floating: string | null; public_ip: string | null }>(
    `SELECT p.*,
       (SELECT fp.ip_address FROM sim_floating_ips f JOIN sim_ports fp ON fp.id = f.address_port_id WHERE f.port_id = p.id LIMIT 1) AS floating,
       (SELECT pp.ip_address FROM sim_public_ips pi JOIN sim_ports pp ON pp.id = pi.address_port_id WHERE pi.port_id = p.id LIMIT 1) AS public_ip
     FROM sim_ports p WHERE p.device_type = 'server' AND p.device_id = ANY($1) ORDER BY p.created_at, p.id`,
    [ids],
  );
  const groups = await q.query<{ server_id: string; id: string; name: string }>(
    `SELECT ssg.server_id, g.id, g.name FROM sim_server_security_groups ssg JOIN sim_security_groups g ON g.id = ssg.security_group_id
     WHERE ssg.server_id = ANY($1) ORDER BY g.name`,
    [ids],
  );
  const volumes = await q.query<{ server_id: string; volume_id: string }>(
    'SELECT server_id, volume_id FROM sim_volume_attachments WHERE server_id = ANY($1) ORDER BY device',
    [ids],
  );
  const hosts = await q.query<{ id: string; name: string }>('SELECT id, name FROM sim_hosts WHERE id = ANY($1)', [
    [...new Set(rows.map((r) => r.host_id))],
  ]);
  const hostName = new Map(hosts.map((h) => [h.id, h.name]));
  const now = Date.now();
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    description: r.description,
    project_id: r.project_id,
    flavor_id: r.flavor_id,
    image_id: r.image_id,
    volume_ids: volumes.filter((v) => v.server_id === r.id).map((v) => v.volume_id),
    addresses: ports
      .filter((p) => p.device_id === r.id)
      .map((p) => ({
        network_id: p.network_id,
        subnet_id: p.subnet_id,
        port_id: p.id,
        private_ip: p.ip_address,
        floating_ip: p.floating ?? p.public_ip ?? null,
      })),
    status: effectiveStatus(r, now) as ServerStatus,
    security_groups: groups.filter((g) => g.server_id === r.id).map((g) => ({ id: g.id, name: g.name })),
    metadata: r.metadata ?? {},
    created_at: iso(r.created_at),
    updated_at: iso(r.updated_at),
    datacenter_id: r.datacenter_id,
    host: hostName.get(r.host_id) ?? r.host_id,
    key_name: r.key_name ?? null,
  }));
}

const lockServer = (q: Queryable, ctx: ProviderContext, id: string) =>
  lockVisibleRow<ServerRow>(q, ctx, { table, kind: 'server', id, transitional: true });

/** The contract's action-by-state table decides; the 409 names the server, its status and the statuses that would do. */
export function requireServerStatus(server: { name: string; status: string }, action: ServerOperation) {
  if (!serverRules.allowed(action, server.status))
    throw conflict(serverRules.conflictMessage(action, `server ${server.name}`, server.status));
}

/** Chooses the host with the most free memory that fits the flavor in the datacenter (first-fit would pile up). */
async function schedule(
  q: Queryable,
  datacenterId: string,
  need: { vcpus: number; ram_mb: number; disk_gb: number },
  exceptHostId?: string,
) {
  const hosts = await hostsWithUsage(q, 'WHERE h.datacenter_id = $1', [datacenterId], true);
  const fits = hosts.filter(
    (h) =>
      h.status === 'enabled' &&
      h.state !== 'down' &&
      h.id !== exceptHostId &&
      h.total_vcpus - h.used_vcpus >= need.vcpus &&
      h.total_memory_mb - h.used_memory_mb >= need.ram_mb &&
      h.total_disk_gb - h.used_disk_gb >= need.disk_gb,
  );
  fits.sort((a, b) => b.total_memory_mb - b.used_memory_mb - (a.total_memory_mb - a.used_memory_mb));
  return fits[0];
}

async function getFlavor(q: Queryable, ctx: ProviderContext, id: string, field = 'flavor_id') {
  const f = (
    await q.query<{ id: string; name: string; vcpus: number; ram_mb: number; disk_gb: number; is_public: boolean }>(
      'SELECT * FROM sim_flavors WHERE id = $1',
      [id],
    )
  )[0];
  if (!f || (!f.is_public && !ctx.principal.roles.includes('admin')))
    throw invalid(field, `names flavor "${id}", which does not exist`);
  return f;
}

async function attachNetworks(
  q: Queryable,
  ctx: ProviderContext,
  serverId: string,
  name: string,
  input: ServerCreateInput,
) {
  let nets = input.networks;
  if (!nets.length) {
    const own = await q.query<{ id: string }>(
      `SELECT n.id FROM sim_networks n WHERE n.project_id = $1 AND NOT n.external AND EXISTS (SELECT 1 FROM sim_subnets s WHERE s.network_id = n.id) ORDER BY n.created_at LIMIT 1`,
      [ctx.projectId],
    );
    nets = own.map((n) => ({ network_id: n.id }));
  }
  for (const [i, n] of nets.entries()) {
    const net = (
      await q.query<{ id: string; project_id: string | null; shared: boolean; external: boolean; name: string }>(
        'SELECT * FROM sim_networks WHERE id = $1',
        [n.network_id],
      )
    )[0];
    if (!net || (net.project_id !== ctx.projectId && !net.shared))
      throw invalid(`networks.${i}.network_id`, `names network "${n.network_id}", which does not exist`);
    if (net.external)
      throw invalid(`networks.${i}.network_id`, `names external network ${net.name}; attach a floating IP instead`);
    simUnsupported.refuseIf(!!n.port_id, 'POST /servers#networks.port_id');
    const subnets = await q.query<SubnetRow>(
      'SELECT * FROM sim_subnets WHERE network_id = $1 ORDER BY created_at, id',
      [net.id],
    );
    const subnet = n.fixed_ip ? subnets.find((s) => ipInCidr(n.fixed_ip!, s.cidr)) : subnets[0];
    if (!subnet)
      throw invalid(
        `networks.${i}.${n.fixed_ip ? 'fixed_ip' : 'network_id'}`,
        n.fixed_ip
          ? `${n.fixed_ip} is in no subnet of network ${net.name} (${subnets.map((s) => s.cidr).join(', ') || 'none'})`
          : `network ${net.name} has no subnet`,
      );
    await allocatePort(
      q,
      subnet.id,
      { type: 'server', id: serverId, projectId: ctx.projectId, name },
      n.fixed_ip,
      `networks.${i}.fixed_ip`,
    );
  }
}

async function attachSecurityGroups(q: Queryable, ctx: ProviderContext, serverId: string, ids: string[]) {
  let groups = ids;
  if (!groups.length) {
    groups = (
      await q.query<{ id: string }>(
        `SELECT id FROM sim_security_groups WHERE project_id = $1 AND name = 'default' LIMIT 1`,
        [ctx.projectId],
      )
    ).map((g) => g.id);
  }
  for (const [i, id] of [...new Set(groups)].entries()) {
    const g = await q.query('SELECT id FROM sim_security_groups WHERE id = $1 AND project_id = $2', [
      id,
      ctx.projectId,
    ]);
    if (!g[0]) throw invalid(`security_group_ids.${i}`, `names security group "${id}", which does not exist`);
    await q.query('INSERT INTO sim_server_security_groups (server_id, security_group_id) VALUES ($1, $2)', [
      serverId,
      id,
    ]);
  }
}

async function attachBlockDevices(
  q: Queryable,
  ctx: ProviderContext,
  server: { id: string; datacenter_id: string; host: string },
  input: ServerCreateInput,
  imageId: string,
) {
  const devices = input.block_devices;
  const letters = 'bcdefghijklmnopqrstuvwxyz';
  const newVolumes = devices.filter((d) => d.source_type !== 'volume');
  if (newVolumes.length)
    await reserveQuota(q, ctx.projectId, {
      volumes: newVolumes.length,
      volume_gb: newVolumes.reduce((a, d) => a + (d.size_gb ?? 0), 0),
    });
  for (const [i, bd] of devices.entries()) {
    const device = `/dev/vd${letters[i] ?? 'z'}`;
    let volumeId: string;
    if (bd.source_type === 'volume') {
      await settle(q, 'sim_volumes', bd.uuid!);
      const v = (
        await q.query<{
          id: string;
          project_id: string;
          datacenter_id: string;
          status: string;
          multiattach: boolean;
          name: string;
        }>('SELECT * FROM sim_volumes WHERE id = $1 FOR UPDATE', [bd.uuid])
      )[0];
      if (!v || v.project_id !== ctx.projectId)
        throw invalid(`block_devices.${i}.uuid`, `names volume "${bd.uuid}", which does not exist`);
      if (v.datacenter_id !== server.datacenter_id)
        throw conflict(
          `volume ${v.name || v.id} is in datacenter ${v.datacenter_id}, the server in ${server.datacenter_id}`,
        );
      if (!volumeAttachAllowed({ status: v.status as VolumeStatus, multiattach: v.multiattach }))
        throw conflict(
          v.status === 'in-use'
            ? `volume ${v.name || v.id} is in-use and not multiattach`
            : volumeRules.conflictMessage('attach', `volume ${v.name || v.id}`, v.status),
        );
      volumeId = v.id;
      await transition(
        q,
        { table: 'sim_volumes', resourceType: 'volume', id: v.id, projectId: v.project_id },
        'attaching',
        { status: 'in-use', ms: durationMs('volumeAttach') },
      );
    } else {
      let fromSnapshot: { id: string; size_gb: number; bootable: boolean } | null = null;
      if (bd.source_type === 'snapshot') {
        const snap = await snapshotSource(q, ctx.projectId, bd.uuid!, `block_devices.${i}.uuid`);
        if (snap.datacenter_id !== server.datacenter_id)
          throw conflict(
            `snapshot ${snap.name || snap.id} is in datacenter ${snap.datacenter_id}, the server in ${server.datacenter_id}`,
          );
        if (bd.size_gb !== undefined && bd.size_gb < snap.size_gb)
          throw invalid(`block_devices.${i}.size_gb`, `must be at least ${snap.size_gb} GiB, the snapshot's size`);
        fromSnapshot = { id: snap.id, size_gb: snap.size_gb, bootable: snap.volume_bootable };
      }
      if (bd.source_type === 'image' && bd.uuid !== imageId) {
        const img = await q.query(
          'SELECT id FROM sim_images WHERE id = $1 AND status = $2 AND (visibility = $3 OR owner = $4)',
          [bd.uuid, 'active', 'public', ctx.projectId],
        );
        if (!img[0])
          throw invalid(`block_devices.${i}.uuid`, `names image "${bd.uuid}", which does not exist or is not active`);
      }
      volumeId = newId();
      const now = new Date();
      await q.query(
        `INSERT INTO sim_volumes (id, project_id, name, description, datacenter_id, host, size_gb, volume_type, multiattach, bootable, source_image_id, source_snapshot_id, status, created_at, updated_at)
         VALUES ($1,$2,$3,'',$4,$5,$6,'standard',false,$7,$8,$10,'creating',$9,$9)`,
        [
          volumeId,
          ctx.projectId,
          bd.name ?? `${input.name}-disk-${i}`,
          server.datacenter_id,
          `${server.host}@lvm`,
          bd.size_gb ?? fromSnapshot?.size_gb ?? 1,
          bd.source_type === 'image' || (fromSnapshot?.bootable ?? false),
          bd.source_type === 'image' ? bd.uuid : null,
          now,
          fromSnapshot?.id ?? null,
        ],
      );
      await transition(
        q,
        { table: 'sim_volumes', resourceType: 'volume', id: volumeId, projectId: ctx.projectId },
        'attaching',
        { status: 'in-use', ms: durationMs('volumeCreate') },
      );
    }
    await q.query(
      'INSERT INTO sim_volume_attachments (volume_id, server_id, device, mode, delete_on_termination) VALUES ($1,$2,$3,$4,$5)',
      [volumeId, server.id, device, 'rw', bd.source_type !== 'volume'],
    );
  }
}

async function serverById(q: Queryable, id: string): Promise<Server> {
  const rows = await q.query<ServerRow>(`SELECT * FROM ${table} WHERE id = $1`, [id]);
  if (!rows[0]) throw notFound('server', id);
  const [s] = await toServers(q, rows);
  return s!;
}

export function simServers({ db }: SimDeps): CloudProvider['servers'] {
  /** A state change on one server: lock, check the state, move it, answer the new view. */
  async function act(
    ctx: ProviderContext,
    id: string,
    action: ServerOperation,
    status: string,
    next: { status: string; ms: number } | null,
    extra?: (q: Queryable, s: ServerRow) => Promise<void>,
  ) {
    const d = await db();
    return d.tx(async (q) => {
      const s = await lockServer(q, ctx, id);
      requireServerStatus(s, action);
      if (extra) await extra(q, s);
      await q.query(`UPDATE ${table} SET updated_at = now() WHERE id = $1`, [id]);
      await transition(q, { table, resourceType: 'server', id, projectId: s.project_id }, status, next);
      return serverById(q, id);
    });
  }

  return {
    async consoleLog(ctx, id, lines) {
      const d = await db();
      const params: unknown[] = [id];
      const [row] = await d.query<ServerRow & { image_name: string | null }>(
        `SELECT t.*, i.name AS image_name FROM ${table} t LEFT JOIN sim_images i ON i.id = t.image_id
         WHERE t.id = $1 AND ${scopeSql(ctx, params)}`,
        params,
      );
      if (!row) throw notFound('server', id);
      const [events, ports] = await Promise.all([
        d.query<{ at: Date; status: string }>(
          "SELECT at, status FROM events WHERE resource_id = $1 AND resource_type = 'server' ORDER BY at",
          [id],
        ),
        d.query<{ ip_address: string }>(
          "SELECT ip_address FROM sim_ports WHERE device_type = 'server' AND device_id = $1 ORDER BY created_at, id",
          [id],
        ),
      ]);
      const all = consoleLines(
        {
          id: row.id,
          name: row.name,
          vcpus: row.vcpus,
          ram_mb: row.ram_mb,
          disk_gb: row.disk_gb,
          image_name: row.image_name,
          key_name: row.key_name,
          addresses: ports.map((p) => p.ip_address),
          created_at: new Date(row.created_at),
        },
        events.map((e) => ({ at: new Date(e.at), status: e.status })),
        Date.now(),
        1000 / config().SIM_SPEED,
      );
      return all.slice(-lines).join('\n');
    },

    async create(ctx, input) {
      const d = await db();
      return d.tx(async (q) => {
        const flavor = await getFlavor(q, ctx, input.flavor_id);
        const image = (
          await q.query<{
            id: string;
            status: string;
            visibility: string;
            owner: string;
            min_ram_mb: number;
            min_disk_gb: number;
            name: string;
          }>('SELECT * FROM sim_images WHERE id = $1', [input.image_id])
        )[0];
        if (!image || (image.visibility !== 'public' && image.owner !== ctx.projectId))
          throw invalid('image_id', `names image "${input.image_id}", which does not exist`);
        await settle(q, 'sim_images', image.id);
        const imageStatus = (
          await q.query<{ status: string }>('SELECT status FROM sim_images WHERE id = $1', [image.id])
        )[0]?.status;
        if (!imageRules.allowed('launch', imageStatus ?? ''))
          throw conflict(imageRules.conflictMessage('launch', `image ${image.name}`, imageStatus ?? 'gone'));
        if (flavor.ram_mb < image.min_ram_mb)
          throw invalid(
            'flavor_id',
            `flavor ${flavor.name} has ${flavor.ram_mb} MiB of RAM; image ${image.name} needs at least ${image.min_ram_mb} MiB`,
          );
        const bootGb = input.block_devices.find((b) => b.boot_index === 0)?.size_gb ?? flavor.disk_gb;
        if (bootGb < image.min_disk_gb)
          throw invalid(
            'flavor_id',
            `the boot disk has ${bootGb} GiB; image ${image.name} needs at least ${image.min_disk_gb} GiB`,
          );

        let datacenterId = input.datacenter_id;
        // A pinned host (administrators) decides the datacenter when none is named, and must be able to take it.
        const pinned = input.host
          ? (
              await q.query<{ id: string; datacenter_id: string }>(
                'SELECT id, datacenter_id FROM sim_hosts WHERE name = $1 OR id = $1',
                [input.host],
              )
            )[0]
          : undefined;
        if (input.host && !pinned) throw invalid('host', `names host "${input.host}", which does not exist`);
        if (pinned && datacenterId && pinned.datacenter_id !== datacenterId)
          throw invalid('host', `host ${input.host} is in datacenter ${pinned.datacenter_id}, not ${datacenterId}`);
        datacenterId ??= pinned?.datacenter_id;
        if (datacenterId)
          await requireDatacenter(q, datacenterId).catch(() => {
            throw invalid('datacenter_id', `names datacenter "${datacenterId}", which does not exist`);
          });
        else
          datacenterId = (
            await q.query<{ id: string }>(
              `SELECT id FROM sim_datacenters WHERE status = 'available' ORDER BY name LIMIT 1`,
            )
          )[0]?.id;
        if (!datacenterId) throw conflict('no datacenter is available');

        // The key pair is the signed-in user's own (as in Nova): another user's is no key pair of theirs.
        if (input.key_name !== undefined && !(await userKeyPair(q, ctx, input.key_name)))
          throw invalid('key_name', `names key pair "${input.key_name}", which does not exist`);
        await reserveQuota(q, ctx.projectId, { instances: 1, vcpus: flavor.vcpus, ram_mb: flavor.ram_mb });
        let host = pinned ? (await hostsWithUsage(q, 'WHERE h.id = $1', [pinned.id], true))[0] : undefined;
        if (host) {
          refuseDisabledHost(host, `server ${input.name} cannot be placed on it`);
          if (
            host.total_vcpus - host.used_vcpus < flavor.vcpus ||
            host.total_memory_mb - host.used_memory_mb < flavor.ram_mb ||
            host.total_disk_gb - host.used_disk_gb < flavor.disk_gb
          )
            throw conflict(`host ${host.name} has no room for flavor ${flavor.name}`);
        } else host = await schedule(q, datacenterId, flavor);
        if (!host)
          throw conflict(
            `no host in datacenter ${datacenterId} has room for flavor ${flavor.name} (${flavor.vcpus} vCPU, ${flavor.ram_mb} MiB RAM, ${flavor.disk_gb} GiB disk)`,
          );

        const id = newId();
        const now = new Date();
        await q.query(
          `INSERT INTO ${table} (id, project_id, name, description, flavor_id, image_id, host_id, datacenter_id, vcpus, ram_mb, disk_gb, status, metadata, user_data, key_name, created_at, updated_at)
           VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,'building',$12,$13,$15,$14,$14)`,
          [
            id,
            ctx.projectId,
            input.name,
            input.description,
            flavor.id,
            image.id,
            host.id,
            datacenterId,
            flavor.vcpus,
            flavor.ram_mb,
            flavor.disk_gb,
            JSON.stringify(input.metadata),
            input.user_data ?? null,
            now,
            input.key_name ?? null,
          ],
        );
        const sizes = { vcpus: flavor.vcpus, ram_mb: flavor.ram_mb, disk_gb: flavor.disk_gb };
        await openUsage(q, { id, project_id: ctx.projectId, datacenter_id: datacenterId, ...sizes }, now);
        await attachNetworks(q, ctx, id, input.name, input);
        await attachSecurityGroups(q, ctx, id, input.security_group_ids);
        await attachBlockDevices(q, ctx, { id, datacenter_id: datacenterId, host: host.name }, input, image.id);
        await transition(q, { table, resourceType: 'server', id, projectId: ctx.projectId }, 'building', {
          status: 'active',
          ms: durationMs('serverBuild'),
        });
        return serverById(q, id);
      });
    },

    async remove(ctx, id) {
      const d = await db();
      await d.tx(async (q) => {
        const s = await lockServer(q, ctx, id);
        requireServerStatus(s, 'delete');
        // What the server held goes back: volumes detach, addresses and their floating/public IPs are released.
        const attached = await q.query<{ volume_id: string; delete_on_termination: boolean }>(
          'SELECT volume_id, delete_on_termination FROM sim_volume_attachments WHERE server_id = $1',
          [id],
        );
        await q.query('DELETE FROM sim_volume_attachments WHERE server_id = $1', [id]);
        for (const { volume_id, delete_on_termination } of attached) {
          const left = await q.query('SELECT 1 FROM sim_volume_attachments WHERE volume_id = $1', [volume_id]);
          // A disk made for the server goes with it (Nova's delete_on_termination), unless snapshots hold it (as
          // Cinder refuses that deletion): then it stays, available, like a volume attached at boot.
          const held =
            !left[0] &&
            delete_on_termination &&
            (await q.query('SELECT 1 FROM sim_volume_snapshots WHERE volume_id = $1 LIMIT 1', [volume_id])).length > 0;
          if (!left[0] && delete_on_termination && !held) {
            const [gone] = await q.query<{ project_id: string }>(
              'DELETE FROM sim_volumes WHERE id = $1 RETURNING project_id',
              [volume_id],
            );
            if (gone)
              await recordEvent(q, { resourceType: 'volume', id: volume_id, projectId: gone.project_id }, 'deleted');
          } else if (!left[0])
            await q.query(
              `UPDATE sim_volumes SET status = 'available', next_status = NULL, settle_at = NULL WHERE id = $1`,
              [volume_id],
            );
        }
        await q.query(
          `UPDATE sim_floating_ips SET port_id = NULL WHERE port_id IN (SELECT id FROM sim_ports WHERE device_type = 'server' AND device_id = $1)`,
          [id],
        );
        await q.query(
          `UPDATE sim_public_ips SET port_id = NULL WHERE port_id IN (SELECT id FROM sim_ports WHERE device_type = 'server' AND device_id = $1)`,
          [id],
        );
        await q.query(
          `UPDATE sim_load_balancers SET members = COALESCE((SELECT jsonb_agg(m) FROM jsonb_array_elements(members) m WHERE m->>'id' <> $1), '[]'::jsonb)
           WHERE members @> jsonb_build_array(jsonb_build_object('id', $1::text))`,
          [id],
        );
        await q.query(`DELETE FROM sim_ports WHERE device_type = 'server' AND device_id = $1`, [id]);
        await q.query(`DELETE FROM ${table} WHERE id = $1`, [id]);
        const at = new Date();
        await closeUsage(q, id, at);
        await recordEvent(q, { resourceType: 'server', id, projectId: s.project_id }, 'deleted', at);
      });
      return { pending: false };
    },

    async get(ctx, id) {
      const d = await db();
      const params: unknown[] = [id];
      const rows = await d.query<ServerRow>(
        `SELECT * FROM ${table} t WHERE t.id = $1 AND ${scopeSql(ctx, params)}`,
        params,
      );
      if (!rows[0]) throw notFound('server', id);
      return (await toServers(d, rows))[0]!;
    },

    async list(ctx, query) {
      const d = await db();
      const params: unknown[] = [];
      const now = param(params, new Date());
      const where = [scopeSql(ctx, params)];
      if (query.name) where.push(`t.name ILIKE ${param(params, `%${query.name}%`)}`);
      if (query.status) where.push(`${effectiveStatusSql('t', now)} = ${param(params, query.status)}`);
      if (query.datacenter_id) where.push(`t.datacenter_id = ${param(params, query.datacenter_id)}`);
      if (query.host) where.push(`t.host_id IN (SELECT id FROM sim_hosts WHERE name = ${param(params, query.host)})`);
      const { rows, total } = await listPage<ServerRow>(d, {
        from: `${table} t`,
        where,
        params,
        sortable: {
          name: 't.name',
          status: effectiveStatusSql('t', now),
          created_at: 't.created_at',
          datacenter_id: 't.datacenter_id',
        },
        defaultSort: 't.created_at DESC, t.id ASC',
        sort: query.sort,
        limit: query.limit,
        offset: query.offset,
      });
      return { items: await toServers(d, rows), total };
    },

    async countByStatus(ctx) {
      // The list's status filter compares the same derived status (a settled transition counts as its next status).
      const d = await db();
      const params: unknown[] = [];
      const now = param(params, new Date());
      const status = effectiveStatusSql('t', now);
      const rows = await d.query<{ status: string; n: number | string }>(
        `SELECT ${status} AS status, count(*) AS n FROM ${table} t WHERE ${scopeSql(ctx, params)} GROUP BY 1`,
        params,
      );
      const counts = emptyStatusCounts();
      for (const r of rows) if (r.status in counts) counts[r.status as ServerStatus] = Number(r.n);
      return counts;
    },

    async update(ctx, id, input) {
      const d = await db();
      return d.tx(async (q) => {
        const s = await lockServer(q, ctx, id);
        requireServerStatus(s, 'update');
        await q.query(`UPDATE ${table} SET name = $2, description = $3, updated_at = now() WHERE id = $1`, [
          id,
          input.name ?? s.name,
          input.description ?? s.description,
        ]);
        await q.query(`UPDATE sim_ports SET name = $2 WHERE device_type = 'server' AND device_id = $1`, [
          id,
          input.name ?? s.name,
        ]);
        return serverById(q, id);
      });
    },

    start: (ctx, id) => act(ctx, id, 'start', 'active', null),
    stop: (ctx, id) => act(ctx, id, 'stop', 'stopped', null),
    reboot: (ctx, id, type) =>
      act(ctx, id, type === 'hard' ? 'reboot-hard' : 'reboot-soft', 'rebooting', {
        status: 'active',
        ms: durationMs('serverReboot') * (type === 'hard' ? 2 : 1),
      }),

    async liveMigrate(ctx, id, hostName) {
      let targetId = '';
      return act(
        ctx,
        id,
        'live-migrate',
        'migrating',
        { status: 'active', ms: durationMs('serverMigrate') },
        async (q, s) => {
          const target = (
            await q.query<{ id: string; name: string; datacenter_id: string }>(
              'SELECT * FROM sim_hosts WHERE name = $1 OR id = $1',
              [hostName],
            )
          )[0];
          if (!target) throw conflict(`host ${hostName} is not a known compute host`);
          if (target.id === s.host_id) throw conflict(`server ${s.name} already runs on host ${target.name}`);
          if (target.datacenter_id !== s.datacenter_id)
            throw conflict(
              `host ${target.name} is in datacenter ${target.datacenter_id}; server ${s.name} is in ${s.datacenter_id}`,
            );
          const [h] = await hostsWithUsage(q, 'WHERE h.id = $1', [target.id], true);
          if (h) refuseDisabledHost(h, `server ${s.name} cannot be live-migrated to it`);
          if (
            !h ||
            h.total_vcpus - h.used_vcpus < s.vcpus ||
            h.total_memory_mb - h.used_memory_mb < s.ram_mb ||
            h.total_disk_gb - h.used_disk_gb < s.disk_gb
          )
            throw conflict(
              `host ${target.name} has no room for server ${s.name} (${s.vcpus} vCPU, ${s.ram_mb} MiB RAM)`,
            );
          targetId = target.id;
          await q.query(`UPDATE ${table} SET host_id = $2 WHERE id = $1`, [id, targetId]);
        },
      );
    },

    async resize(ctx, id, flavorId) {
      return act(ctx, id, 'resize', 'resizing', { status: 'active', ms: durationMs('serverResize') }, async (q, s) => {
        const flavor = await getFlavor(q, ctx, flavorId);
        if (flavor.id === s.flavor_id) throw conflict(`server ${s.name} already has flavor ${flavor.name}`);
        const image = s.image_id
          ? (
              await q.query<{ min_ram_mb: number; min_disk_gb: number }>(
                'SELECT min_ram_mb, min_disk_gb FROM sim_images WHERE id = $1',
                [s.image_id],
              )
            )[0]
          : undefined;
        if (image && flavor.ram_mb < image.min_ram_mb)
          throw invalid(
            'flavor_id',
            `flavor ${flavor.name} has less RAM than the image needs (${image.min_ram_mb} MiB)`,
          );
        if (flavor.disk_gb < s.disk_gb)
          throw invalid(
            'flavor_id',
            `flavor ${flavor.name} has a smaller disk (${flavor.disk_gb} GiB) than the server's ${s.disk_gb} GiB; disks cannot shrink`,
          );
        await reserveQuota(q, s.project_id, { vcpus: flavor.vcpus - s.vcpus, ram_mb: flavor.ram_mb - s.ram_mb });
        // Stay on the host when it has room for the difference, else move to one that has room for the whole.
        const [h] = await hostsWithUsage(q, 'WHERE h.id = $1', [s.host_id], true);
        let hostId = s.host_id;
        if (
          !h ||
          h.total_vcpus - h.used_vcpus < flavor.vcpus - s.vcpus ||
          h.total_memory_mb - h.used_memory_mb < flavor.ram_mb - s.ram_mb ||
          h.total_disk_gb - h.used_disk_gb < flavor.disk_gb - s.disk_gb
        ) {
          const other = await schedule(q, s.datacenter_id, flavor, s.host_id);
          if (!other) throw conflict(`no host in datacenter ${s.datacenter_id} has room for flavor ${flavor.name}`);
          hostId = other.id;
        }
        await q.query(
          `UPDATE ${table} SET flavor_id = $2, vcpus = $3, ram_mb = $4, disk_gb = $5, host_id = $6 WHERE id = $1`,
          [id, flavor.id, flavor.vcpus, flavor.ram_mb, flavor.disk_gb, hostId],
        );
        // The new flavor is held from the resize on (its quota is reserved now): the history switches here.
        const at = new Date();
        await closeUsage(q, id, at);
        const sizes = { vcpus: flavor.vcpus, ram_mb: flavor.ram_mb, disk_gb: flavor.disk_gb };
        await openUsage(q, { id, project_id: s.project_id, datacenter_id: s.datacenter_id, ...sizes }, at);
      });
    },
  };
}
