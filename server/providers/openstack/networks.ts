import 'server-only';
import { parseCidr } from '@/lib/contract/security-group';
import { CloudError, conflict, invalid, notFound } from '../errors';
import type { CloudProvider, ProviderContext } from '../types';
import { isAdminCtx, type OsDeps } from './context';
import { orNotFound } from './compute';
import { isPublicIp, publicIpTag, toFloatingIp, toPublicIp } from './mappers/floating-ip';
import { toNetwork, toSubnet } from './mappers/network';
import { toRule, toSecurityGroup } from './mappers/security-group';
import type { NeutronFloatingIp, NeutronNetwork, NeutronPort, NeutronSecurityGroup, NeutronSecurityGroupRule, NeutronSubnet } from './mappers/wire';
import { pageOf } from './paging';
import { os, type Rest } from './rest';

/** A tenant's lists show its own resources; an admin's the whole cloud only when the service widened the scope. */
const ownerQuery = (ctx: ProviderContext) => (ctx.allProjects ? {} : { project_id: ctx.projectId });

/** Neutron refuses in-use deletions and duplicates with 409 and bad input with 400: keep the kinds, name the resource. */
async function named<T>(p: Promise<T>, what: string): Promise<T> {
  try {
    return await p;
  } catch (e) {
    if (e instanceof CloudError && (e.kind === 'conflict' || e.kind === 'invalid')) throw new CloudError(e.kind, `${what}: ${e.message}`, e.details, e.cause);
    throw e;
  }
}

export function osNetworks(d: OsDeps): CloudProvider['networks'] {
  async function withSubnets(rest: Rest, nets: NeutronNetwork[]) {
    const subnets = nets.length ? await rest.page<NeutronSubnet>(os.subnets, { network_id: nets.map((n) => n.id) }) : [];
    return nets.map((n) => toNetwork(n, subnets));
  }
  return {
    async list(ctx, q) {
      const rest = d.rest(ctx);
      const all = await rest.listAll<NeutronNetwork>(os.networks, q.external ? { 'router:external': q.external } : {});
      // A tenant sees its own networks and the shared/external ones; so does an admin acting in a project.
      const visible = ctx.allProjects ? all : all.filter((n) => n.project_id === ctx.projectId || n.shared || n['router:external']);
      const page = pageOf(visible, { ...q, sort: q.sort?.replace('created_at', 'created') }, { name: (n) => n.name, created: (n) => n.created_at ?? '' }, (n) => n.name);
      return { total: page.total, items: await withSubnets(rest, page.items) };
    },
    async get(ctx, id) {
      const rest = d.rest(ctx);
      const [n] = await withSubnets(rest, [await orNotFound(rest.get<NeutronNetwork>(os.networks, id), 'network', id)]);
      return n!;
    },
    async create(ctx, input) {
      const rest = d.rest(ctx);
      const n = await rest.create<NeutronNetwork>(os.networks, { name: input.name, ...(input.external ? { 'router:external': true } : {}) });
      return toNetwork(n, []);
    },
    async remove(ctx, id) {
      await named(orNotFound(d.rest(ctx).remove(os.networks, id), 'network', id), `cannot delete network ${id}`);
    },
    async createSubnet(ctx, networkId, input) {
      const rest = d.rest(ctx);
      const net = await orNotFound(rest.get<NeutronNetwork>(os.networks, networkId), 'network', networkId);
      const c = parseCidr(input.cidr);
      if (!c) throw invalid('cidr', `"${input.cidr}" is not a CIDR (e.g. 10.0.0.0/24 or 2001:db8::/64)`);
      if (input.ip_version !== undefined && input.ip_version !== c.version) throw invalid('ip_version', `is ${input.ip_version} but cidr ${input.cidr} is an IPv${c.version} network`);
      const siblings = await rest.page<NeutronSubnet>(os.subnets, { project_id: net.project_id });
      let s: NeutronSubnet;
      try {
        s = await rest.create<NeutronSubnet>(os.subnets, {
          network_id: networkId,
          name: input.name,
          cidr: input.cidr,
          ip_version: c.version,
          ...(input.gateway_ip !== undefined ? { gateway_ip: input.gateway_ip } : {}),
        });
      } catch (e) {
        // Neutron refuses an overlap within the network as a 400; the contract calls it a conflict.
        if (e instanceof CloudError && e.kind === 'invalid' && /overlap/i.test(e.message)) throw conflict(`cidr ${input.cidr} overlaps another subnet of the same network: ${e.message}`);
        if (e instanceof CloudError && e.kind === 'invalid') throw invalid(/gateway/i.test(e.message) ? 'gateway_ip' : 'cidr', e.message);
        throw e;
      }
      const overlaps = (a: string, b: string) => {
        const x = parseCidr(a);
        const y = parseCidr(b);
        if (!x || !y || x.version !== y.version) return false;
        const bits = x.version === 4 ? 32 : 128;
        const p = Math.min(x.prefix, y.prefix);
        const shift = BigInt(bits - p);
        return x.bits >> shift === y.bits >> shift;
      };
      const warnings = siblings
        .filter((o) => o.network_id !== networkId && overlaps(o.cidr, s.cidr))
        .map((o) => `cidr ${s.cidr} overlaps subnet ${o.name} (${o.cidr}) of another network; servers on the two cannot reach each other by these addresses`);
      return { subnet: toSubnet(s), warnings };
    },
    async getSubnet(ctx, id) {
      const s = await orNotFound(d.rest(ctx).get<NeutronSubnet>(os.subnets, id), 'subnet', id);
      return { ...toSubnet(s), project_id: s.project_id };
    },
    async removeSubnet(ctx, id) {
      await named(orNotFound(d.rest(ctx).remove(os.subnets, id), 'subnet', id), `cannot delete subnet ${id}`);
    },
  };
}

