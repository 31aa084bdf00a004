import 'server-only';
import {
  loadBalancerRules,
  type LoadBalancer,
  type LoadBalancerOperation,
  type LoadBalancerStatus,
} from '@/lib/contract/load-balancer';
import { canonicalIp, parseIp } from '@/lib/network/ip';
import type { Queryable } from '../../db/client';
import { CloudError, conflict, invalid, notFound } from '../errors';
import type { CloudProvider, ProviderContext } from '../types';
import type { SimDeps } from './deps';
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
  transition,
} from './state';

const table = 'sim_load_balancers';
type ListenerRow = { id: string; protocol: 'TCP' | 'HTTP' | 'HTTPS' | 'UDP'; port: number };
type MemberRow = { id: string; name: string; ip_address: string; port: number };
type LoadBalancerRow = {
  id: string;
  project_id: string;
  name: string;
  description: string;
  subnet_id: string | null;
  vip_port_id: string | null;
  status: string;
  next_status: string | null;
  settle_at: Date | null;
  listeners: ListenerRow[];
  members: MemberRow[];
  created_at: Date;
};

/** Load balancers with their VIPs and member names in two queries, whatever the page size. */
async function toLoadBalancers(q: Queryable, rows: LoadBalancerRow[]): Promise<LoadBalancer[]> {
  if (!rows.length) return [];
  const vips = await q.query<{ id: string; ip_address: string }>(
    'SELECT id, ip_address FROM sim_ports WHERE id = ANY($1)',
    [rows.flatMap((r) => (r.vip_port_id ? [r.vip_port_id] : []))],
  );
  const vip = new Map(vips.map((p) => [p.id, p.ip_address]));
  // Servers may be renamed after they joined: the name shown is the current one.
  const servers = await q.query<{ id: string; name: string }>('SELECT id, name FROM sim_servers WHERE id = ANY($1)', [
    rows.flatMap((r) => r.members.map((m) => m.id)),
  ]);
  const serverName = new Map(servers.map((s) => [s.id, s.name]));
  const now = Date.now();
  return rows.map((r) => ({
    id: r.id,
    project_id: r.project_id,
    name: r.name,
    description: r.description,
    listeners: r.listeners.map((l) => ({ id: l.id, protocol: l.protocol, port: l.port })),
    ip_address: r.vip_port_id ? (vip.get(r.vip_port_id) ?? null) : null,
    port: r.listeners[0]?.port ?? null,
    members: r.members.map((m) => ({
      id: m.id,
      name: serverName.get(m.id) ?? m.name,
      ip_address: m.ip_address,
      port: m.port,
    })),
    subnet_id: r.subnet_id,
    status: effectiveStatus(r, now) as LoadBalancerStatus,
    created_at: iso(r.created_at),
  }));
}

const lockLoadBalancer = (q: Queryable, ctx: ProviderContext, id: string) =>
  lockVisibleRow<LoadBalancerRow>(q, ctx, { table, kind: 'load balancer', id, transitional: true });

/** The contract's action-by-state table decides (Octavia's immutable PENDING_* states); the 409 names the status. */
function requireLoadBalancerStatus(lb: LoadBalancerRow, action: LoadBalancerOperation) {
  if (!loadBalancerRules.allowed(action, lb.status))
    throw conflict(loadBalancerRules.conflictMessage(action, `load balancer ${lb.name}`, lb.status));
}

async function loadBalancerById(q: Queryable, id: string): Promise<LoadBalancer> {
  const rows = await q.query<LoadBalancerRow>(`SELECT * FROM ${table} WHERE id = $1`, [id]);
  if (!rows[0]) throw notFound('load balancer', id);
  return (await toLoadBalancers(q, rows))[0]!;
}

/** Stores the new listeners or members and reprograms the balancer: updating for a moment, then active. */
async function reconfigure(
  q: Queryable,
  lb: LoadBalancerRow,
  change: { listeners?: ListenerRow[]; members?: MemberRow[] },
) {
  await q.query(`UPDATE ${table} SET listeners = $2, members = $3 WHERE id = $1`, [
    lb.id,
    JSON.stringify(change.listeners ?? lb.listeners),
    JSON.stringify(change.members ?? lb.members),
  ]);
  await transition(q, { table, resourceType: 'load_balancer', id: lb.id, projectId: lb.project_id }, 'updating', {
    status: 'active',
    ms: durationMs('loadBalancerUpdate'),
  });
}

