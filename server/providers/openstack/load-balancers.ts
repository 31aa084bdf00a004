import 'server-only';
import type { LoadBalancer } from '@/lib/contract/load-balancer';
import { CloudError, conflict, notFound } from '../errors';
import type { CloudProvider, ProviderContext } from '../types';
import { mapLimit, sleep, type OsDeps } from './context';
import { orNotFound } from './compute';
import { serverIdOf, serverTag, toLoadBalancer } from './mappers/load-balancer';
import type { NeutronPort, NeutronSubnet, OctaviaListener, OctaviaLoadBalancer, OctaviaMember, OctaviaPool } from './mappers/wire';
import { pageOf } from '../paging';
import { os, type Rest } from './rest';

/**
 * The standard's load balancer has one member set that every listener forwards to. In Octavia a listener
 * forwards to its default pool, so each listener gets a pool of its protocol holding the same members; a
 * member added while there is no listener brings a default TCP:80 listener. Octavia accepts one change at a
 * time per load balancer (it is PENDING_UPDATE meanwhile), so each step waits for ACTIVE again.
 */
const poolProtocol = (listener: string) => (listener === 'UDP' ? 'UDP' : listener === 'HTTP' ? 'HTTP' : listener === 'HTTPS' ? 'HTTPS' : 'TCP');

/** Octavia answers another project's load balancer with 403: the contract's answer is 404, leaking nothing. */
async function lbById(rest: Rest, id: string): Promise<OctaviaLoadBalancer> {
  try {
    return await rest.get<OctaviaLoadBalancer>(os.loadBalancers, id);
  } catch (e) {
    if (e instanceof CloudError && (e.kind === 'not_found' || e.kind === 'forbidden')) throw notFound('load balancer', id);
    throw e;
  }
}

async function waitActive(rest: Rest, id: string, timeoutMs = 120_000): Promise<OctaviaLoadBalancer> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const lb = await lbById(rest, id);
    if (lb.provisioning_status === 'ACTIVE') return lb;
    if (lb.provisioning_status === 'ERROR') throw conflict(`load balancer ${lb.name} is in error`);
    if (lb.provisioning_status === 'PENDING_DELETE' || lb.provisioning_status === 'DELETED') throw conflict(`load balancer ${lb.name} is being deleted`);
    if (Date.now() > deadline) throw new CloudError('unavailable', `load balancer ${lb.name} stayed ${lb.provisioning_status} too long`);
    await sleep(500);
  }
}

/** Members of the load balancer's member set: those of its first listener's pool (all pools hold the same). */
async function membersOf(rest: Rest, listeners: OctaviaListener[], pools: OctaviaPool[], lbId: string): Promise<{ pool: OctaviaPool | undefined; members: OctaviaMember[] }> {
  const mine = listeners.filter((l) => l.loadbalancers.some((x) => x.id === lbId)).sort((a, b) => a.protocol_port - b.protocol_port);
  const pool = pools.find((p) => p.id === mine.find((l) => l.default_pool_id)?.default_pool_id) ?? pools.find((p) => p.loadbalancers.some((x) => x.id === lbId));
  if (!pool) return { pool, members: [] };
  const r = await rest.call<{ members: OctaviaMember[] }>('load-balancer', 'GET', `lbaas/pools/${pool.id}/members`);
  return { pool, members: r.body.members };
}

/**
 * A listener and its pool of the load balancer's members. Octavia (Zed) answers 500 ("'dict' object has no
 * attribute '_sa_instance_state'") to a listener created with an inline default_pool, so the pool comes first,
 * then the listener naming it, then each member: one change at a time, waiting for ACTIVE between them.
 */
async function createListener(rest: Rest, lbId: string, protocol: string, port: number, members: Record<string, unknown>[]): Promise<void> {
  const pool = await rest.create<OctaviaPool>(os.pools, { loadbalancer_id: lbId, name: 'yuntu-members', protocol: poolProtocol(protocol), lb_algorithm: 'ROUND_ROBIN' });
  await waitActive(rest, lbId);
  await rest.create(os.listeners, { loadbalancer_id: lbId, protocol, protocol_port: port, default_pool_id: pool.id });
  await waitActive(rest, lbId);
  for (const m of members) {
    await rest.call('load-balancer', 'POST', `lbaas/pools/${pool.id}/members`, { body: { member: m } });
    await waitActive(rest, lbId);
  }
}

