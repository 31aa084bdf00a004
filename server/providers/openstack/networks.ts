import 'server-only';
import { cidrRange, ipInCidr, normaliseCidr, parseIp } from '@/lib/network/ip';
import { CloudError, conflict, invalid, notFound } from '../errors';
import type { CloudProvider, ProviderContext } from '../types';
import type { OsDeps } from './context';
import { orNotFound } from './compute';
import {
  neutronExternalNotReachable,
  neutronFloatingIpCreateRules,
  neutronSubnetCreateRules,
  recognises,
  translateError,
} from './errors';
import { isPublicIp, publicIpTag, toFloatingIp, toPublicIp } from './mappers/floating-ip';
import { toNetwork, toSubnet } from './mappers/network';
import { toRule, toSecurityGroup } from './mappers/security-group';
import type {
  NeutronFloatingIp,
  NeutronNetwork,
  NeutronPort,
  NeutronSecurityGroup,
  NeutronSecurityGroupRule,
  NeutronSubnet,
} from './mappers/wire';
import { pageOf } from '../paging';
import { os, type Rest } from './rest';
import { ensureRouted, holdersOf, releaseRouterInterfaces, serverNames, withNeutronQuota } from './neutron-checks';
// The contract's own rules, which every driver applies: one wording and one arithmetic for all.
import { planSubnet } from '../shared/subnet-plan';
import { ruleSignature } from '../shared/rule-signature';
import { osUnsupported } from './unsupported';

/**
 * A tenant's lists show its own resources; an admin's the whole cloud only when the service widened the scope, or
 * one project's when the list names it (`project_id`, which Neutron filters on for an admin token).
 */
const ownerQuery = (ctx: ProviderContext) =>
  ctx.onlyProjectId !== undefined
    ? { project_id: ctx.onlyProjectId }
    : ctx.allProjects
      ? {}
      : { project_id: ctx.projectId };

/** Neutron refuses in-use deletions and duplicates with 409 and bad input with 400: keep the kinds, name the resource. */
async function named<T>(p: Promise<T>, what: string): Promise<T> {
  try {
    return await p;
  } catch (e) {
    if (e instanceof CloudError && (e.kind === 'conflict' || e.kind === 'invalid'))
      throw new CloudError(e.kind, `${what}: ${e.message}`, e.details, e.cause);
    throw e;
  }
}