const fipSort = { floating_ip_address: (f: { floating_ip_address: string }) => f.floating_ip_address, status: (f: { status: string }) => f.status, created_at: (f: { created_at: string }) => f.created_at };

export function osFloatingIps(d: OsDeps): CloudProvider['floatingIps'] {
  async function getFip(rest: Rest, id: string) {
    const f = await orNotFound(rest.get<NeutronFloatingIp>(os.floatingIps, id), 'floating IP', id);
    if (isPublicIp(f)) throw notFound('floating IP', id);
    return f;
  }
  return {
    async create(ctx, input) {
      const f = await named(
        d.rest(ctx).create<NeutronFloatingIp>(os.floatingIps, {
          floating_network_id: input.external_network_id,
          ...(input.floating_ip_address ? { floating_ip_address: input.floating_ip_address } : {}),
          ...(input.subnet_id ? { subnet_id: input.subnet_id } : {}),
          ...(input.port_id ? { port_id: input.port_id } : {}),
          ...(input.fixed_ip_address ? { fixed_ip_address: input.fixed_ip_address } : {}),
          description: input.description,
        }),
        'cannot create the floating IP',
      );
      return toFloatingIp(f);
    },
    async remove(ctx, id) {
      const rest = d.rest(ctx);
      await getFip(rest, id);
      await rest.remove(os.floatingIps, id);
    },
    async update(ctx, id, input) {
      const rest = d.rest(ctx);
      await getFip(rest, id);
      const f = await named(
        rest.update<NeutronFloatingIp>(os.floatingIps, id, {
          ...(input.port_id !== undefined ? { port_id: input.port_id } : {}),
          ...(input.fixed_ip_address !== undefined ? { fixed_ip_address: input.fixed_ip_address } : {}),
          ...(input.description !== undefined ? { description: input.description } : {}),
        }),
        `cannot change floating IP ${id}`,
      );
      return toFloatingIp(f);
    },
    async get(ctx, id) {
      return toFloatingIp(await getFip(d.rest(ctx), id));
    },
    async list(ctx, q) {
      const all = await d.rest(ctx).listAll<NeutronFloatingIp>(os.floatingIps, { ...ownerQuery(ctx), 'not-tags': publicIpTag, ...(q.status ? { status: q.status } : {}) });
      return pageOf(all.map(toFloatingIp), { ...q, name: undefined }, fipSort);
    },
  };
}

