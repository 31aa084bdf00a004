import 'server-only';
import type { Datacenter, Host } from '@/lib/contract/datacenter';
import type { ComputeQuota, QuotaQuery, VolumeQuota } from '@/lib/contract/quota';
import { provider } from '../providers/registry';
import { requireAdmin, scope, type RequestContext } from './context';

export async function listDatacenters(ctx: RequestContext): Promise<Datacenter[]> {
  return provider().datacenters.list(scope(ctx));
}

export async function listHosts(ctx: RequestContext, datacenterId?: string): Promise<Host[]> {
  requireAdmin(ctx, 'the host list');
  return provider().datacenters.listHosts(scope(ctx), datacenterId);
}

/** B.5: the project's quota and usage, or (admins, scope=datacenter) the datacenter's physical capacity. */
export async function computeQuota(ctx: RequestContext, q: QuotaQuery): Promise<ComputeQuota> {
  if (q.scope === 'datacenter') requireAdmin(ctx, 'datacenter capacity');
  return provider().quotas.compute(scope(ctx, { allProjects: false }), { scope: q.scope, datacenterId: q.datacenter_id });
}

/** B.6 likewise for block storage. */
export async function volumeQuota(ctx: RequestContext, q: QuotaQuery): Promise<VolumeQuota> {
  if (q.scope === 'datacenter') requireAdmin(ctx, 'datacenter capacity');
  return provider().quotas.volume(scope(ctx, { allProjects: false }), { scope: q.scope, datacenterId: q.datacenter_id });
}