export function osNetworks(d: OsDeps): CloudProvider['networks'] {
  async function withSubnets(rest: Rest, nets: NeutronNetwork[]) {
    const subnets = nets.length
      ? await rest.page<NeutronSubnet>(os.subnets, { network_id: nets.map((n) => n.id) })
      : [];
    return nets.map((n) => toNetwork(n, subnets));
  }
  return {
    async list(ctx, q) {
      const rest = d.rest(ctx);
      const all = await rest.listAll<NeutronNetwork>(os.networks, q.external ? { 'router:external': q.external } : {});
      // A tenant sees its own networks and the shared/external ones; so does an admin acting in a project.
      const visible = (
        ctx.allProjects ? all : all.filter((n) => n.project_id === ctx.projectId || n.shared || n['router:external'])
      ).filter((n) => ctx.onlyProjectId === undefined || n.project_id === ctx.onlyProjectId);
      // Unsorted, the simulator lists networks oldest first (the cloud's own external network before any added later);
      // Neutron orders by id: sort by creation here too.
      const page = pageOf(
        visible,
        { ...q, sort: (q.sort ?? 'created_at').replace('created_at', 'created') },
        { name: (n) => n.name, created: (n) => n.created_at ?? '' },
        (n) => n.name,
      );
      return { total: page.total, items: await withSubnets(rest, page.items) };
    },
    async get(ctx, id) {
      const rest = d.rest(ctx);
      const [n] = await withSubnets(rest, [await orNotFound(rest.get<NeutronNetwork>(os.networks, id), 'network', id)]);
      return n!;
    },
    async create(ctx, input) {
      const rest = d.rest(ctx);
      // An external network is every project's (the contract shows it shared): shared in Neutron too, so that
      // tenants see its subnets (which address ranges their floating IPs may come from).
      const n = await rest.create<NeutronNetwork>(os.networks, {
        name: input.name,
        ...(input.external ? { 'router:external': true, shared: true } : {}),
      });
      return toNetwork(n, []);
    },
    async remove(ctx, id) {
      const rest = d.rest(ctx);
      const net = await orNotFound(rest.get<NeutronNetwork>(os.networks, id), 'network', id);
      const holders = await holdersOf(rest, { network: net });
      if (holders.length)
        throw conflict(`network ${net.name} is still in use by ${holders.join(', ')}; release them first`);
      await releaseRouterInterfaces(rest, { networkId: id });
      await named(orNotFound(rest.remove(os.networks, id), 'network', id), `cannot delete network ${net.name}`);
    },
    async createSubnet(ctx, networkId, input) {
      const rest = d.rest(ctx);
      const net = await orNotFound(rest.get<NeutronNetwork>(os.networks, networkId), 'network', networkId);
      // Neutron accepts host bits, off-subnet gateways and overlaps across networks silently: the contract's
      // rules (planSubnet) refuse the first two and warn about the third, as on every backend.
      const [siblings, projectNets] = await Promise.all([
        rest.page<NeutronSubnet>(os.subnets, { project_id: net.project_id }),
        rest.page<NeutronNetwork>(os.networks, { project_id: net.project_id, fields: ['id', 'name'] }),
      ]);
      const netName = new Map(projectNets.map((n) => [n.id, n.name]));
      const plan = planSubnet(
        input,
        siblings.filter((o) => o.network_id === networkId),
        siblings
          .filter((o) => o.network_id !== networkId)
          .map((o) => ({ ...o, network_name: netName.get(o.network_id) ?? o.network_id })),
      );
      let s: NeutronSubnet;
      try {
        s = await rest.create<NeutronSubnet>(os.subnets, {
          network_id: networkId,
          name: input.name,
          cidr: plan.cidr,
          ip_version: plan.ip_version,
          gateway_ip: plan.gateway_ip,
        });
      } catch (e) {
        throw translateError(neutronSubnetCreateRules, e, { cidr: plan.cidr });
      }
      return { subnet: toSubnet(s), warnings: plan.warnings };
    },
    async getSubnet(ctx, id) {
      const s = await orNotFound(d.rest(ctx).get<NeutronSubnet>(os.subnets, id), 'subnet', id);
      return { ...toSubnet(s), project_id: s.project_id };
    },
    async removeSubnet(ctx, id) {
      const rest = d.rest(ctx);
      const subnet = await orNotFound(rest.get<NeutronSubnet>(os.subnets, id), 'subnet', id);
      const holders = await holdersOf(rest, { subnet });
      if (holders.length)
        throw conflict(
          `subnet ${subnet.name} (${subnet.cidr}) is still in use by ${holders.join(', ')}; release them first`,
        );
      await releaseRouterInterfaces(rest, { subnetId: id });
      await named(orNotFound(rest.remove(os.subnets, id), 'subnet', id), `cannot delete subnet ${subnet.name}`);
    },
  };
}

/** Addresses sort as numbers (203.0.113.9 before 203.0.113.10): IPv4 octets padded, IPv6 as written. */
const addressKey = (a: string) =>
  a.includes(':')
    ? a
    : a
        .split('.')
        .map((o) => o.padStart(3, '0'))
        .join('.');
const fipSort = {
  floating_ip_address: (f: { floating_ip_address: string }) => addressKey(f.floating_ip_address),
  status: (f: { status: string }) => f.status,
  created_at: (f: { created_at: string }) => f.created_at,
};

/**
 * Binding a floating IP to a port needs a route from the port's subnet to the external network. The standard
 * has no routers, so when Neutron says there is none the console plugs the subnet into the project's router.
 */
