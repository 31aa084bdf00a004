import 'server-only';
import {
  loadBalancerRules,
  type LoadBalancer,
  type LoadBalancerOperation,
  type LoadBalancerStatus,
} from '@/lib/contract/load-balancer';
import { log } from '@/server/log';
import { CloudError, conflict, invalid, notFound } from '../errors';
import { pageOf } from '../paging';
import { canonicalIp } from '@/lib/network/ip';
import type { CloudProvider, ProviderContext } from '../types';
import { mapLimit, sleep, type OsDeps } from './context';
import { loadBalancerStatus, serverIdOf, serverTag, toLoadBalancer } from './mappers/load-balancer';
import type {
  NeutronPort,
  NeutronSubnet,
  OctaviaListener,
  OctaviaLoadBalancer,
  OctaviaMember,
  OctaviaPool,
} from './mappers/wire';
import { os, type Rest } from './rest';

/**
 * The standard's load balancer has one member set that every listener forwards to. In Octavia a listener forwards
 * to its default pool, so each listener gets a pool of its protocol holding the same members; a member added while
 * there is no listener brings a default TCP:80 listener.
 *
 * Octavia takes one change at a time per load balancer (PENDING_UPDATE meanwhile, 409 to the next), and one change
 * of the standard is several of Octavia's (a pool per listener, each a change of its own: Zed answers 500 to a pool
 * or listener created with its children inline, so a new listener is listener, then pool, then the pool's members;
 * the members of one pool are one change, the batch `PUT pools/{id}/members`). Like the simulator, a change
 * answers at once with status `updating`: the request validates everything, makes the first change, and the rest
 * is applied here in the process by `apply`, one change at a time; meanwhile reads answer `updating` and other
 * changes and deletion 409 "it is updating" (as while Octavia itself is PENDING_*).
 *
 * Nothing may be lost if the process stops half-way, so the first change of a member change writes the desired
 * member set into the load balancer's own tags (`yuntu-member:<seq>:<server>:<port>:<address>:<name>`, plus
 * `yuntu-server:<server>` to find a server's load balancers in one call): that tag set is the member set, and
 * pools are only made to follow it. Chosen over the console's database (which would need credentials to resume
 * with) and over "the first listener's pool is the truth" (a new listener's pool is empty until its members are
 * in: a restart then would take the empty pool for the member set). Every state half-way is one the plan below
 * reads back: a listener without a pool gets one, a pool no listener uses is deleted, a pool whose members differ
 * from the tags is rewritten, `yuntu-needs-listener` asks for the TCP:80 listener of a first member. A read that
 * finds the pools behind the tags (a restart half-way, another console's change) answers `updating` and, for a
 * caller who may write, starts applying them again. Load balancers without the `yuntu-lb` tag (made outside the
 * console) show the members of their first listener's pool and are left alone until the console changes them.
 *
 * A member whose server no longer holds the member's address (the server was deleted) is not shown and leaves the
 * set at the next change; deleting a server through the console takes it out at once (`forgetServer`).
 */
const managedTag = 'yuntu-lb';
const needsListenerTag = 'yuntu-needs-listener';
const memberPrefix = 'yuntu-member:';
const isOurTag = (t: string) =>
  t === managedTag || t === needsListenerTag || t.startsWith(memberPrefix) || t.startsWith('yuntu-server:');

interface WantedMember {
  seq: number;
  serverId: string;
  port: number;
  address: string;
  name: string;
}
interface MemberSet {
  members: WantedMember[];
  needsListener: boolean;
}

/** Octavia caps a tag at 255 characters: a long server name is cut (the name shown is the one the member got). */
const memberTag = (m: WantedMember) =>
  `${memberPrefix}${m.seq}:${m.serverId}:${m.port}:${m.address}:${m.name}`.slice(0, 255);

function memberSetOfTags(lb: OctaviaLoadBalancer): MemberSet | null {
  const tags = lb.tags ?? [];
  if (!tags.includes(managedTag)) return null;
  const members = tags.flatMap((t) => {
    if (!t.startsWith(memberPrefix)) return [];
    const [seq, serverId, port, address, ...name] = t.slice(memberPrefix.length).split(':');
    return seq && serverId && port && address
      ? [{ seq: Number(seq), serverId, port: Number(port), address, name: name.join(':') }]
      : [];
  });
  return { members: members.sort((a, b) => a.seq - b.seq), needsListener: tags.includes(needsListenerTag) };
}

