import 'server-only';
import type { Network, Subnet } from '@/lib/contract/network';
import type { Queryable } from '../../db/client';
import { conflict, notFound } from '../errors';
import type { CloudProvider, ProviderContext } from '../types';
import type { SimDeps } from './deps';
import { planSubnet } from '../shared/subnet-plan';
import type { PortRow, SubnetRow } from './ipam';
import { andOnlyProject, iso, listPage, lockVisibleRow, newId, param } from './state';

type NetworkRow = {
  id: string;
  project_id: string | null;
  name: string;
  external: boolean;
  shared: boolean;
  created_at: Date;
};

const deviceLabels: Record<string, string> = {
  server: 'server',
  load_balancer: 'load balancer',
  floating_ip: 'floating IP',
  public_ip: 'public IP',
};

/** Names what holds addresses, for the 409 that refuses deleting a network or subnet still in use. */
export function describePorts(ports: Pick<PortRow, 'device_type' | 'name' | 'ip_address'>[], max = 5): string {
  const parts = ports.slice(0, max).map((p) => {
    const label = deviceLabels[p.device_type] ?? p.device_type;
    return p.name ? `${label} ${p.name} (${p.ip_address})` : `${label} ${p.ip_address}`;
  });
  if (ports.length > max) parts.push(`and ${ports.length - max} more`);
  return parts.join(', ');
}

const toSubnet = (s: SubnetRow): Subnet => ({
  id: s.id,
  name: s.name,
  network_id: s.network_id,
  cidr: s.cidr,
  gateway_ip: s.gateway_ip,
  ip_version: Number(s.ip_version) === 6 ? 6 : 4,
});

/** Networks with their subnets in two queries, whatever the page size. */
async function toNetworks(q: Queryable, rows: NetworkRow[]): Promise<Network[]> {
  if (!rows.length) return [];
  const subnets = await q.query<SubnetRow>(
    'SELECT * FROM sim_subnets WHERE network_id = ANY($1) ORDER BY created_at, ip_version, cidr, id',
    [rows.map((r) => r.id)],
  );
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    project_id: r.project_id,
    external: r.external,
    shared: r.shared,
    status: 'active',
    subnets: subnets.filter((s) => s.network_id === r.id).map(toSubnet),
    created_at: iso(r.created_at),
  }));
}

/** A project sees its own networks and every shared or external one; admins asking for all see everything. */
function visibleSql(ctx: ProviderContext, params: unknown[], alias = 't') {
  return ctx.allProjects
    ? 'TRUE'
    : `(${alias}.project_id = ${param(params, ctx.projectId)} OR ${alias}.shared OR ${alias}.external)`;
}

const lockNetwork = (q: Queryable, ctx: ProviderContext, id: string) =>
  lockVisibleRow<NetworkRow>(q, ctx, {
    table: 'sim_networks',
    kind: 'network',
    id,
    visible: (c, params) => visibleSql(c, params),
  });

async function networkById(q: Queryable, id: string): Promise<Network> {
  const rows = await q.query<NetworkRow>('SELECT * FROM sim_networks WHERE id = $1', [id]);
  if (!rows[0]) throw notFound('network', id);
  return (await toNetworks(q, rows))[0]!;
}

