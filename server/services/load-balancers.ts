import 'server-only';
import type { ListQuery, ListResult } from '@/lib/contract/common';
import type {
  ListenerCreateInput,
  LoadBalancer,
  LoadBalancerCreateInput,
  LoadBalancerMembersInput,
} from '@/lib/contract/load-balancer';
import { notSupported } from '../providers/errors';
import { provider } from '../providers/registry';
import { ensureVisible, requireWriter, listScope, scope, type RequestContext } from './context';

/** A backend without load balancers says so once, here, rather than failing somewhere inside. */
async function requireCapability(ctx: RequestContext): Promise<void> {
  if (!(await provider().capabilities(scope(ctx))).loadBalancers)
    throw notSupported('this cloud has no load balancers');
}

/** Reads the load balancer through the caller's scope: another project's is a 404. */
async function visibleLoadBalancer(ctx: RequestContext, id: string): Promise<LoadBalancer> {
  await requireCapability(ctx);
  return ensureVisible(ctx, await provider().loadBalancers.get(scope(ctx), id), 'load balancer', id);
}

export async function listLoadBalancers(
  ctx: RequestContext,
  q: ListQuery & { status?: string },
): Promise<ListResult<LoadBalancer>> {
  await requireCapability(ctx);
  return provider().loadBalancers.list(listScope(ctx, q), q);
}

export async function getLoadBalancer(ctx: RequestContext, id: string): Promise<LoadBalancer> {
  return visibleLoadBalancer(ctx, id);
}

export async function createLoadBalancer(ctx: RequestContext, input: LoadBalancerCreateInput): Promise<LoadBalancer> {
  requireWriter(ctx, 'create load balancers');
  await requireCapability(ctx);
  return provider().loadBalancers.create(scope(ctx, { allProjects: false }), input);
}

export async function deleteLoadBalancer(ctx: RequestContext, id: string): Promise<{ pending: boolean }> {
  requireWriter(ctx, 'delete load balancers');
  await visibleLoadBalancer(ctx, id);
  return provider().loadBalancers.remove(scope(ctx), id);
}

export async function changeLoadBalancerMembers(
  ctx: RequestContext,
  id: string,
  input: LoadBalancerMembersInput,
): Promise<LoadBalancer> {
  requireWriter(ctx, 'change load balancer members');
  await visibleLoadBalancer(ctx, id);
  return provider().loadBalancers.changeMembers(scope(ctx), id, input);
}

export async function addLoadBalancerListener(
  ctx: RequestContext,
  id: string,
  input: ListenerCreateInput,
): Promise<LoadBalancer> {
  requireWriter(ctx, 'add load balancer listeners');
  await visibleLoadBalancer(ctx, id);
  return provider().loadBalancers.addListener(scope(ctx), id, input);
}

export async function removeLoadBalancerListener(
  ctx: RequestContext,
  id: string,
  listenerId: string,
): Promise<LoadBalancer> {
  requireWriter(ctx, 'remove load balancer listeners');
  await visibleLoadBalancer(ctx, id);
  return provider().loadBalancers.removeListener(scope(ctx), id, listenerId);
}