function tagsFor(lb: OctaviaLoadBalancer, set: MemberSet, hasListeners: boolean): string[] {
  return [
    ...(lb.tags ?? []).filter((t) => !isOurTag(t)),
    managedTag,
    ...(set.needsListener && !hasListeners ? [needsListenerTag] : []),
    ...set.members.flatMap((m) => [serverTag(m.serverId), memberTag(m)]),
  ];
}
const sameTags = (a: string[], b: string[]) => [...a].sort().join('\n') === [...b].sort().join('\n');

const poolProtocol = (listener: string) =>
  listener === 'UDP' ? 'UDP' : listener === 'HTTP' ? 'HTTP' : listener === 'HTTPS' ? 'HTTPS' : 'TCP';

/** Octavia answers another project's load balancer with 403: the contract's answer is 404, leaking nothing. */
async function lbById(rest: Rest, id: string): Promise<OctaviaLoadBalancer> {
  try {
    const lb = await rest.get<OctaviaLoadBalancer>(os.loadBalancers, id);
    if (lb.provisioning_status === 'DELETED') throw notFound('load balancer', id);
    return lb;
  } catch (e) {
    if (e instanceof CloudError && (e.kind === 'not_found' || e.kind === 'forbidden'))
      throw notFound('load balancer', id);
    throw e;
  }
}

/** A load balancer with its listeners and pools. */
interface Shape {
  lb: OctaviaLoadBalancer;
  listeners: OctaviaListener[];
  pools: OctaviaPool[];
}

async function shapeOf(rest: Rest, lb: OctaviaLoadBalancer): Promise<Shape> {
  const [listeners, pools] = await Promise.all([
    rest.page<OctaviaListener>(os.listeners, { loadbalancer_id: lb.id }),
    rest.page<OctaviaPool>(os.pools, { loadbalancer_id: lb.id }),
  ]);
  return {
    lb,
    listeners: listeners.sort((a, b) => a.protocol_port - b.protocol_port || a.id.localeCompare(b.id)),
    pools,
  };
}

const poolMembers = async (rest: Rest, poolId: string) =>
  (await rest.call<{ members: OctaviaMember[] }>('load-balancer', 'GET', `lbaas/pools/${poolId}/members`)).body.members;

/**
 * `server|address` → subnet of every address the given servers still hold: one Neutron call per 50 servers,
 * whatever the number of load balancers.
 */
async function liveAddresses(rest: Rest, serverIds: string[]): Promise<Map<string, string>> {
  const ids = [...new Set(serverIds)];
  const live = new Map<string, string>();
  for (let i = 0; i < ids.length; i += 50) {
    const ports = await rest.page<NeutronPort>(os.ports, {
      device_id: ids.slice(i, i + 50),
      fields: ['device_id', 'fixed_ips'],
    });
    for (const p of ports) for (const f of p.fixed_ips) live.set(`${p.device_id}|${f.ip_address}`, f.subnet_id);
  }
  return live;
}
const alive = (set: MemberSet, live: Map<string, string>): MemberSet => ({
  ...set,
  members: set.members.filter((m) => live.has(`${m.serverId}|${m.address}`)),
});

/** The member set of a load balancer the console did not make: its first listener's pool (else any pool). */
async function foreignMemberSet(rest: Rest, s: Shape): Promise<MemberSet> {
  const poolId = s.listeners.find((l) => l.default_pool_id)?.default_pool_id ?? s.pools[0]?.id;
  const members = poolId ? await poolMembers(rest, poolId) : [];
  return {
    members: members.map((m, i) => ({
      seq: i + 1,
      serverId: serverIdOf(m),
      port: m.protocol_port,
      address: m.address,
      name: m.name,
    })),
    needsListener: false,
  };
}

interface Step {
  what: string;
  run(rest: Rest): Promise<unknown>;
}

/**
 * The next Octavia change that brings the load balancer to the member set, or null when it is there. Without the
 * pools' members (`members` null: a list of many load balancers) it compares their counts only.
 */
