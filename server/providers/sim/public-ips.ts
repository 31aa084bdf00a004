import 'server-only';
import { publicIpRules, type PublicIp, type PublicIpBindInput, type PublicIpStatus } from '@/lib/contract/public-ip';
import { canonicalIp, parseIp } from '@/lib/network/ip';
import type { Queryable } from '../../db/client';
import { conflict, invalid, notFound } from '../errors';
import type { CloudProvider, ProviderContext } from '../types';
import { reserveQuota } from './compute';
import type { SimDeps } from './deps';
import { requireFreeServerPort } from './floating-ips';
import { allocatePort, isSubnetFull, type PortRow, type SubnetRow } from './ipam';
import { iso, listPage, newId, param, recordEvent, scopeSql } from './state';

const table = 'sim_public_ips';
type PublicIpRow = {
  id: string;
  project_id: string;
  name: string;
  address_port_id: string;
  ip_version: number;
  port_id: string | null;
  created_at: Date;
};

const statusSql = `(CASE WHEN t.port_id IS NULL THEN 'available' ELSE 'bound' END)`;
/** The simulator's public IP is bound exactly when it has a port (it never fails into error). */
const statusOf = (r: { port_id: string | null }): PublicIpStatus => (r.port_id ? 'bound' : 'available');

/** Public IPs with their addresses and bound ports in one query, whatever the page size. */
async function toPublicIps(q: Queryable, rows: PublicIpRow[]): Promise<PublicIp[]> {
  if (!rows.length) return [];
  const ports = await q.query<PortRow>('SELECT * FROM sim_ports WHERE id = ANY($1)', [
    rows.flatMap((r) => (r.port_id ? [r.address_port_id, r.port_id] : [r.address_port_id])),
  ]);
  const byId = new Map(ports.map((p) => [p.id, p]));
  return rows.map((r) => {
    const bound = r.port_id ? byId.get(r.port_id) : undefined;
    return {
      id: r.id,
      project_id: r.project_id,
      name: r.name,
      ip_address: byId.get(r.address_port_id)?.ip_address ?? '',
      status: statusOf(r),
      ip_version: Number(r.ip_version) === 6 ? 6 : 4,
      server_id: bound?.device_id ?? null,
      private_ip: bound?.ip_address ?? null,
      created_at: iso(r.created_at),
    };
  });
}

async function lockPublicIp(q: Queryable, ctx: ProviderContext, id: string) {
  const params: unknown[] = [id];
  const rows = await q.query<PublicIpRow & { ip_address: string }>(
    `SELECT t.*, ap.ip_address FROM ${table} t JOIN sim_ports ap ON ap.id = t.address_port_id WHERE t.id = $1 AND ${scopeSql(ctx, params)} FOR UPDATE OF t`,
    params,
  );
  if (!rows[0]) throw notFound('public IP', id);
  return rows[0];
}

async function publicIpById(q: Queryable, id: string): Promise<PublicIp> {
  const rows = await q.query<PublicIpRow>(`SELECT * FROM ${table} WHERE id = $1`, [id]);
  if (!rows[0]) throw notFound('public IP', id);
  return (await toPublicIps(q, rows))[0]!;
}

/** The server port B.48 names, by server (its address of the public IP's version) or by private address. */
async function targetPort(
  q: Queryable,
  projectId: string,
  version: number,
  input: PublicIpBindInput,
): Promise<PortRow> {
  if (input.server_id !== undefined) {
    const server = (
      await q.query<{ id: string; name: string }>(
        'SELECT id, name FROM sim_servers WHERE id = $1 AND project_id = $2',
        [input.server_id, projectId],
      )
    )[0];
    if (!server) throw invalid('server_id', `names server "${input.server_id}", which does not exist`);
    const ports = await q.query<PortRow>(
      `SELECT * FROM sim_ports WHERE device_type = 'server' AND device_id = $1 ORDER BY created_at, id`,
      [server.id],
    );
    const port = ports.find((p) => parseIp(p.ip_address)?.version === version);
    if (!port)
      throw conflict(`server ${server.name} has no IPv${version} address to bind an IPv${version} public IP to`);
    return port;
  }
  const ip = canonicalIp(input.private_ip ?? '');
  if (!ip) throw invalid('private_ip', `"${input.private_ip}" is not an IP address`);
  if (parseIp(ip)?.version !== version)
    throw invalid('private_ip', `${ip} is not an IPv${version} address, as the public IP is`);
  const ports = await q.query<PortRow>(
    `SELECT * FROM sim_ports WHERE device_type = 'server' AND project_id = $1 AND ip_address = $2 ORDER BY created_at, id`,
    [projectId, ip],
  );
  if (!ports[0]) throw invalid('private_ip', `${ip} is not the address of a server in this project`);
  // Overlapping subnets on separate networks may give two servers one address: only server_id can tell them apart.
  if (ports.length > 1)
    throw invalid(
      'private_ip',
      `${ip} is the address of several servers (${ports.map((p) => p.name).join(', ')}); give server_id instead`,
    );
  return ports[0];
}

