import 'server-only';
import type { ListResult } from '@/lib/contract/common';
import type {
  Network,
  NetworkCreateInput,
  NetworkListQuery,
  Subnet,
  SubnetCreated,
  SubnetCreateInput,
} from '@/lib/contract/network';
import { forbidden, isCloudError, notFound } from '../providers/errors';
import { provider } from '../providers/registry';
import { isAdmin, requireAdmin, requireWriter, listScope, scope, type RequestContext } from './context';

/** A project sees its own networks and the shared or external ones; another project's network is a 404. */
async function visibleNetwork(ctx: RequestContext, id: string): Promise<Network> {
  const n = await provider().networks.get(scope(ctx), id);
  if (isAdmin(ctx) || n.project_id === ctx.principal.projectId || n.shared || n.external) return n;
  throw notFound('network', id);
}

/** Shared and external networks are seen by every project but changed by administrators only. */
function requireOwner(ctx: RequestContext, n: Network, what: string): void {
  if (!isAdmin(ctx) && n.project_id !== ctx.principal.projectId)
    throw forbidden(`network ${n.name} is shared; only administrators may ${what}`);
}

async function visibleSubnet(ctx: RequestContext, id: string): Promise<{ subnet: Subnet; network: Network }> {
  const { project_id: _projectId, ...subnet } = await provider().networks.getSubnet(scope(ctx), id);
  try {
    return { subnet, network: await visibleNetwork(ctx, subnet.network_id) };
  } catch (e) {
    if (isCloudError(e) && e.kind === 'not_found') throw notFound('subnet', id);
    throw e;
  }
}

export async function listNetworks(ctx: RequestContext, q: NetworkListQuery): Promise<ListResult<Network>> {
  return provider().networks.list(listScope(ctx, q), q);
}

export async function getNetwork(ctx: RequestContext, id: string): Promise<Network> {
  return visibleNetwork(ctx, id);
}

export async function createNetwork(ctx: RequestContext, input: NetworkCreateInput): Promise<Network> {
  requireWriter(ctx, 'create networks');
  if (input.external) requireAdmin(ctx, 'creating external networks');
  return provider().networks.create(scope(ctx, { allProjects: false }), input);
}

export async function deleteNetwork(ctx: RequestContext, id: string): Promise<void> {
  requireWriter(ctx, 'delete networks');
  requireOwner(ctx, await visibleNetwork(ctx, id), 'delete it');
  await provider().networks.remove(scope(ctx), id);
}

export async function createSubnet(
  ctx: RequestContext,
  networkId: string,
  input: SubnetCreateInput,
): Promise<SubnetCreated> {
  requireWriter(ctx, 'create subnets');
  requireOwner(ctx, await visibleNetwork(ctx, networkId), 'add subnets to it');
  return provider().networks.createSubnet(scope(ctx), networkId, input);
}

export async function getSubnet(ctx: RequestContext, id: string): Promise<Subnet> {
  return (await visibleSubnet(ctx, id)).subnet;
}

export async function deleteSubnet(ctx: RequestContext, id: string): Promise<void> {
  requireWriter(ctx, 'delete subnets');
  requireOwner(ctx, (await visibleSubnet(ctx, id)).network, 'delete its subnets');
  await provider().networks.removeSubnet(scope(ctx), id);
}