function nextStep(
  s: Shape,
  set: MemberSet,
  live: Map<string, string>,
  members: Map<string, OctaviaMember[]> | null,
): Step | null {
  const { lb } = s;
  const tags = tagsFor(lb, set, s.listeners.length > 0);
  if (!sameTags(lb.tags ?? [], tags))
    return { what: 'tags', run: (rest) => rest.update(os.loadBalancers, lb.id, { tags }) };
  if (set.needsListener && !s.listeners.length)
    return {
      what: 'default listener',
      run: (rest) => rest.create(os.listeners, { loadbalancer_id: lb.id, protocol: 'TCP', protocol_port: 80 }),
    };
  const used = new Set(s.listeners.map((l) => l.default_pool_id));
  const unused = s.pools.find((p) => !used.has(p.id));
  if (unused) return { what: `delete pool ${unused.id}`, run: (rest) => rest.remove(os.pools, unused.id) };
  const bare = s.listeners.find((l) => !l.default_pool_id);
  if (bare)
    return {
      what: `pool of listener ${bare.id}`,
      run: (rest) =>
        rest.create(os.pools, {
          listener_id: bare.id,
          name: 'yuntu-members',
          protocol: poolProtocol(bare.protocol),
          lb_algorithm: 'ROUND_ROBIN',
        }),
    };
  const wanted = set.members
    .map((m) => `${m.address}:${m.port}`)
    .sort()
    .join(',');
  for (const l of s.listeners) {
    const pool = s.pools.find((p) => p.id === l.default_pool_id);
    if (!pool) continue;
    const has = members?.get(pool.id);
    const differs = has
      ? has
          .map((m) => `${m.address}:${m.protocol_port}`)
          .sort()
          .join(',') !== wanted
      : pool.members.length !== set.members.length;
    if (differs) {
      const body = set.members.map((m) => {
        const subnet = live.get(`${m.serverId}|${m.address}`);
        return {
          address: m.address,
          protocol_port: m.port,
          name: m.name,
          tags: [serverTag(m.serverId)],
          ...(subnet ? { subnet_id: subnet } : {}),
        };
      });
      return {
        what: `members of pool ${pool.id}`,
        run: (rest) => rest.call('load-balancer', 'PUT', `lbaas/pools/${pool.id}/members`, { body: { members: body } }),
      };
    }
  }
  return null;
}

const mayWrite = (ctx: ProviderContext) => ctx.principal.roles.some((r) => r === 'admin' || r === 'member');
const view = (set: MemberSet) =>
  set.members.map((m) => ({ id: m.serverId, name: m.name, ip_address: m.address, port: m.port }));

/** Octavia's 409 to a change while another console's change is applied: the simulator's words. */
function busy(e: unknown, lb: OctaviaLoadBalancer, action: string): unknown {
  if (e instanceof CloudError && e.kind === 'conflict')
    return conflict(`cannot ${action} load balancer ${lb.name}: it is updating (must be active)`);
  return e;
}

export type OsLoadBalancers = CloudProvider['loadBalancers'] & {
  /** Takes a deleted server out of every member set it was in (called by the driver's server deletion). */
  forgetServer(ctx: ProviderContext, serverId: string): Promise<void>;
};

