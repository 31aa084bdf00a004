import 'server-only';
import type { FloatingIp } from '@/lib/contract/floating-ip';
import { canonicalIp, ipInCidr, parseIp } from '@/lib/network/ip';
import type { Queryable } from '../../db/client';
import { conflict, invalid, notFound } from '../errors';
import type { CloudProvider, ProviderContext } from '../types';
import { reserveQuota } from './compute';
import type { SimDeps } from './deps';
import { allocatePort, isSubnetFull, type PortRow, type SubnetRow } from './ipam';
import { effectiveStatus, iso, listPage, lockVisibleRow, newId, param, recordEvent, scopeSql } from './state';

const table = 'sim_floating_ips';
type FloatingIpRow = {
  id: string;
  project_id: string;
  address_port_id: string;
  external_network_id: string;
  port_id: string | null;
  description: string;
  created_at: Date;
};
type BoundPort = PortRow & {
  server_status: string | null;
  server_next_status: string | null;
  server_settle_at: Date | null;
};

const statusSql = `(CASE WHEN t.port_id IS NULL THEN 'DOWN' ELSE 'ACTIVE' END)`;

/** Floating IPs with their addresses and bound ports in two queries, whatever the page size. */
async function toFloatingIps(q: Queryable, rows: FloatingIpRow[]): Promise<FloatingIp[]> {
  if (!rows.length) return [];
  const portIds = rows.flatMap((r) => (r.port_id ? [r.address_port_id, r.port_id] : [r.address_port_id]));
  const ports = await q.query<BoundPort>(
    `SELECT p.*, s.status AS server_status, s.next_status AS server_next_status, s.settle_at AS server_settle_at
     FROM sim_ports p LEFT JOIN sim_servers s ON p.device_type = 'server' AND s.id = p.device_id WHERE p.id = ANY($1)`,
    [portIds],
  );
  const byId = new Map(ports.map((p) => [p.id, p]));
  const now = Date.now();
  return rows.map((r) => {
    const bound = r.port_id ? byId.get(r.port_id) : undefined;
    // Like Neutron, a port is up while its device runs.
    const serverUp =
      bound?.server_status &&
      effectiveStatus(
        { status: bound.server_status, next_status: bound.server_next_status, settle_at: bound.server_settle_at },
        now,
      ) === 'active';
    return {
      id: r.id,
      project_id: r.project_id,
      floating_ip_address: byId.get(r.address_port_id)?.ip_address ?? '',
      fixed_ip_address: bound?.ip_address ?? null,
      external_network_id: r.external_network_id,
      port_id: r.port_id,
      status: r.port_id ? 'ACTIVE' : 'DOWN',
      description: r.description,
      port_details: bound
        ? {
            status: serverUp ? 'ACTIVE' : 'DOWN',
            name: bound.name,
            network_id: bound.network_id,
            device_id: bound.device_id,
            mac_address: bound.mac_address,
          }
        : null,
      created_at: iso(r.created_at),
    };
  });
}

const lockFloatingIp = (q: Queryable, ctx: ProviderContext, id: string) =>
  lockVisibleRow<FloatingIpRow>(q, ctx, { table, kind: 'floating IP', id });

async function floatingIpById(q: Queryable, id: string): Promise<FloatingIp> {
  const rows = await q.query<FloatingIpRow>(`SELECT * FROM ${table} WHERE id = $1`, [id]);
  if (!rows[0]) throw notFound('floating IP', id);
  return (await toFloatingIps(q, rows))[0]!;
}

/**
 * Checks that an address may be given to a server port: the port belongs to a server of the same project,
 * and holds no floating or public IP yet (one outside address per port, as Neutron has it).
 */
export async function requireFreeServerPort(q: Queryable, port: PortRow, exceptFloatingIpId?: string) {
  const [f] = await q.query<{ ip_address: string }>(
    `SELECT ap.ip_address FROM sim_floating_ips f JOIN sim_ports ap ON ap.id = f.address_port_id WHERE f.port_id = $1 AND f.id <> $2`,
    [port.id, exceptFloatingIpId ?? ''],
  );
  if (f)
    throw conflict(
      `port ${port.id} (${port.ip_address} of server ${port.name}) already has floating IP ${f.ip_address}`,
    );
  const [p] = await q.query<{ ip_address: string }>(
    `SELECT ap.ip_address FROM sim_public_ips pi JOIN sim_ports ap ON ap.id = pi.address_port_id WHERE pi.port_id = $1`,
    [port.id],
  );
  if (p)
    throw conflict(`port ${port.id} (${port.ip_address} of server ${port.name}) already has public IP ${p.ip_address}`);
}

async function bindPort(q: Queryable, fip: FloatingIpRow, portId: string, fixedIp: string | undefined) {
  const port = (await q.query<PortRow>('SELECT * FROM sim_ports WHERE id = $1 FOR UPDATE', [portId]))[0];
  if (!port || port.device_type !== 'server' || port.project_id !== fip.project_id)
    throw invalid('port_id', `names port "${portId}", which is not a server port of this project`);
  if (parseIp(port.ip_address)?.version !== 4)
    throw invalid('port_id', `port ${portId} has no IPv4 address; floating IPs are IPv4 only`);
  if (fixedIp !== undefined && canonicalIp(fixedIp) !== port.ip_address)
    throw invalid('fixed_ip_address', `${fixedIp} is not an address of port ${portId} (it has ${port.ip_address})`);
  await requireFreeServerPort(q, port, fip.id);
  await q.query(`UPDATE ${table} SET port_id = $2 WHERE id = $1`, [fip.id, port.id]);
}