export function simNetworks({ db }: SimDeps): CloudProvider['networks'] {
  return {
    async list(ctx, query) {
      const d = await db();
      const params: unknown[] = [];
      const where = [andOnlyProject(ctx, params, visibleSql(ctx, params))];
      if (query.name) where.push(`t.name ILIKE ${param(params, `%${query.name}%`)}`);
      if (query.external) where.push(`t.external = ${param(params, query.external === 'true')}`);
      const { rows, total } = await listPage<NetworkRow>(d, {
        from: 'sim_networks t',
        where,
        params,
        sortable: { name: 't.name', created_at: 't.created_at' },
        defaultSort: 't.created_at ASC, t.id ASC',
        sort: query.sort,
        limit: query.limit,
        offset: query.offset,
      });
      return { items: await toNetworks(d, rows), total };
    },

    async get(ctx, id) {
      const d = await db();
      const params: unknown[] = [id];
      const rows = await d.query<NetworkRow>(
        `SELECT * FROM sim_networks t WHERE t.id = $1 AND ${visibleSql(ctx, params)}`,
        params,
      );
      if (!rows[0]) throw notFound('network', id);
      return (await toNetworks(d, rows))[0]!;
    },

    async create(ctx, input) {
      const d = await db();
      return d.tx(async (q) => {
        const id = newId();
        // An external network is the provider's, offered to every project, like the seeded ext-net.
        await q.query(
          'INSERT INTO sim_networks (id, project_id, name, external, shared, created_at) VALUES ($1,$2,$3,$4,$4,now())',
          [id, input.external ? null : ctx.projectId, input.name, input.external],
        );
        return networkById(q, id);
      });
    },

    async remove(ctx, id) {
      const d = await db();
      await d.tx(async (q) => {
        const net = await lockNetwork(q, ctx, id);
        const ports = await q.query<PortRow>('SELECT * FROM sim_ports WHERE network_id = $1 ORDER BY created_at, id', [
          id,
        ]);
        if (ports.length)
          throw conflict(`network ${net.name} is still in use by ${describePorts(ports)}; release them first`);
        await q.query('DELETE FROM sim_subnets WHERE network_id = $1', [id]);
        await q.query('DELETE FROM sim_networks WHERE id = $1', [id]);
      });
    },

    async createSubnet(ctx, networkId, input) {
      const d = await db();
      return d.tx(async (q) => {
        const net = await lockNetwork(q, ctx, networkId);
        const siblings = await q.query<SubnetRow>('SELECT * FROM sim_subnets WHERE network_id = $1', [net.id]);
        const others = await q.query<SubnetRow & { network_name: string }>(
          `SELECT s.*, n.name AS network_name FROM sim_subnets s JOIN sim_networks n ON n.id = s.network_id
           WHERE n.id <> $1 AND n.project_id IS NOT DISTINCT FROM $2 ORDER BY s.created_at, s.id`,
          [net.id, net.project_id],
        );
        const plan = planSubnet(input, siblings, others);
        const id = newId();
        await q.query(
          'INSERT INTO sim_subnets (id, network_id, project_id, name, cidr, gateway_ip, ip_version, created_at) VALUES ($1,$2,$3,$4,$5,$6,$7,now())',
          [id, net.id, net.project_id, input.name, plan.cidr, plan.gateway_ip, plan.ip_version],
        );
        const row = (await q.query<SubnetRow>('SELECT * FROM sim_subnets WHERE id = $1', [id]))[0]!;
        return { subnet: toSubnet(row), warnings: plan.warnings };
      });
    },

    async getSubnet(ctx, id) {
      const d = await db();
      const params: unknown[] = [id];
      const rows = await d.query<SubnetRow>(
        `SELECT s.* FROM sim_subnets s JOIN sim_networks t ON t.id = s.network_id WHERE s.id = $1 AND ${visibleSql(ctx, params)}`,
        params,
      );
      if (!rows[0]) throw notFound('subnet', id);
      return { ...toSubnet(rows[0]), project_id: rows[0].project_id };
    },

    async removeSubnet(ctx, id) {
      const d = await db();
      await d.tx(async (q) => {
        const params: unknown[] = [id];
        const rows = await q.query<SubnetRow>(
          `SELECT s.* FROM sim_subnets s JOIN sim_networks t ON t.id = s.network_id WHERE s.id = $1 AND ${visibleSql(ctx, params)} FOR UPDATE OF s`,
          params,
        );
        const subnet = rows[0];
        if (!subnet) throw notFound('subnet', id);
        const ports = await q.query<PortRow>('SELECT * FROM sim_ports WHERE subnet_id = $1 ORDER BY created_at, id', [
          id,
        ]);
        if (ports.length)
          throw conflict(
            `subnet ${subnet.name} (${subnet.cidr}) is still in use by ${describePorts(ports)}; release them first`,
          );
        await q.query('DELETE FROM sim_subnets WHERE id = $1', [id]);
      });
    },
  };
}