export function osLoadBalancers(d: OsDeps): OsLoadBalancers {
  /** Load balancers whose change is still being applied by this process, with the member set it applies. */
  const pending = new Map<string, { set: MemberSet }>();

  /** Applies the rest of a change in the background, one Octavia change at a time (the caller put it in `pending`). */
  function apply(ctx: ProviderContext, id: string): void {
    const rest = d.rest({ ...ctx, signal: undefined });
    const deadline = Date.now() + 10 * 60_000;
    void (async () => {
      let failures = 0;
      try {
        while (Date.now() < deadline) {
          try {
            const lb = await rest.get<OctaviaLoadBalancer>(os.loadBalancers, id);
            if (['DELETED', 'PENDING_DELETE', 'ERROR'].includes(lb.provisioning_status)) return;
            if (lb.provisioning_status !== 'ACTIVE') {
              await sleep(300);
              continue;
            }
            const s = await shapeOf(rest, lb);
            const want = pending.get(id)!.set;
            const live = await liveAddresses(
              rest,
              want.members.map((m) => m.serverId),
            );
            const members = new Map(
              await mapLimit(s.pools, 4, async (p) => [p.id, await poolMembers(rest, p.id)] as const),
            );
            const step = nextStep(s, alive(want, live), live, members);
            if (!step) return;
            await step.run(rest);
            failures = 0;
          } catch (e) {
            if (e instanceof CloudError && e.kind === 'not_found') return;
            // 409: another console's change is being applied; anything else may pass (a service restarting).
            if (!(e instanceof CloudError && e.kind === 'conflict') && ++failures >= 5) throw e;
            await sleep(500 * Math.max(1, failures));
          }
        }
        log.warn(
          { loadBalancer: id },
          'gave up applying a load balancer change after 10 minutes; the next read or change resumes it',
        );
      } catch (e) {
        log.error(
          { err: e, loadBalancer: id },
          'applying a load balancer change failed; the next read or change resumes it',
        );
      } finally {
        pending.delete(id);
      }
    })();
  }

  /** Claims the load balancer for a change (synchronously: no other request of this process can claim it now). */
  function claim(id: string, set: MemberSet, lb: OctaviaLoadBalancer, action: string) {
    if (pending.has(id)) throw conflict(`cannot ${action} load balancer ${lb.name}: it is updating (must be active)`);
    pending.set(id, { set });
  }

  /** The load balancer as the standard sees it: its member set, and `updating` while pools do not follow it yet. */
  async function current(ctx: ProviderContext, id: string) {
    const rest = d.rest(ctx);
    const lb = await lbById(rest, id);
    const s = await shapeOf(rest, lb);
    const local = pending.get(id);
    const stored = memberSetOfTags(lb);
    let set = local?.set ?? stored ?? (await foreignMemberSet(rest, s));
    let divergent = false;
    if (local || stored) {
      const live = await liveAddresses(
        rest,
        set.members.map((m) => m.serverId),
      );
      set = alive(set, live);
      if (!local && lb.provisioning_status === 'ACTIVE') {
        const members = new Map(
          await mapLimit(s.pools, 4, async (p) => [p.id, await poolMembers(rest, p.id)] as const),
        );
        divergent = nextStep(s, set, live, members) !== null;
        if (divergent && mayWrite(ctx) && !pending.has(id)) {
          pending.set(id, { set });
          apply(ctx, id);
        }
      }
    }
    const octavia = loadBalancerStatus(lb.provisioning_status);
    const status: LoadBalancerStatus = octavia === 'active' && (local || divergent) ? 'updating' : octavia;
    return { rest, lb, s, set, status, managed: !!stored };
  }

  function requireLoadBalancerStatus(
    c: { lb: OctaviaLoadBalancer; status: LoadBalancerStatus },
    action: LoadBalancerOperation,
  ) {
    if (!loadBalancerRules.allowed(action, c.status))
      throw conflict(loadBalancerRules.conflictMessage(action, `load balancer ${c.lb.name}`, c.status));
  }

  /** The first change of a new member set: the tags, so that it is kept whatever happens next. */
  async function changeMemberSet(
    ctx: ProviderContext,
    c: Awaited<ReturnType<typeof current>>,
    set: MemberSet,
    action: string,
  ): Promise<LoadBalancer> {
    claim(c.lb.id, set, c.lb, action);
    try {
      await c.rest.update(os.loadBalancers, c.lb.id, { tags: tagsFor(c.lb, set, c.s.listeners.length > 0) });
    } catch (e) {
      pending.delete(c.lb.id);
      throw busy(e, c.lb, action);
    }
    apply(ctx, c.lb.id);
    return toLoadBalancer(c.lb, c.s.listeners, view(set), 'updating');
  }

  return {
    async create(ctx, input) {
      const rest = d.rest(ctx);
      let subnet = input.subnet_id;
      if (!subnet) {
        const own = await rest.page<NeutronSubnet>(os.subnets, { project_id: ctx.projectId, ip_version: 4 });
        subnet = own.sort((a, b) => (a.created_at ?? '').localeCompare(b.created_at ?? ''))[0]?.id;
        if (!subnet)
          throw invalid('subnet_id', 'is required: the project has no subnet of its own to place the load balancer on');
      } else {
        // Another project's subnet is invisible to the caller (404), as one that does not exist: the same 400.
        try {
          await rest.get(os.subnets, subnet);
        } catch (e) {
          if (e instanceof CloudError && (e.kind === 'not_found' || e.kind === 'forbidden'))
            throw invalid('subnet_id', `names subnet "${subnet}", which does not exist`);
          throw e;
        }
      }
      const lb = await rest.create<OctaviaLoadBalancer>(os.loadBalancers, {
        name: input.name,
        description: input.description,
        vip_subnet_id: subnet,
        tags: [managedTag],
      });
      return toLoadBalancer(lb, [], [], loadBalancerStatus(lb.provisioning_status));
    },

    async remove(ctx, id) {
      const c = await current(ctx, id);
      requireLoadBalancerStatus(c, 'delete');
      try {
        await c.rest.remove(os.loadBalancers, id, { cascade: 'true' });
      } catch (e) {
        throw busy(e, c.lb, 'delete');
      }
      return { pending: true };
    },

    async get(ctx, id) {
      const c = await current(ctx, id);
      return toLoadBalancer(c.lb, c.s.listeners, view(c.set), c.status);
    },

    async list(ctx, q) {
      const rest = d.rest(ctx);
      // Octavia filters by project_id (any project for an admin token): one project's, every one's, or the caller's.
      const owner =
        ctx.onlyProjectId !== undefined
          ? { project_id: ctx.onlyProjectId }
          : ctx.allProjects
            ? {}
            : { project_id: ctx.projectId };
      // Load balancers, listeners and pools in three calls; members come from the tags (one Neutron call per page
      // to drop those whose server is gone), or for a load balancer the console did not make, from its pool.
      const [all, listeners, pools] = await Promise.all([
        rest.listAll<OctaviaLoadBalancer>(os.loadBalancers, owner),
        rest.listAll<OctaviaListener>(os.listeners, owner),
        rest.listAll<OctaviaPool>(os.pools, owner),
      ]);
      const rows = all
        .filter((lb) => lb.provisioning_status !== 'DELETED')
        .map((lb) => {
          const s: Shape = {
            lb,
            listeners: listeners
              .filter((l) => l.loadbalancers.some((x) => x.id === lb.id))
              .sort((a, b) => a.protocol_port - b.protocol_port || a.id.localeCompare(b.id)),
            pools: pools.filter((p) => p.loadbalancers.some((x) => x.id === lb.id)),
          };
          const local = pending.get(lb.id);
          const stored = memberSetOfTags(lb);
          const divergent =
            !local && !!stored && lb.provisioning_status === 'ACTIVE' && nextStep(s, stored, new Map(), null) !== null;
          const octavia = loadBalancerStatus(lb.provisioning_status);
          const status: LoadBalancerStatus = octavia === 'active' && (local || divergent) ? 'updating' : octavia;
          return {
            id: lb.id,
            name: lb.name,
            status,
            created_at: lb.created_at,
            s,
            set: local?.set ?? stored,
            divergent,
          };
        })
        .filter((r) => !q.status || r.status === q.status);
      const page = pageOf(
        rows,
        q,
        { name: (r) => r.name, status: (r) => r.status, created_at: (r) => r.created_at },
        (r) => r.name,
      );
      if (!page.items.length) return { total: page.total, items: [] };
      const live = await liveAddresses(
        rest,
        page.items.flatMap((r) => r.set?.members.map((m) => m.serverId) ?? []),
      );
      const items = await mapLimit(page.items, 4, async (r) => {
        if (r.divergent && mayWrite(ctx) && !pending.has(r.id) && r.set) {
          pending.set(r.id, { set: r.set });
          apply(ctx, r.id);
        }
        const set = r.set ? alive(r.set, live) : await foreignMemberSet(rest, r.s);
        return toLoadBalancer(r.s.lb, r.s.listeners, view(set), r.status);
      });
      return { total: page.total, items };
    },

    async changeMembers(ctx, id, input) {
      const c = await current(ctx, id);
      const { lb, set } = c;
      if (input.op === 'add') {
        requireLoadBalancerStatus(c, 'change-members');
        let server: { id: string; name: string; tenant_id?: string };
        try {
          server = await c.rest.get(os.servers, input.server_id);
        } catch (e) {
          if (e instanceof CloudError && (e.kind === 'not_found' || e.kind === 'forbidden'))
            server = { id: '', name: '' };
          else throw e;
        }
        // An admin sees every project's servers: a member comes from the load balancer's own project.
        if (!server.id || (server.tenant_id && server.tenant_id !== lb.project_id))
          throw invalid('server_id', `names server "${input.server_id}", which does not exist in this project`);
        const existing = set.members.find((m) => m.serverId === server.id);
        if (existing)
          throw conflict(
            `server ${server.name} is already a member of load balancer ${lb.name} (${existing.address}:${existing.port})`,
          );
        // The address on the VIP's subnet if the server has one there, else its first IPv4 address.
        const ips = (await c.rest.page<NeutronPort>(os.ports, { device_id: server.id }))
          .sort((a, b) => (a.created_at ?? '').localeCompare(b.created_at ?? '') || a.id.localeCompare(b.id))
          .flatMap((p) => p.fixed_ips)
          .filter((f) => !f.ip_address.includes(':'));
        const ip = ips.find((f) => f.subnet_id === lb.vip_subnet_id) ?? ips[0];
        if (!ip)
          throw conflict(
            `server ${server.name} has no address load balancer ${lb.name} can reach (it needs an IPv4 address)`,
          );
        const seq = Math.max(0, ...set.members.map((m) => m.seq)) + 1;
        const next: MemberSet = {
          members: [
            ...set.members,
            { seq, serverId: server.id, port: input.port, address: ip.ip_address, name: server.name },
          ],
          needsListener: set.needsListener || !c.s.listeners.length,
        };
        return changeMemberSet(ctx, c, next, 'add a member to');
      }
      requireLoadBalancerStatus(c, 'change-members');
      const ip = input.server_ip !== undefined ? canonicalIp(input.server_ip) : null;
      if (input.server_ip !== undefined && !ip) throw invalid('server_ip', `"${input.server_ip}" is not an IP address`);
      const member = set.members.find((m) =>
        input.server_id !== undefined ? m.serverId === input.server_id : canonicalIp(m.address) === ip,
      );
      if (!member)
        throw new CloudError(
          'not_found',
          `load balancer ${lb.name} has no member ${input.server_id !== undefined ? `with server_id ${input.server_id}` : `with server_ip ${input.server_ip}`}`,
        );
      return changeMemberSet(
        ctx,
        c,
        { ...set, members: set.members.filter((m) => m !== member) },
        'remove a member from',
      );
    },

    async addListener(ctx, id, input) {
      const c = await current(ctx, id);
      const { lb } = c;
      requireLoadBalancerStatus(c, 'change-listeners');
      const taken = c.s.listeners.find((l) => l.protocol_port === input.port);
      if (taken)
        throw conflict(
          `port ${input.port} is already used by listener ${taken.id} (${taken.protocol}) of load balancer ${lb.name}`,
        );
      // The listener now (its id is the answer); its pool and the pool's members follow.
      claim(id, c.set, lb, 'add a listener to');
      let listener: OctaviaListener;
      try {
        listener = await c.rest.create<OctaviaListener>(os.listeners, {
          loadbalancer_id: id,
          protocol: input.protocol,
          protocol_port: input.port,
        });
      } catch (e) {
        pending.delete(id);
        if (e instanceof CloudError && e.kind === 'invalid')
          throw new CloudError('invalid', `cannot add the listener: ${e.message}`, [
            { path: 'protocol', message: e.message },
          ]);
        throw busy(e, lb, 'add a listener to');
      }
      apply(ctx, id);
      return toLoadBalancer(lb, [...c.s.listeners, listener], view(c.set), 'updating');
    },

    async removeListener(ctx, id, listenerId) {
      const c = await current(ctx, id);
      const { lb } = c;
      const listener = c.s.listeners.find((l) => l.id === listenerId);
      if (!listener) throw new CloudError('not_found', `load balancer ${lb.name} has no listener ${listenerId}`);
      requireLoadBalancerStatus(c, 'change-listeners');
      // The listener now; its pool, no longer used, is deleted next. The member set stays in the tags.
      claim(id, c.set, lb, 'remove a listener from');
      try {
        await c.rest.remove(os.listeners, listenerId);
      } catch (e) {
        pending.delete(id);
        throw busy(e, lb, 'remove a listener from');
      }
      apply(ctx, id);
      return toLoadBalancer(
        lb,
        c.s.listeners.filter((l) => l !== listener),
        view(c.set),
        'updating',
      );
    },

    async forgetServer(ctx, serverId) {
      const rest = d.rest(ctx);
      for (const lb of await rest.page<OctaviaLoadBalancer>(os.loadBalancers, { tags: serverTag(serverId) })) {
        const local = pending.get(lb.id);
        if (local) {
          // Being changed here: the change in progress writes the tags without it.
          local.set = { ...local.set, members: local.set.members.filter((m) => m.serverId !== serverId) };
          continue;
        }
        const stored = memberSetOfTags(lb);
        if (!stored) continue;
        const set = { ...stored, members: stored.members.filter((m) => m.serverId !== serverId) };
        pending.set(lb.id, { set });
        if (lb.provisioning_status === 'ACTIVE')
          await rest
            .update(os.loadBalancers, lb.id, { tags: tagsFor(lb, set, lb.listeners.length > 0) })
            .catch(() => undefined); // busy: `apply` retries
        apply(ctx, lb.id);
      }
    },
  };
}
