import 'server-only';
import type { ListQuery, ListResult } from '@/lib/contract/common';
import type { FloatingIp, FloatingIpCreateInput, FloatingIpUpdateInput } from '@/lib/contract/floating-ip';
import { provider } from '../providers/registry';
import { ensureVisible, requireWriter, listScope, scope, type RequestContext } from './context';

/** Reads the floating IP through the caller's scope: another project's is a 404. */
async function visibleFloatingIp(ctx: RequestContext, id: string): Promise<FloatingIp> {
  return ensureVisible(ctx, await provider().floatingIps.get(scope(ctx), id), 'floating IP', id);
}

export async function listFloatingIps(
  ctx: RequestContext,
  q: ListQuery & { status?: string },
): Promise<ListResult<FloatingIp>> {
  return provider().floatingIps.list(listScope(ctx, q), q);
}

export async function getFloatingIp(ctx: RequestContext, id: string): Promise<FloatingIp> {
  return visibleFloatingIp(ctx, id);
}

export async function createFloatingIp(ctx: RequestContext, input: FloatingIpCreateInput): Promise<FloatingIp> {
  requireWriter(ctx, 'create floating IPs');
  return provider().floatingIps.create(scope(ctx, { allProjects: false }), input);
}

export async function updateFloatingIp(
  ctx: RequestContext,
  id: string,
  input: FloatingIpUpdateInput,
): Promise<FloatingIp> {
  requireWriter(ctx, 'change floating IPs');
  await visibleFloatingIp(ctx, id);
  return provider().floatingIps.update(scope(ctx), id, input);
}

export async function deleteFloatingIp(ctx: RequestContext, id: string): Promise<void> {
  requireWriter(ctx, 'delete floating IPs');
  await visibleFloatingIp(ctx, id);
  await provider().floatingIps.remove(scope(ctx), id);
}