async function routedBind<T>(
  rest: Rest,
  ctx: ProviderContext,
  portId: string,
  externalNetworkId: string,
  bind: () => Promise<T>,
): Promise<T> {
  try {
    return await bind();
  } catch (e) {
    if (!recognises(neutronExternalNotReachable, e)) throw e;
    const port = await rest.get<NeutronPort>(os.ports, portId);
    for (const subnetId of new Set(port.fixed_ips.map((f) => f.subnet_id)))
      await ensureRouted(rest, ctx, subnetId, externalNetworkId, port.project_id);
    return bind();
  }
}

/** A port the caller names for a floating IP: its own project's, holding the fixed IP given, with no floating IP yet. */
async function checkPort(
  rest: Rest,
  projectId: string,
  portId: string,
  fixedIp: string | null | undefined,
  except?: string,
): Promise<NeutronPort> {
  let port: NeutronPort | undefined;
  try {
    port = await rest.get<NeutronPort>(os.ports, portId);
  } catch (e) {
    if (!(e instanceof CloudError && e.kind === 'not_found')) throw e;
  }
  // An admin sees every port: the floating IP's project is what counts.
  if (!port || port.project_id !== projectId) throw invalid('port_id', `"${portId}" is not a port of this project`);
  if (fixedIp && !port.fixed_ips.some((f) => f.ip_address === fixedIp))
    throw invalid(
      'fixed_ip_address',
      `${fixedIp} is not an address of port ${portId} (${port.fixed_ips.map((f) => f.ip_address).join(', ')})`,
    );
  const taken = (await rest.page<NeutronFloatingIp>(os.floatingIps, { port_id: portId })).find((f) => f.id !== except);
  if (taken) {
    const who = port.device_owner?.startsWith('compute:')
      ? `server ${(await serverNames(rest, [port.device_id])).get(port.device_id)}`
      : `port ${portId}`;
    throw conflict(
      `${who} already has ${isPublicIp(taken) ? 'public' : 'floating'} IP ${taken.floating_ip_address}; unbind it first`,
    );
  }
  return port;
}

/** A full external network in the contract's words (see neutronFloatingIpCreateRules). */
async function withFreeAddress<T>(p: Promise<T>, networkId: string): Promise<T> {
  try {
    return await p;
  } catch (e) {
    throw translateError(neutronFloatingIpCreateRules, e, { networkId });
  }
}