/** The external network public IPs come from: the first one, by name, that has an IPv4 subnet to allocate from. */
async function externalNetwork(rest: Rest): Promise<string> {
  const nets = await rest.page<NeutronNetwork>(os.networks, { 'router:external': true });
  const v4 = nets.length ? await rest.page<NeutronSubnet>(os.subnets, { network_id: nets.map((n) => n.id), ip_version: 4, fields: ['id', 'network_id'] }) : [];
  const first = nets.filter((n) => v4.some((s) => s.network_id === n.id)).sort((a, b) => a.name.localeCompare(b.name))[0];
  if (!first) throw new CloudError('not_supported', 'this cloud has no external network to take public IPs from');
  return first.id;
}

export function osPublicIps(d: OsDeps): CloudProvider['publicIps'] {
  async function getPip(rest: Rest, id: string) {
    const f = await orNotFound(rest.get<NeutronFloatingIp>(os.floatingIps, id), 'public IP', id);
    if (!isPublicIp(f)) throw notFound('public IP', id);
    return f;
  }
  /** The port a bind/unbind names: the server's first port, or the project's port holding that private IP. */
  async function portFor(rest: Rest, ctx: ProviderContext, input: { server_id?: string; private_ip?: string }): Promise<NeutronPort> {
    if (input.server_id) {
      await orNotFound(rest.get(os.servers, input.server_id), 'server', input.server_id);
      const ports = await rest.page<NeutronPort>(os.ports, { device_id: input.server_id });
      const port = ports.sort((a, b) => (a.created_at ?? '').localeCompare(b.created_at ?? ''))[0];
      if (!port) throw conflict(`server ${input.server_id} has no network port to bind to`);
      return port;
    }
    const ports = await rest.page<NeutronPort>(os.ports, { ...(isAdminCtx(ctx) ? {} : { project_id: ctx.projectId }), fixed_ips: `ip_address=${input.private_ip}` });
    const port = ports.find((p) => p.device_owner.startsWith('compute:'));
    if (!port) throw notFound('server with private IP', input.private_ip ?? '');
    return port;
  }
  return {
    async create(ctx, input) {
      const rest = d.rest(ctx);
      if (input.ip_version === 6) throw new CloudError('not_supported', 'this cloud gives IPv4 public IPs only (Neutron floating IPs are IPv4)');
      const f = await named(rest.create<NeutronFloatingIp>(os.floatingIps, { floating_network_id: await externalNetwork(rest), description: input.name }), 'cannot create the public IP');
      await rest.call('network', 'PUT', `floatingips/${f.id}/tags/${publicIpTag}`);
      return toPublicIp({ ...f, tags: [publicIpTag] });
    },
    async bind(ctx, id, input) {
      const rest = d.rest(ctx);
      const pip = await getPip(rest, id);
      if (pip.port_id) throw conflict(`public IP ${pip.floating_ip_address} is already bound; unbind it first`);
      const port = await portFor(rest, ctx, input);
      const f = await named(
        rest.update<NeutronFloatingIp>(os.floatingIps, id, { port_id: port.id, ...(input.private_ip ? { fixed_ip_address: input.private_ip } : {}) }),
        `cannot bind public IP ${pip.floating_ip_address}`,
      );
      return toPublicIp(f);
    },
    async unbind(ctx, id, input) {
      const rest = d.rest(ctx);
      const pip = await getPip(rest, id);
      const bound = toPublicIp(pip);
      if (!pip.port_id) throw conflict(`public IP ${pip.floating_ip_address} is not bound`);
      if ((input.server_id && bound.server_id !== input.server_id) || (input.private_ip && bound.private_ip !== input.private_ip))
        throw conflict(`public IP ${pip.floating_ip_address} is bound to ${bound.private_ip} of server ${bound.server_id}, not to ${input.server_id ?? input.private_ip}`);
      return toPublicIp(await rest.update<NeutronFloatingIp>(os.floatingIps, id, { port_id: null }));
    },
    async get(ctx, id) {
      return toPublicIp(await getPip(d.rest(ctx), id));
    },
    async list(ctx, q) {
      const all = await d.rest(ctx).listAll<NeutronFloatingIp>(os.floatingIps, { ...ownerQuery(ctx), tags: publicIpTag });
      const items = all.map(toPublicIp).filter((p) => !q.status || p.status === q.status);
      return pageOf(items, q, { name: (p) => p.name, ip_address: (p) => p.ip_address, status: (p) => p.status, created_at: (p) => p.created_at }, (p) => p.name);
    },
    async remove(ctx, id) {
      const rest = d.rest(ctx);
      const pip = await getPip(rest, id);
      if (pip.port_id) throw conflict(`public IP ${pip.floating_ip_address} is bound; unbind it before deleting`);
      await rest.remove(os.floatingIps, id);
    },
  };
}