export function osLoadBalancers(d: OsDeps): CloudProvider['loadBalancers'] {
  async function full(rest: Rest, lb: OctaviaLoadBalancer): Promise<LoadBalancer> {
    const [listeners, pools] = await Promise.all([
      rest.page<OctaviaListener>(os.listeners, { loadbalancer_id: lb.id }),
      rest.page<OctaviaPool>(os.pools, { loadbalancer_id: lb.id }),
    ]);
    return toLoadBalancer(lb, listeners, (await membersOf(rest, listeners, pools, lb.id)).members);
  }
  async function getLb(ctx: ProviderContext, id: string) {
    const rest = d.rest(ctx);
    return full(rest, await lbById(rest, id));
  }
  async function poolsOf(rest: Rest, id: string) {
    return rest.page<OctaviaPool>(os.pools, { loadbalancer_id: id });
  }

  return {
    async create(ctx, input) {
      const rest = d.rest(ctx);
      let subnet = input.subnet_id;
      if (!subnet) {
        const own = await rest.page<NeutronSubnet>(os.subnets, { project_id: ctx.projectId, ip_version: 4 });
        subnet = own.sort((a, b) => (a.created_at ?? '').localeCompare(b.created_at ?? ''))[0]?.id;
        if (!subnet) throw conflict('the project has no subnet for the load balancer address: give subnet_id');
      } else await orNotFound(rest.get(os.subnets, subnet), 'subnet', subnet);
      const lb = await rest.create<OctaviaLoadBalancer>(os.loadBalancers, { name: input.name, description: input.description, vip_subnet_id: subnet });
      return toLoadBalancer(lb, [], []);
    },
    async remove(ctx, id) {
      const rest = d.rest(ctx);
      await lbById(rest, id);
      try {
        await rest.remove(os.loadBalancers, id, { cascade: 'true' });
      } catch (e) {
        if (e instanceof CloudError && e.kind === 'conflict') throw conflict(`cannot delete load balancer ${id} now: ${e.message}`);
        throw e;
      }
      return { pending: true };
    },
    get: getLb,
    async list(ctx, q) {
      const rest = d.rest(ctx);
      const owner = ctx.allProjects ? {} : { project_id: ctx.projectId };
      const all = await rest.listAll<OctaviaLoadBalancer>(os.loadBalancers, owner);
      const bare = all.map((lb) => toLoadBalancer(lb, [], [])).filter((lb) => !q.status || lb.status === q.status);
      const page = pageOf(bare, q, { name: (l) => l.name, status: (l) => l.status, created_at: (l) => l.created_at }, (l) => l.name);
      if (!page.items.length) return page;
      // Listeners and pools for the whole page in two calls; members need one call per load balancer (Octavia lists them per pool).
      const [listeners, pools] = await Promise.all([rest.listAll<OctaviaListener>(os.listeners, owner), rest.listAll<OctaviaPool>(os.pools, owner)]);
      const byId = new Map(all.map((lb) => [lb.id, lb]));
      const items = await mapLimit(page.items, 4, async (l) => {
        const lb = byId.get(l.id)!;
        return toLoadBalancer(lb, listeners, (await membersOf(rest, listeners, pools, lb.id)).members);
      });
      return { total: page.total, items };
    },
    async changeMembers(ctx, id, input) {
      const rest = d.rest(ctx);
      await waitActive(rest, id);
      const current = await getLb(ctx, id);
      if (input.op === 'add') {
        if (current.members.some((m) => m.id === input.server_id)) throw conflict(`server ${input.server_id} is already a member of load balancer ${current.name}`);
        const server = await orNotFound(rest.get<{ name: string }>(os.servers, input.server_id), 'server', input.server_id);
        const ports = await rest.page<NeutronPort>(os.ports, { device_id: input.server_id });
        const ip = ports.flatMap((p) => p.fixed_ips).find((f) => !f.ip_address.includes(':'));
        if (!ip) throw conflict(`server ${input.server_id} has no IPv4 address to balance to`);
        if (!current.listeners.length) await createListener(rest, id, 'TCP', 80, []);
        for (const pool of await poolsOf(rest, id)) {
          await rest.call('load-balancer', 'POST', `lbaas/pools/${pool.id}/members`, {
            body: { member: { name: server.name, address: ip.ip_address, protocol_port: input.port, subnet_id: ip.subnet_id, tags: [serverTag(input.server_id)] } },
          });
          await waitActive(rest, id);
        }
        return getLb(ctx, id);
      }
      const target = current.members.find((m) => (input.server_id ? m.id === input.server_id : m.ip_address === input.server_ip));
      if (!target) throw notFound('member', input.server_id ?? input.server_ip ?? '');
      for (const pool of await poolsOf(rest, id)) {
        const r = await rest.call<{ members: OctaviaMember[] }>('load-balancer', 'GET', `lbaas/pools/${pool.id}/members`);
        for (const m of r.body.members.filter((x) => serverIdOf(x) === target.id || x.address === target.ip_address)) {
          await rest.call('load-balancer', 'DELETE', `lbaas/pools/${pool.id}/members/${m.id}`);
          await waitActive(rest, id);
        }
      }
      return getLb(ctx, id);
    },
    async addListener(ctx, id, input) {
      const rest = d.rest(ctx);
      await waitActive(rest, id);
      const current = await getLb(ctx, id);
      if (current.listeners.some((l) => l.port === input.port && (l.protocol === 'UDP') === (input.protocol === 'UDP')))
        throw conflict(`load balancer ${current.name} already listens on port ${input.port}`);
      const pools = await poolsOf(rest, id);
      const { members } = await membersOf(rest, await rest.page<OctaviaListener>(os.listeners, { loadbalancer_id: id }), pools, id);
      try {
        await createListener(
          rest,
          id,
          input.protocol,
          input.port,
          members.map((m) => ({ name: m.name, address: m.address, protocol_port: m.protocol_port, ...(m.subnet_id ? { subnet_id: m.subnet_id } : {}), tags: m.tags ?? [] })),
        );
      } catch (e) {
        if (e instanceof CloudError && (e.kind === 'conflict' || e.kind === 'invalid')) throw new CloudError(e.kind, `cannot add the listener: ${e.message}`);
        throw e;
      }
      await waitActive(rest, id);
      return getLb(ctx, id);
    },
    async removeListener(ctx, id, listenerId) {
      const rest = d.rest(ctx);
      await waitActive(rest, id);
      const listener = await orNotFound(rest.get<OctaviaListener>(os.listeners, listenerId), 'listener', listenerId);
      if (!listener.loadbalancers.some((x) => x.id === id)) throw notFound('listener', listenerId);
      await rest.remove(os.listeners, listenerId);
      await waitActive(rest, id);
      if (listener.default_pool_id) {
        await rest.remove(os.pools, listener.default_pool_id).catch(() => undefined);
        await waitActive(rest, id);
      }
      return getLb(ctx, id);
    },
  };
}