export function simFloatingIps({ db }: SimDeps): CloudProvider['floatingIps'] {
  return {
    async create(ctx, input) {
      const d = await db();
      return d.tx(async (q) => {
        const net = (
          await q.query<{ id: string; name: string; external: boolean }>('SELECT * FROM sim_networks WHERE id = $1', [
            input.external_network_id,
          ])
        )[0];
        if (!net)
          throw invalid('external_network_id', `names network "${input.external_network_id}", which does not exist`);
        if (!net.external) throw invalid('external_network_id', `names network ${net.name}, which is not external`);
        const subnets = await q.query<SubnetRow>(
          'SELECT * FROM sim_subnets WHERE network_id = $1 ORDER BY created_at, id',
          [net.id],
        );
        let candidates: SubnetRow[];
        if (input.subnet_id) {
          const s = subnets.find((x) => x.id === input.subnet_id);
          if (!s)
            throw invalid(
              'subnet_id',
              `names subnet "${input.subnet_id}", which is not a subnet of external network ${net.name}`,
            );
          candidates = [s];
        } else if (input.floating_ip_address) {
          const s = subnets.find((x) => ipInCidr(input.floating_ip_address!.trim(), x.cidr));
          if (!s)
            throw invalid(
              'floating_ip_address',
              `${input.floating_ip_address} is in no subnet of external network ${net.name} (${subnets.map((x) => x.cidr).join(', ') || 'none'})`,
            );
          candidates = [s];
        } else {
          candidates = subnets.filter((s) => Number(s.ip_version) === 4);
          if (!candidates.length)
            throw conflict(`external network ${net.name} has no IPv4 subnet to take a floating IP from`);
        }
        if (candidates.some((s) => Number(s.ip_version) !== 4))
          throw invalid(
            input.subnet_id ? 'subnet_id' : 'floating_ip_address',
            'floating IPs are IPv4 only; use a public IP for an IPv6 address',
          );
        await reserveQuota(q, ctx.projectId, { floating_ips: 1 });

        const id = newId();
        let address: PortRow | undefined;
        for (const s of candidates) {
          try {
            address = await allocatePort(
              q,
              s.id,
              { type: 'floating_ip', id, projectId: ctx.projectId },
              input.floating_ip_address?.trim(),
              'floating_ip_address',
            );
            break;
          } catch (e) {
            // A full subnet is no failure while another one of the network has room.
            if (!isSubnetFull(e) || input.floating_ip_address) throw e;
          }
        }
        if (!address) throw conflict(`external network ${net.name} has no free address left`);
        await q.query(
          `INSERT INTO ${table} (id, project_id, address_port_id, external_network_id, port_id, description, created_at) VALUES ($1,$2,$3,$4,NULL,$5,now())`,
          [id, ctx.projectId, address.id, net.id, input.description],
        );
        const row = (await q.query<FloatingIpRow>(`SELECT * FROM ${table} WHERE id = $1`, [id]))[0]!;
        if (input.port_id) await bindPort(q, row, input.port_id, input.fixed_ip_address);
        await recordEvent(
          q,
          { resourceType: 'floating_ip', id, projectId: ctx.projectId },
          input.port_id ? 'ACTIVE' : 'DOWN',
        );
        return floatingIpById(q, id);
      });
    },

    async remove(ctx, id) {
      const d = await db();
      await d.tx(async (q) => {
        const fip = await lockFloatingIp(q, ctx, id);
        await q.query(`DELETE FROM ${table} WHERE id = $1`, [id]);
        await q.query('DELETE FROM sim_ports WHERE id = $1', [fip.address_port_id]);
        await recordEvent(q, { resourceType: 'floating_ip', id, projectId: fip.project_id }, 'deleted');
      });
    },

    async update(ctx, id, input) {
      const d = await db();
      return d.tx(async (q) => {
        const fip = await lockFloatingIp(q, ctx, id);
        if (input.description !== undefined)
          await q.query(`UPDATE ${table} SET description = $2 WHERE id = $1`, [id, input.description]);
        if (input.port_id === null) await q.query(`UPDATE ${table} SET port_id = NULL WHERE id = $1`, [id]);
        else if (input.port_id !== undefined) await bindPort(q, fip, input.port_id, input.fixed_ip_address);
        if (input.port_id !== undefined && input.port_id !== fip.port_id)
          await recordEvent(
            q,
            { resourceType: 'floating_ip', id, projectId: fip.project_id },
            input.port_id ? 'ACTIVE' : 'DOWN',
          );
        return floatingIpById(q, id);
      });
    },

    async get(ctx, id) {
      const d = await db();
      const params: unknown[] = [id];
      const rows = await d.query<FloatingIpRow>(
        `SELECT * FROM ${table} t WHERE t.id = $1 AND ${scopeSql(ctx, params)}`,
        params,
      );
      if (!rows[0]) throw notFound('floating IP', id);
      return (await toFloatingIps(d, rows))[0]!;
    },

    async list(ctx, query) {
      const d = await db();
      const params: unknown[] = [];
      const where = [scopeSql(ctx, params)];
      if (query.status) where.push(`${statusSql} = ${param(params, query.status)}`);
      // Floating IPs have no name: the name filter matches the address or the description.
      if (query.name) {
        const p = param(params, `%${query.name}%`);
        where.push(`(ap.ip_address ILIKE ${p} OR t.description ILIKE ${p})`);
      }
      const { rows, total } = await listPage<FloatingIpRow>(d, {
        from: `${table} t JOIN sim_ports ap ON ap.id = t.address_port_id`,
        where,
        params,
        sortable: { floating_ip_address: 'ap.ip_address::inet', status: statusSql, created_at: 't.created_at' },
        defaultSort: 't.created_at DESC, t.id ASC',
        sort: query.sort,
        limit: query.limit,
        offset: query.offset,
      });
      return { items: await toFloatingIps(d, rows), total };
    },
  };
}
