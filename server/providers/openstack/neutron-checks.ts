import 'server-only';
import { CloudError, quotaExceeded } from '../errors';
import type { ProviderContext } from '../types';
import { neutronRouterInterfaceExists, recognises } from './errors';
import type {
  NeutronFloatingIp,
  NeutronNetwork,
  NeutronPort,
  NeutronSubnet,
  OctaviaLoadBalancer,
} from './mappers/wire';
import { os, type Rest } from './rest';

/**
 * Checks the console makes itself before asking Neutron, so that OpenStack answers as API.md says: a refusal
 * names what holds the resource (Neutron's own 409s name port ids), a quota refusal names the quota with its
 * numbers, and things Neutron does not refuse at all but the contract does are refused (a subnet holding a load
 * balancer VIP when Octavia's VIP port lives elsewhere, an external network whose addresses floating IPs hold).
 */

/** Server names by id, read as the caller (a server it cannot see keeps its id). */
export async function serverNames(rest: Rest, ids: string[]): Promise<Map<string, string>> {
  const names = new Map<string, string>();
  await Promise.all(
    [...new Set(ids)].map(async (id) => {
      try {
        names.set(id, (await rest.get<{ name: string }>(os.servers, id)).name);
      } catch {
        names.set(id, id);
      }
    }),
  );
  return names;
}

/** Octavia's load balancers matching a filter; none when the cloud has no Octavia. */
async function loadBalancersWhere(rest: Rest, query: Record<string, string>): Promise<OctaviaLoadBalancer[]> {
  try {
    return await rest.page<OctaviaLoadBalancer>(os.loadBalancers, query);
  } catch (e) {
    if (e instanceof CloudError && (e.kind === 'not_supported' || e.kind === 'not_found')) return [];
    throw e;
  }
}

/**
 * What keeps a network or subnet from being deleted, in words: "server web-1 (10.0.0.5)", "load balancer lb-1",
 * "floating IP 203.0.113.7". Router interfaces the console added itself (see `ensureRouted`) are not holders:
 * `releaseRouterInterfaces` removes them before the deletion.
 */
export async function holdersOf(
  rest: Rest,
  target: { network: NeutronNetwork } | { subnet: NeutronSubnet },
): Promise<string[]> {
  const isNet = 'network' in target;
  const ports = await rest.page<NeutronPort>(
    os.ports,
    isNet ? { network_id: target.network.id } : { fixed_ips: `subnet_id=${target.subnet.id}` },
  );
  const compute = ports.filter((p) => p.device_owner?.startsWith('compute:'));
  const names = await serverNames(
    rest,
    compute.map((p) => p.device_id),
  );
  const out = compute.map((p) => {
    const ip = p.fixed_ips.find(
      (f) => isNet || f.subnet_id === (target as { subnet: NeutronSubnet }).subnet.id,
    )?.ip_address;
    return `server ${names.get(p.device_id)}${ip ? ` (${ip})` : ''}`;
  });
  // Octavia filters by vip_subnet_id but ignores vip_network_id: a network's load balancers are picked here.
  const lbs = isNet
    ? (await loadBalancersWhere(rest, {})).filter(
        (lb) => lb.vip_network_id === target.network.id || target.network.subnets?.includes(lb.vip_subnet_id ?? ''),
      )
    : await loadBalancersWhere(rest, { vip_subnet_id: target.subnet.id });
  out.push(...lbs.map((lb) => `load balancer ${lb.name || lb.id}`));
  if (isNet && target.network['router:external']) {
    const fips = await rest.page<NeutronFloatingIp>(os.floatingIps, { floating_network_id: target.network.id });
    out.push(...fips.map((f) => `floating IP ${f.floating_ip_address}`));
  }
  return [...new Set(out)];
}

/** Removes the router interfaces on a subnet (or every subnet of a network) so that Neutron lets it go. */
export async function releaseRouterInterfaces(
  rest: Rest,
  target: { networkId: string } | { subnetId: string },
): Promise<void> {
  const ports = await rest.page<NeutronPort>(os.ports, {
    device_owner: 'network:router_interface',
    ...('networkId' in target ? { network_id: target.networkId } : { fixed_ips: `subnet_id=${target.subnetId}` }),
  });
  for (const p of ports)
    for (const f of p.fixed_ips)
      if ('networkId' in target || f.subnet_id === target.subnetId)
        await rest
          .call('network', 'PUT', `routers/${p.device_id}/remove_router_interface`, {
            body: { subnet_id: f.subnet_id },
          })
          .catch((e: unknown) => {
            if (!(e instanceof CloudError && e.kind === 'not_found')) throw e;
          });
}

interface NeutronRouter {
  id: string;
  name: string;
  project_id: string;
  external_gateway_info: { network_id: string } | null;
}

/**
 * Makes a project's subnet reach an external network, as binding a floating IP to a port on it requires.
 * The standard has no routers: the console keeps one per project and external network ("<project>-router"),
 * gives it the external gateway and plugs the subnet in. Idempotent.
 */
export async function ensureRouted(
  rest: Rest,
  ctx: ProviderContext,
  subnetId: string,
  externalNetworkId: string,
  projectId = ctx.projectId,
): Promise<void> {
  const routers = await rest.call<{ routers: NeutronRouter[] }>('network', 'GET', 'routers', {
    query: { project_id: projectId },
  });
  let router = routers.body.routers.find((r) => r.external_gateway_info?.network_id === externalNetworkId);
  if (!router) {
    const r = await rest.call<{ router: NeutronRouter }>('network', 'POST', 'routers', {
      body: {
        router: {
          name: `yuntu-router`,
          project_id: projectId,
          external_gateway_info: { network_id: externalNetworkId },
        },
      },
    });
    router = r.body.router;
  }
  try {
    await rest.call('network', 'PUT', `routers/${router.id}/add_router_interface`, { body: { subnet_id: subnetId } });
  } catch (e) {
    if (!recognises(neutronRouterInterfaceExists, e)) throw e;
  }
}

/** Neutron's quota refusal ("Quota exceeded for resources: ['security_group']") in the contract's words. */
export async function neutronQuotaError(
  rest: Rest,
  projectId: string,
  resource: 'security_group' | 'floatingip',
  label: string,
): Promise<CloudError> {
  try {
    const r = await rest.call<{ quota: Record<string, { limit: number; used: number }> }>(
      'network',
      'GET',
      `quotas/${projectId}/details`,
    );
    const q = r.body.quota[resource];
    if (q) return quotaExceeded(`${label} quota exceeded: ${q.used} of ${q.limit} used, 1 requested`);
  } catch {
    // The numbers are a courtesy: without them, still name the quota.
  }
  return quotaExceeded(`${label} quota exceeded`);
}

/** Runs a Neutron creation, turning its quota refusal into the contract's wording. */
export async function withNeutronQuota<T>(
  p: Promise<T>,
  rest: Rest,
  projectId: string,
  resource: 'security_group' | 'floatingip',
  label: string,
): Promise<T> {
  try {
    return await p;
  } catch (e) {
    if (e instanceof CloudError && e.kind === 'quota_exceeded')
      throw await neutronQuotaError(rest, projectId, resource, label);
    throw e;
  }
}