export function osSecurityGroups(d: OsDeps): CloudProvider['securityGroups'] {
  /** Which servers use each group: one port list for the page, not one per group. */
  async function withServers(rest: Rest, groups: NeutronSecurityGroup[]) {
    if (!groups.length) return [];
    const projects = [...new Set(groups.map((g) => g.project_id))];
    const ports = await rest.page<NeutronPort>(os.ports, { project_id: projects, fields: ['id', 'device_id', 'device_owner', 'security_groups'] });
    return groups.map((g) =>
      toSecurityGroup(
        g,
        [...new Set(ports.filter((p) => p.device_owner?.startsWith('compute:') && (p.security_groups ?? []).includes(g.id)).map((p) => p.device_id))].sort(),
      ),
    );
  }
  return {
    async create(ctx, input) {
      const rest = d.rest(ctx);
      const g = await named(rest.create<NeutronSecurityGroup>(os.securityGroups, { name: input.name, description: input.description }), 'cannot create the security group');
      return toSecurityGroup(g, []);
    },
    async remove(ctx, id) {
      await named(orNotFound(d.rest(ctx).remove(os.securityGroups, id), 'security group', id), `cannot delete security group ${id}`);
    },
    async get(ctx, id) {
      const rest = d.rest(ctx);
      const [g] = await withServers(rest, [await orNotFound(rest.get<NeutronSecurityGroup>(os.securityGroups, id), 'security group', id)]);
      return g!;
    },
    async list(ctx, q) {
      const rest = d.rest(ctx);
      const all = await rest.listAll<NeutronSecurityGroup>(os.securityGroups, ownerQuery(ctx));
      const page = pageOf(all, { ...q, sort: q.sort?.replace('created_at', 'created') }, { name: (g) => g.name, created: (g) => g.created_at ?? '' }, (g) => g.name);
      return { total: page.total, items: await withServers(rest, page.items) };
    },
    async createRule(ctx, input) {
      const rest = d.rest(ctx);
      await orNotFound(rest.get(os.securityGroups, input.security_group_id), 'security group', input.security_group_id);
      const r = await named(
        rest.create<NeutronSecurityGroupRule>(os.securityGroupRules, {
          security_group_id: input.security_group_id,
          direction: input.direction,
          ethertype: input.ethertype,
          protocol: input.protocol === 'icmp' && input.ethertype === 'IPv6' ? 'ipv6-icmp' : input.protocol,
          remote_ip_prefix: input.remote_ip_prefix ?? null,
          remote_group_id: input.remote_group_id ?? null,
          port_range_min: input.port_range_min ?? null,
          port_range_max: input.port_range_max ?? null,
          description: input.description,
        }),
        'cannot create the rule',
      );
      return toRule(r);
    },
    async getRule(ctx, id) {
      const r = await orNotFound(d.rest(ctx).get<NeutronSecurityGroupRule>(os.securityGroupRules, id), 'security group rule', id);
      return { ...toRule(r), project_id: r.project_id };
    },
    async removeRule(ctx, id) {
      await orNotFound(d.rest(ctx).remove(os.securityGroupRules, id), 'security group rule', id);
    },
  };
}
