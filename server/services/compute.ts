import 'server-only';
import type { Datacenter, Host } from '@/lib/contract/datacenter';
import type { ComputeQuota, QuotaQuery, VolumeQuota } from '@/lib/contract/quota';
import { invalid, notFound } from '../providers/errors';
import type { ProviderContext } from '../providers/types';
import { provider } from '../providers/registry';
import { requireAdmin, scope, type RequestContext } from './context';

export async function listDatacenters(ctx: RequestContext): Promise<Datacenter[]> {
  return provider().datacenters.list(scope(ctx));
}

export async function listHosts(ctx: RequestContext, datacenterId?: string): Promise<Host[]> {
  requireAdmin(ctx, 'the host list');
  return provider().datacenters.listHosts(scope(ctx), datacenterId);
}

/**
 * A `datacenter_id` filter names a datacenter of this cloud, on every backend: without this check some drivers
 * answered 200 with the project's whole usage for a datacenter that does not exist.
 */
async function requireDatacenter(ctx: RequestContext, id: string | undefined): Promise<void> {
  if (id === undefined) return;
  const all = await provider().datacenters.list(scope(ctx));
  if (!all.some((d) => d.id === id)) throw notFound('datacenter', id);
}

/**
 * Whose usage a quota read answers: the caller's project, or (admins, `project_id`) another one — the Projects
 * admin page's bars. Anyone else naming a project not their own is refused (403), not quietly answered for their own.
 */
function quotaScope(ctx: RequestContext, q: QuotaQuery): ProviderContext {
  const own = scope(ctx, { allProjects: false });
  if (q.project_id === undefined || q.project_id === ctx.principal.projectId) return own;
  requireAdmin(ctx, "another project's quota and usage");
  if (q.scope === 'datacenter') throw invalid('project_id', 'cannot be combined with scope=datacenter');
  return { ...own, projectId: q.project_id };
}

/** B.5: the project's quota and usage, or (admins, scope=datacenter) the datacenter's physical capacity. */
export async function computeQuota(ctx: RequestContext, q: QuotaQuery): Promise<ComputeQuota> {
  if (q.scope === 'datacenter') requireAdmin(ctx, 'datacenter capacity');
  const pctx = quotaScope(ctx, q);
  await requireDatacenter(ctx, q.datacenter_id);
  return provider().quotas.compute(pctx, {
    scope: q.scope,
    datacenterId: q.datacenter_id,
  });
}

/** B.6 likewise for block storage. */
export async function volumeQuota(ctx: RequestContext, q: QuotaQuery): Promise<VolumeQuota> {
  if (q.scope === 'datacenter') requireAdmin(ctx, 'datacenter capacity');
  const pctx = quotaScope(ctx, q);
  await requireDatacenter(ctx, q.datacenter_id);
  return provider().quotas.volume(pctx, {
    scope: q.scope,
    datacenterId: q.datacenter_id,
  });
}