export function simPublicIps({ db }: SimDeps): CloudProvider['publicIps'] {
  return {
    async create(ctx, input) {
      const d = await db();
      return d.tx(async (q) => {
        const subnets = await q.query<SubnetRow>(
          `SELECT s.* FROM sim_subnets s JOIN sim_networks n ON n.id = s.network_id WHERE n.external AND s.ip_version = $1 ORDER BY n.created_at, s.created_at, s.id`,
          [input.ip_version],
        );
        if (!subnets.length) throw conflict(`no external network offers IPv${input.ip_version} addresses`);
        await reserveQuota(q, ctx.projectId, { public_ips: 1 });
        const id = newId();
        let address: PortRow | undefined;
        for (const s of subnets) {
          try {
            address = await allocatePort(q, s.id, {
              type: 'public_ip',
              id,
              projectId: ctx.projectId,
              name: input.name,
            });
            break;
          } catch (e) {
            // A full subnet is no failure while another external subnet has room.
            if (!isSubnetFull(e)) throw e;
          }
        }
        if (!address) throw conflict(`the external networks have no free IPv${input.ip_version} address left`);
        await q.query(
          `INSERT INTO ${table} (id, project_id, name, address_port_id, ip_version, port_id, created_at) VALUES ($1,$2,$3,$4,$5,NULL,now())`,
          [id, ctx.projectId, input.name, address.id, input.ip_version],
        );
        await recordEvent(q, { resourceType: 'public_ip', id, projectId: ctx.projectId }, 'available');
        return publicIpById(q, id);
      });
    },

    async bind(ctx, id, input) {
      const d = await db();
      return d.tx(async (q) => {
        const pip = await lockPublicIp(q, ctx, id);
        // The contract's table decides; the 409 names what it is bound to rather than just "bound".
        if (!publicIpRules.allowed('bind', statusOf(pip))) {
          const bound = pip.port_id
            ? (await q.query<PortRow>('SELECT * FROM sim_ports WHERE id = $1', [pip.port_id]))[0]
            : undefined;
          throw conflict(
            `public IP ${pip.ip_address} is already bound to server ${bound?.name ?? bound?.device_id} (${bound?.ip_address}); unbind it first`,
          );
        }
        const port = await targetPort(q, pip.project_id, Number(pip.ip_version), input);
        await q.query('SELECT id FROM sim_ports WHERE id = $1 FOR UPDATE', [port.id]);
        await requireFreeServerPort(q, port);
        await q.query(`UPDATE ${table} SET port_id = $2 WHERE id = $1`, [id, port.id]);
        await recordEvent(q, { resourceType: 'public_ip', id, projectId: pip.project_id }, 'bound');
        return publicIpById(q, id);
      });
    },

    async unbind(ctx, id, input) {
      const d = await db();
      return d.tx(async (q) => {
        const pip = await lockPublicIp(q, ctx, id);
        const bound = pip.port_id
          ? (await q.query<PortRow>('SELECT * FROM sim_ports WHERE id = $1', [pip.port_id]))[0]
          : undefined;
        if (!bound || !publicIpRules.allowed('unbind', statusOf(pip)))
          throw conflict(`public IP ${pip.ip_address} is not bound`);
        // The caller says what it unbinds from; a stale view of the binding must not unbind something else.
        if (input.server_id !== undefined && input.server_id !== bound.device_id)
          throw conflict(
            `public IP ${pip.ip_address} is bound to server ${bound.name} (${bound.device_id}), not to server ${input.server_id}`,
          );
        if (input.private_ip !== undefined && canonicalIp(input.private_ip) !== bound.ip_address)
          throw conflict(`public IP ${pip.ip_address} is bound to ${bound.ip_address}, not to ${input.private_ip}`);
        await q.query(`UPDATE ${table} SET port_id = NULL WHERE id = $1`, [id]);
        await recordEvent(q, { resourceType: 'public_ip', id, projectId: pip.project_id }, 'available');
        return publicIpById(q, id);
      });
    },

    async get(ctx, id) {
      const d = await db();
      const params: unknown[] = [id];
      const rows = await d.query<PublicIpRow>(
        `SELECT * FROM ${table} t WHERE t.id = $1 AND ${scopeSql(ctx, params)}`,
        params,
      );
      if (!rows[0]) throw notFound('public IP', id);
      return (await toPublicIps(d, rows))[0]!;
    },

    async list(ctx, query) {
      const d = await db();
      const params: unknown[] = [];
      const where = [scopeSql(ctx, params)];
      if (query.name) where.push(`t.name ILIKE ${param(params, `%${query.name}%`)}`);
      if (query.status) where.push(`${statusSql} = ${param(params, query.status)}`);
      const { rows, total } = await listPage<PublicIpRow>(d, {
        from: `${table} t JOIN sim_ports ap ON ap.id = t.address_port_id`,
        where,
        params,
        sortable: { name: 't.name', ip_address: 'ap.ip_address::inet', status: statusSql, created_at: 't.created_at' },
        defaultSort: 't.created_at DESC, t.id ASC',
        sort: query.sort,
        limit: query.limit,
        offset: query.offset,
      });
      return { items: await toPublicIps(d, rows), total };
    },

    async remove(ctx, id) {
      const d = await db();
      await d.tx(async (q) => {
        const pip = await lockPublicIp(q, ctx, id);
        if (!publicIpRules.allowed('delete', statusOf(pip))) {
          const bound = pip.port_id
            ? (await q.query<PortRow>('SELECT * FROM sim_ports WHERE id = $1', [pip.port_id]))[0]
            : undefined;
          throw conflict(
            `public IP ${pip.ip_address} is bound to server ${bound?.name ?? bound?.device_id} (${bound?.ip_address}); unbind it before deleting it`,
          );
        }
        await q.query(`DELETE FROM ${table} WHERE id = $1`, [id]);
        await q.query('DELETE FROM sim_ports WHERE id = $1', [pip.address_port_id]);
        await recordEvent(q, { resourceType: 'public_ip', id, projectId: pip.project_id }, 'deleted');
      });
    },
  };
}