/**
 * The address a member is reached at: on the VIP's subnet if the server has one there, else on the VIP's
 * network, else any address of the VIP's IP version.
 */
export function memberAddress(
  ports: Pick<PortRow, 'subnet_id' | 'network_id' | 'ip_address'>[],
  vip: { subnet_id: string; network_id: string; version: 4 | 6 } | null,
) {
  if (!vip) return ports[0];
  return (
    ports.find((p) => p.subnet_id === vip.subnet_id) ??
    ports.find((p) => p.network_id === vip.network_id) ??
    ports.find((p) => parseIp(p.ip_address)?.version === vip.version)
  );
}

export function simLoadBalancers({ db }: SimDeps): CloudProvider['loadBalancers'] {
  return {
    async create(ctx, input) {
      const d = await db();
      return d.tx(async (q) => {
        let subnet: SubnetRow | undefined;
        if (input.subnet_id) {
          subnet = (
            await q.query<SubnetRow>(
              `SELECT s.* FROM sim_subnets s JOIN sim_networks n ON n.id = s.network_id WHERE s.id = $1 AND (n.project_id = $2 OR n.shared OR n.external)`,
              [input.subnet_id, ctx.projectId],
            )
          )[0];
          if (!subnet) throw invalid('subnet_id', `names subnet "${input.subnet_id}", which does not exist`);
        } else {
          subnet = (
            await q.query<SubnetRow>(
              `SELECT s.* FROM sim_subnets s JOIN sim_networks n ON n.id = s.network_id WHERE n.project_id = $1 AND NOT n.external
               ORDER BY s.ip_version, n.created_at, n.id, s.created_at, s.id LIMIT 1`,
              [ctx.projectId],
            )
          )[0];
          if (!subnet)
            throw invalid(
              'subnet_id',
              'is required: the project has no subnet of its own to place the load balancer on',
            );
        }
        const id = newId();
        await q.query(
          `INSERT INTO ${table} (id, project_id, name, description, subnet_id, status, listeners, members, created_at) VALUES ($1,$2,$3,$4,$5,'creating','[]','[]',now())`,
          [id, ctx.projectId, input.name, input.description, subnet.id],
        );
        const vip = await allocatePort(q, subnet.id, {
          type: 'load_balancer',
          id,
          projectId: ctx.projectId,
          name: input.name,
        });
        await q.query(`UPDATE ${table} SET vip_port_id = $2 WHERE id = $1`, [id, vip.id]);
        await transition(q, { table, resourceType: 'load_balancer', id, projectId: ctx.projectId }, 'creating', {
          status: 'active',
          ms: durationMs('loadBalancerCreate'),
        });
        return loadBalancerById(q, id);
      });
    },

    async remove(ctx, id) {
      const d = await db();
      await d.tx(async (q) => {
        const lb = await lockLoadBalancer(q, ctx, id);
        requireLoadBalancerStatus(lb, 'delete');
        await q.query(`DELETE FROM ${table} WHERE id = $1`, [id]);
        if (lb.vip_port_id) await q.query('DELETE FROM sim_ports WHERE id = $1', [lb.vip_port_id]);
        await recordEvent(q, { resourceType: 'load_balancer', id, projectId: lb.project_id }, 'deleted');
      });
      return { pending: false };
    },

    async get(ctx, id) {
      const d = await db();
      const params: unknown[] = [id];
      const rows = await d.query<LoadBalancerRow>(
        `SELECT * FROM ${table} t WHERE t.id = $1 AND ${scopeSql(ctx, params)}`,
        params,
      );
      if (!rows[0]) throw notFound('load balancer', id);
      return (await toLoadBalancers(d, rows))[0]!;
    },

    async list(ctx, query) {
      const d = await db();
      const params: unknown[] = [];
      const now = param(params, new Date());
      const where = [scopeSql(ctx, params)];
      if (query.name) where.push(`t.name ILIKE ${param(params, `%${query.name}%`)}`);
      if (query.status) where.push(`${effectiveStatusSql('t', now)} = ${param(params, query.status)}`);
      const { rows, total } = await listPage<LoadBalancerRow>(d, {
        from: `${table} t`,
        where,
        params,
        sortable: { name: 't.name', status: effectiveStatusSql('t', now), created_at: 't.created_at' },
        defaultSort: 't.created_at DESC, t.id ASC',
        sort: query.sort,
        limit: query.limit,
        offset: query.offset,
      });
      return { items: await toLoadBalancers(d, rows), total };
    },

    async changeMembers(ctx, id, input) {
      const d = await db();
      return d.tx(async (q) => {
        const lb = await lockLoadBalancer(q, ctx, id);
        if (input.op === 'add') {
          requireLoadBalancerStatus(lb, 'change-members');
          const server = (
            await q.query<{ id: string; name: string }>(
              'SELECT id, name FROM sim_servers WHERE id = $1 AND project_id = $2',
              [input.server_id, lb.project_id],
            )
          )[0];
          if (!server)
            throw invalid('server_id', `names server "${input.server_id}", which does not exist in this project`);
          const existing = lb.members.find((m) => m.id === server.id);
          if (existing)
            throw conflict(
              `server ${server.name} is already a member of load balancer ${lb.name} (${existing.ip_address}:${existing.port})`,
            );
          const ports = await q.query<PortRow>(
            `SELECT * FROM sim_ports WHERE device_type = 'server' AND device_id = $1 ORDER BY created_at, id`,
            [server.id],
          );
          const vipPort = lb.vip_port_id
            ? (await q.query<PortRow>('SELECT * FROM sim_ports WHERE id = $1', [lb.vip_port_id]))[0]
            : undefined;
          const version = vipPort ? parseIp(vipPort.ip_address)?.version : undefined;
          const port = memberAddress(
            ports,
            vipPort && version ? { subnet_id: vipPort.subnet_id, network_id: vipPort.network_id, version } : null,
          );
          if (!port)
            throw conflict(
              `server ${server.name} has no address load balancer ${lb.name} can reach${version ? ` (it needs an IPv${version} address)` : ''}`,
            );
          await reconfigure(q, lb, {
            members: [
              ...lb.members,
              { id: server.id, name: server.name, ip_address: port.ip_address, port: input.port },
            ],
          });
        } else {
          requireLoadBalancerStatus(lb, 'change-members');
          const ip = input.server_ip !== undefined ? canonicalIp(input.server_ip) : null;
          if (input.server_ip !== undefined && !ip)
            throw invalid('server_ip', `"${input.server_ip}" is not an IP address`);
          const member = lb.members.find((m) =>
            input.server_id !== undefined ? m.id === input.server_id : m.ip_address === ip,
          );
          if (!member)
            throw new CloudError(
              'not_found',
              `load balancer ${lb.name} has no member ${input.server_id !== undefined ? `with server_id ${input.server_id}` : `with server_ip ${input.server_ip}`}`,
            );
          await reconfigure(q, lb, { members: lb.members.filter((m) => m !== member) });
        }
        return loadBalancerById(q, id);
      });
    },

    async addListener(ctx, id, input) {
      const d = await db();
      return d.tx(async (q) => {
        const lb = await lockLoadBalancer(q, ctx, id);
        requireLoadBalancerStatus(lb, 'change-listeners');
        const taken = lb.listeners.find((l) => l.port === input.port);
        if (taken)
          throw conflict(
            `port ${input.port} is already used by listener ${taken.id} (${taken.protocol}) of load balancer ${lb.name}`,
          );
        await reconfigure(q, lb, {
          listeners: [...lb.listeners, { id: newId(), protocol: input.protocol, port: input.port }],
        });
        return loadBalancerById(q, id);
      });
    },

    async removeListener(ctx, id, listenerId) {
      const d = await db();
      return d.tx(async (q) => {
        const lb = await lockLoadBalancer(q, ctx, id);
        const listener = lb.listeners.find((l) => l.id === listenerId);
        if (!listener) throw new CloudError('not_found', `load balancer ${lb.name} has no listener ${listenerId}`);
        requireLoadBalancerStatus(lb, 'change-listeners');
        await reconfigure(q, lb, { listeners: lb.listeners.filter((l) => l !== listener) });
        return loadBalancerById(q, id);
      });
    },
  };
}