export function osFloatingIps(d: OsDeps): CloudProvider['floatingIps'] {
  /** The creation fields Neutron would refuse without naming them (or, for another project's port, with a 404). */
  async function checkCreate(
    rest: Rest,
    ctx: ProviderContext,
    input: {
      external_network_id: string;
      subnet_id?: string;
      port_id?: string;
      fixed_ip_address?: string;
      floating_ip_address?: string;
    },
  ) {
    const net = await rest.get<NeutronNetwork>(os.networks, input.external_network_id).catch((e: unknown) => {
      if (e instanceof CloudError && e.kind === 'not_found') return null;
      throw e;
    });
    if (!net) throw invalid('external_network_id', `"${input.external_network_id}" is not a network`);
    if (!net['router:external']) throw invalid('external_network_id', `network ${net.name} is not an external network`);
    const subnets = await rest.page<NeutronSubnet>(os.subnets, { network_id: net.id });
    if (input.subnet_id) {
      const s = subnets.find((x) => x.id === input.subnet_id);
      if (!s) throw invalid('subnet_id', `"${input.subnet_id}" is not a subnet of external network ${net.name}`);
      if (s.ip_version === 6) throw invalid('subnet_id', `subnet ${s.name} is IPv6; floating IPs are IPv4`);
    }
    if (input.floating_ip_address) {
      const a = input.floating_ip_address;
      const s = subnets.find((x) => x.ip_version === 4 && ipInCidr(a, x.cidr));
      const range = s ? cidrRange(s.cidr) : null;
      const n = parseIp(a)?.n;
      if (!s || !range || n === undefined || n < range.first || n > range.end || a === s.gateway_ip)
        throw invalid(
          'floating_ip_address',
          `${a} is not a usable address of external network ${net.name} (${subnets
            .filter((x) => x.ip_version === 4)
            .map((x) => x.cidr)
            .join(', ')})`,
        );
    }
    if (input.fixed_ip_address && !input.port_id) throw invalid('fixed_ip_address', 'is given only with port_id');
    if (input.port_id) await checkPort(rest, ctx.projectId, input.port_id, input.fixed_ip_address);
  }
  async function getFip(rest: Rest, id: string) {
    const f = await orNotFound(rest.get<NeutronFloatingIp>(os.floatingIps, id), 'floating IP', id);
    if (isPublicIp(f)) throw notFound('floating IP', id);
    return f;
  }
  return {
    async create(ctx, input) {
      const rest = d.rest(ctx);
      await checkCreate(rest, ctx, input);
      const create = () =>
        rest.create<NeutronFloatingIp>(os.floatingIps, {
          floating_network_id: input.external_network_id,
          ...(input.floating_ip_address ? { floating_ip_address: input.floating_ip_address } : {}),
          ...(input.subnet_id ? { subnet_id: input.subnet_id } : {}),
          ...(input.port_id ? { port_id: input.port_id } : {}),
          ...(input.fixed_ip_address ? { fixed_ip_address: input.fixed_ip_address } : {}),
          description: input.description,
        });
      const f = await named(
        withFreeAddress(
          withNeutronQuota(
            input.port_id ? routedBind(rest, ctx, input.port_id, input.external_network_id, create) : create(),
            rest,
            ctx.projectId,
            'floatingip',
            'floating IPs',
          ),
          input.external_network_id,
        ),
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
      const current = await getFip(rest, id);
      if (input.port_id) await checkPort(rest, current.project_id, input.port_id, input.fixed_ip_address, id);
      else if (input.fixed_ip_address && (input.port_id === null || !current.port_id))
        throw invalid('fixed_ip_address', 'is given only with a port (port_id, or a floating IP already bound)');
      else if (input.fixed_ip_address && current.port_id)
        await checkPort(rest, current.project_id, current.port_id, input.fixed_ip_address, id);
      const update = () =>
        rest.update<NeutronFloatingIp>(os.floatingIps, id, {
          ...(input.port_id !== undefined ? { port_id: input.port_id } : {}),
          ...(input.fixed_ip_address !== undefined ? { fixed_ip_address: input.fixed_ip_address } : {}),
          ...(input.description !== undefined ? { description: input.description } : {}),
        });
      const f = await named(
        input.port_id ? routedBind(rest, ctx, input.port_id, current.floating_network_id, update) : update(),
        `cannot change floating IP ${id}`,
      );
      return toFloatingIp(f);
    },
    async get(ctx, id) {
      return toFloatingIp(await getFip(d.rest(ctx), id));
    },
    async list(ctx, q) {
      const all = await d.rest(ctx).listAll<NeutronFloatingIp>(os.floatingIps, {
        ...ownerQuery(ctx),
        'not-tags': publicIpTag,
        ...(q.status ? { status: q.status } : {}),
      });
      // A floating IP has no name: ?name= matches its address or description.
      return pageOf(all.map(toFloatingIp), q, fipSort, (f) => `${f.floating_ip_address} ${f.description}`);
    },
  };
}

/**
 * The external network public IPs come from: the oldest one that has an IPv4 subnet to allocate from (the
 * cloud's own; external networks added later, e.g. for a partner link, do not change where public IPs come from).
 */
export async function externalNetwork(rest: Rest): Promise<string> {
  const nets = await rest.page<NeutronNetwork>(os.networks, { 'router:external': true });
  const v4 = nets.length
    ? await rest.page<NeutronSubnet>(os.subnets, {
        network_id: nets.map((n) => n.id),
        ip_version: 4,
        fields: ['id', 'network_id'],
      })
    : [];
  const first = nets
    .filter((n) => v4.some((s) => s.network_id === n.id))
    .sort((a, b) => (a.created_at ?? '').localeCompare(b.created_at ?? '') || a.name.localeCompare(b.name))[0];
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
  async function portFor(
    rest: Rest,
    projectId: string,
    input: { server_id?: string; private_ip?: string },
  ): Promise<{ port: NeutronPort; serverName: string }> {
    if (input.server_id) {
      let server: { tenant_id: string; name: string } | undefined;
      try {
        server = await rest.get<{ tenant_id: string; name: string }>(os.servers, input.server_id);
      } catch (e) {
        if (!(e instanceof CloudError && e.kind === 'not_found')) throw e;
      }
      // An admin sees every server: the public IP's project is what counts.
      if (!server || server.tenant_id !== projectId)
        throw invalid('server_id', `"${input.server_id}" is not a server of this project`);
      const ports = await rest.page<NeutronPort>(os.ports, { device_id: input.server_id });
      const port = ports.sort((a, b) => (a.created_at ?? '').localeCompare(b.created_at ?? ''))[0];
      if (!port) throw conflict(`server ${server.name} has no network port to bind to`);
      return { port, serverName: server.name };
    }
    const ip = input.private_ip ?? '';
    if (ip.includes(':'))
      throw invalid(
        'private_ip',
        `${ip} is an IPv6 address; public IPs on this cloud are IPv4 and bind to IPv4 addresses`,
      );
    const ports = await rest.page<NeutronPort>(os.ports, { project_id: projectId, fixed_ips: `ip_address=${ip}` });
    const port = ports.find((p) => p.device_owner.startsWith('compute:'));
    if (!port) throw invalid('private_ip', `no server of this project has private IP ${ip}`);
    return { port, serverName: (await serverNames(rest, [port.device_id])).get(port.device_id) ?? port.device_id };
  }
  const boundTo = async (rest: Rest, f: NeutronFloatingIp) => {
    const device = f.port_details?.device_id;
    return device ? `server ${(await serverNames(rest, [device])).get(device)}` : `port ${f.port_id}`;
  };
  return {
    async create(ctx, input) {
      const rest = d.rest(ctx);
      osUnsupported.refuseIf(input.ip_version === 6, 'POST /public-ips#ip_version=IPv6');
      const f = await named(
        withNeutronQuota(
          rest.create<NeutronFloatingIp>(os.floatingIps, {
            floating_network_id: await externalNetwork(rest),
            description: input.name,
          }),
          rest,
          ctx.projectId,
          'floatingip',
          'public IPs',
        ),
        'cannot create the public IP',
      );
      await rest.call('network', 'PUT', `floatingips/${f.id}/tags/${publicIpTag}`);
      return toPublicIp({ ...f, tags: [publicIpTag] });
    },
    async bind(ctx, id, input) {
      const rest = d.rest(ctx);
      const pip = await getPip(rest, id);
      if (pip.port_id)
        throw conflict(
          `public IP ${pip.floating_ip_address} is already bound to ${await boundTo(rest, pip)}; unbind it first`,
        );
      const { port, serverName } = await portFor(rest, pip.project_id, input);
      // One outside address per port: Neutron's own refusal names ids only.
      const taken = (await rest.page<NeutronFloatingIp>(os.floatingIps, { port_id: port.id }))[0];
      if (taken)
        throw conflict(
          `server ${serverName} already has ${isPublicIp(taken) ? 'public' : 'floating'} IP ${taken.floating_ip_address}; unbind it first`,
        );
      const f = await named(
        routedBind(rest, ctx, port.id, pip.floating_network_id, () =>
          rest.update<NeutronFloatingIp>(os.floatingIps, id, {
            port_id: port.id,
            ...(input.private_ip ? { fixed_ip_address: input.private_ip } : {}),
          }),
        ),
        `cannot bind public IP ${pip.floating_ip_address}`,
      );
      return toPublicIp(f);
    },
    async unbind(ctx, id, input) {
      const rest = d.rest(ctx);
      const pip = await getPip(rest, id);
      const bound = toPublicIp(pip);
      if (!pip.port_id) throw conflict(`public IP ${pip.floating_ip_address} is not bound`);
      if (
        (input.server_id && bound.server_id !== input.server_id) ||
        (input.private_ip && bound.private_ip !== input.private_ip)
      )
        throw conflict(
          `public IP ${pip.floating_ip_address} is bound to ${bound.private_ip} of ${await boundTo(rest, pip)}, not to ${input.server_id ? `server ${input.server_id}` : input.private_ip}`,
        );
      return toPublicIp(await rest.update<NeutronFloatingIp>(os.floatingIps, id, { port_id: null }));
    },
    async get(ctx, id) {
      return toPublicIp(await getPip(d.rest(ctx), id));
    },
    async list(ctx, q) {
      const all = await d
        .rest(ctx)
        .listAll<NeutronFloatingIp>(os.floatingIps, { ...ownerQuery(ctx), tags: publicIpTag });
      const items = all.map(toPublicIp).filter((p) => !q.status || p.status === q.status);
      return pageOf(
        items,
        q,
        {
          name: (p) => p.name,
          ip_address: (p) => p.ip_address,
          status: (p) => p.status,
          created_at: (p) => p.created_at,
        },
        (p) => p.name,
      );
    },
    async remove(ctx, id) {
      const rest = d.rest(ctx);
      const pip = await getPip(rest, id);
      if (pip.port_id)
        throw conflict(
          `public IP ${pip.floating_ip_address} is bound to ${await boundTo(rest, pip)}; unbind it before deleting`,
        );
      await rest.remove(os.floatingIps, id);
    },
  };
}

export function osSecurityGroups(d: OsDeps): CloudProvider['securityGroups'] {
  /** Which servers use each group: one port list for the page, not one per group. */
  async function withServers(rest: Rest, groups: NeutronSecurityGroup[]) {
    if (!groups.length) return [];
    const projects = [...new Set(groups.map((g) => g.project_id))];
    const ports = await rest.page<NeutronPort>(os.ports, {
      project_id: projects,
      fields: ['id', 'device_id', 'device_owner', 'security_groups'],
    });
    return groups.map((g) =>
      toSecurityGroup(
        g,
        [
          ...new Set(
            ports
              .filter((p) => p.device_owner?.startsWith('compute:') && (p.security_groups ?? []).includes(g.id))
              .map((p) => p.device_id),
          ),
        ].sort(),
      ),
    );
  }
  return {
    async create(ctx, input) {
      const rest = d.rest(ctx);
      // Neutron keeps "default" for the group it makes itself; its refusal is a 400 without the reason.
      if (input.name === 'default')
        throw conflict(`the name "default" is kept for the project's own default security group; choose another name`);
      const g = await named(
        withNeutronQuota(
          rest.create<NeutronSecurityGroup>(os.securityGroups, { name: input.name, description: input.description }),
          rest,
          ctx.projectId,
          'security_group',
          'security groups',
        ),
        'cannot create the security group',
      );
      return toSecurityGroup(g, []);
    },
    async remove(ctx, id) {
      const rest = d.rest(ctx);
      const [g] = await withServers(rest, [
        await orNotFound(rest.get<NeutronSecurityGroup>(os.securityGroups, id), 'security group', id),
      ]);
      if (!g) throw notFound('security group', id);
      // Neutron lets an admin token delete a project's default group, and deletes other groups' rules naming this one silently.
      if (g.name === 'default')
        throw conflict(`security group default is the project's default group and cannot be deleted`);
      if (g.server_ids.length) {
        const names = await serverNames(rest, g.server_ids);
        throw conflict(
          `security group ${g.name} is in use by server ${g.server_ids.map((s) => `${names.get(s)} (${s})`).join(', ')}`,
        );
      }
      const referring = (
        await rest.page<NeutronSecurityGroupRule>(os.securityGroupRules, { remote_group_id: id })
      ).filter((r) => r.security_group_id !== id);
      if (referring.length) {
        const groups = await rest.page<NeutronSecurityGroup>(os.securityGroups, {
          id: [...new Set(referring.map((r) => r.security_group_id))],
          fields: ['id', 'name'],
        });
        throw conflict(
          `security group ${g.name} is the remote group of rules in security group ${groups
            .map((x) => x.name)
            .sort()
            .join(', ')}; delete those rules first`,
        );
      }
      await named(
        orNotFound(rest.remove(os.securityGroups, id), 'security group', id),
        `cannot delete security group ${g.name}`,
      );
    },
    async get(ctx, id) {
      const rest = d.rest(ctx);
      const [g] = await withServers(rest, [
        await orNotFound(rest.get<NeutronSecurityGroup>(os.securityGroups, id), 'security group', id),
      ]);
      return g!;
    },
    async list(ctx, q) {
      const rest = d.rest(ctx);
      // Neutron makes the default group of the project a list names (project_id), even of one Keystone does not
      // know: a mistyped id would leave a stray group behind. Such a project has nothing, so it lists nothing.
      if (ctx.onlyProjectId !== undefined && ctx.onlyProjectId !== ctx.projectId) {
        const known = await rest.call('identity', 'GET', `projects/${encodeURIComponent(ctx.onlyProjectId)}`).then(
          () => true,
          (e: unknown) => {
            if (e instanceof CloudError && e.kind === 'not_found') return false;
            throw e;
          },
        );
        if (!known) return { total: 0, items: [] };
      }
      const all = await rest.listAll<NeutronSecurityGroup>(os.securityGroups, ownerQuery(ctx));
      const page = pageOf(
        all,
        { ...q, sort: q.sort?.replace('created_at', 'created') },
        { name: (g) => g.name, created: (g) => g.created_at ?? '' },
        (g) => g.name,
      );
      return { total: page.total, items: await withServers(rest, page.items) };
    },
    async createRule(ctx, input) {
      const rest = d.rest(ctx);
      const g = await orNotFound(
        rest.get<NeutronSecurityGroup>(os.securityGroups, input.security_group_id),
        'security group',
        input.security_group_id,
      );
      if (input.remote_group_id) {
        const remote = await rest
          .get<NeutronSecurityGroup>(os.securityGroups, input.remote_group_id)
          .catch((e: unknown) => {
            if (e instanceof CloudError && e.kind === 'not_found') return null;
            throw e;
          });
        if (!remote || remote.project_id !== g.project_id)
          throw invalid(
            'remote_group_id',
            `names security group "${input.remote_group_id}", which is not a group of this project`,
          );
      }
      // Neutron compares rules field by field (10.1.2.3/24 and 10.1.2.0/24 differ there): the contract's
      // signature finds the duplicate however it is spelled, and Neutron stores the canonical prefix.
      const prefix = input.remote_ip_prefix ? normaliseCidr(input.remote_ip_prefix) : null;
      const signature = ruleSignature({ ...input, remote_ip_prefix: prefix });
      const same = g.security_group_rules.map(toRule).find((x) => ruleSignature(x) === signature);
      if (same) throw conflict(`security group ${g.name} already has this rule (${same.id})`);
      const r = await named(
        rest.create<NeutronSecurityGroupRule>(os.securityGroupRules, {
          security_group_id: input.security_group_id,
          direction: input.direction,
          ethertype: input.ethertype,
          protocol: input.protocol === 'icmp' && input.ethertype === 'IPv6' ? 'ipv6-icmp' : input.protocol,
          remote_ip_prefix: prefix,
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
      const r = await orNotFound(
        d.rest(ctx).get<NeutronSecurityGroupRule>(os.securityGroupRules, id),
        'security group rule',
        id,
      );
      return { ...toRule(r), project_id: r.project_id };
    },
    async removeRule(ctx, id) {
      await orNotFound(d.rest(ctx).remove(os.securityGroupRules, id), 'security group rule', id);
    },
  };
}
