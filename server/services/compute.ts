import 'server-only';
import type { Datacenter, Host } from '@/lib/contract/datacenter';
import type { ComputeQuota, ProjectUsage, QuotaQuery, VolumeQuota } from '@/lib/contract/quota';
import { invalid, isCloudError, notFound, notSupported } from '../providers/errors';
import { mapLimit } from '../providers/shared/map-limit';
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

/**
 * Every project's B.5 and B.6 at once for the Projects page (admin): one request from the browser instead of two
 * per row. The backend has no bulk quota call (Nova, Cinder and Neutron answer per project), so the projects are
 * asked side by side, a few at a time; a project whose quota fails carries the reason and the others still answer.
 */
export async function listProjectUsage(ctx: RequestContext): Promise<ProjectUsage[]> {
  requireAdmin(ctx, "every project's quota and usage");
  const why = (await provider().capabilities(scope(ctx))).unsupported?.['GET /projects/usage'];
  if (why) throw notSupported(why);
  const projects = await provider().identity.listProjects(scope(ctx));
  return mapLimit(projects, 6, async (p): Promise<ProjectUsage> => {
    const q: QuotaQuery = { scope: 'project', project_id: p.id };
    try {
      const [compute, volume] = await Promise.all([computeQuota(ctx, q), volumeQuota(ctx, q)]);
      return { project_id: p.id, compute, volume };
    } catch (e) {
      if (!isCloudError(e) || e.kind === 'unauthorized') throw e;
      return { project_id: p.id, error: e.message };
    }
  });
}
