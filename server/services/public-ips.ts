import 'server-only';
import type { ListQuery, ListResult } from '@/lib/contract/common';
import type { PublicIp, PublicIpBindInput, PublicIpCreateInput } from '@/lib/contract/public-ip';
import { notSupported } from '../providers/errors';
import { provider } from '../providers/registry';
import { ensureVisible, requireWriter, listScope, scope, type RequestContext } from './context';

/** A backend without the standard's public IPs says so once, here, rather than failing somewhere inside. */
async function requireCapability(ctx: RequestContext): Promise<void> {
  if (!(await provider().capabilities(scope(ctx))).publicIps) throw notSupported('this cloud has no public IPs');
}

/** Reads the public IP through the caller's scope: another project's is a 404. */
async function visiblePublicIp(ctx: RequestContext, id: string): Promise<PublicIp> {
  await requireCapability(ctx);
  return ensureVisible(ctx, await provider().publicIps.get(scope(ctx), id), 'public IP', id);
}

export async function listPublicIps(
  ctx: RequestContext,
  q: ListQuery & { status?: string },
): Promise<ListResult<PublicIp>> {
  await requireCapability(ctx);
  return provider().publicIps.list(listScope(ctx, q), q);
}

export async function getPublicIp(ctx: RequestContext, id: string): Promise<PublicIp> {
  return visiblePublicIp(ctx, id);
}

export async function createPublicIp(ctx: RequestContext, input: PublicIpCreateInput): Promise<PublicIp> {
  requireWriter(ctx, 'create public IPs');
  await requireCapability(ctx);
  return provider().publicIps.create(scope(ctx, { allProjects: false }), input);
}

export async function bindPublicIp(ctx: RequestContext, id: string, input: PublicIpBindInput): Promise<PublicIp> {
  requireWriter(ctx, 'bind public IPs');
  await visiblePublicIp(ctx, id);
  return provider().publicIps.bind(scope(ctx), id, input);
}

export async function unbindPublicIp(ctx: RequestContext, id: string, input: PublicIpBindInput): Promise<PublicIp> {
  requireWriter(ctx, 'unbind public IPs');
  await visiblePublicIp(ctx, id);
  return provider().publicIps.unbind(scope(ctx), id, input);
}

export async function deletePublicIp(ctx: RequestContext, id: string): Promise<void> {
  requireWriter(ctx, 'delete public IPs');
  await visiblePublicIp(ctx, id);
  await provider().publicIps.remove(scope(ctx), id);
}
