import 'server-only';
import {
  usageDefaultRangeMs,
  usageMaxPoints,
  usageMaxRangeDays,
  usageStepMs,
  type UsageQuery,
  type UsageSeries,
  type UsageStep,
} from '@/lib/contract/usage';
import { usageSeries } from '@/lib/usage/series';
import { CloudError, invalid, notFound } from '../providers/errors';
import { provider } from '../providers/registry';
import { isAdmin, scope, type RequestContext } from './context';

/** The range and step a query asks for, with its defaults; each refusal names the field at fault. */
export function usageWindow(q: Pick<UsageQuery, 'from' | 'to' | 'step'>, now = Date.now()) {
  const to = q.to === undefined ? now : Date.parse(q.to);
  const from = q.from === undefined ? to - usageDefaultRangeMs : Date.parse(q.from);
  if (to <= from) throw invalid('to', `must be after from (${new Date(from).toISOString()})`);
  const span = to - from;
  if (span > usageMaxRangeDays * 86_400_000)
    throw invalid('from', `the range from from to to must be at most ${usageMaxRangeDays} days`);
  const step: UsageStep = q.step ?? (span <= 31 * 86_400_000 ? 'hour' : 'day');
  const points = Math.ceil(span / usageStepMs[step]);
  if (points > usageMaxPoints)
    throw invalid('step', `${step} gives ${points} points over this range; at most ${usageMaxPoints} (use step=day)`);
  // What is allocated after now is not known yet: a `to` in the future is cut at now (the answer's `to` says so).
  if (from >= now) throw invalid('from', 'must be in the past');
  return { from, to: Math.min(to, now), step };
}

/**
 * `GET /usage`: whose history a caller may read. Administrators: every project, or the one named (404 when it does
 * not exist), by datacenter if they like. Anyone else: their own project; another project_id is 403 (as the quota
 * reads answer), and so is datacenter_id, which OpenStack can answer exactly for administrators only (the zone of a
 * deleted server is in Nova's admin listing of deleted servers).
 */
export async function usage(ctx: RequestContext, q: UsageQuery): Promise<UsageSeries> {
  const { from, to, step } = usageWindow(q);
  const admin = isAdmin(ctx);
  if (!admin && q.project_id !== undefined && q.project_id !== ctx.principal.projectId)
    throw new CloudError('forbidden', "project_id: another project's usage is for administrators only", [
      { path: 'project_id', message: 'is for administrators only when it is not your project' },
    ]);
  if (!admin && q.datacenter_id !== undefined)
    throw new CloudError('forbidden', 'datacenter_id: usage by datacenter is for administrators only', [
      { path: 'datacenter_id', message: 'is for administrators only' },
    ]);
  const projectId = admin ? q.project_id : ctx.principal.projectId;
  const pctx = scope(ctx);
  if (q.datacenter_id !== undefined) {
    const all = await provider().datacenters.list(pctx);
    if (!all.some((d) => d.id === q.datacenter_id)) throw notFound('datacenter', q.datacenter_id);
  }
  const spans = await provider().usage.servers(pctx, {
    projectId,
    datacenterId: q.datacenter_id,
    from: new Date(from),
    to: new Date(to),
  });
  return {
    from: new Date(from).toISOString(),
    to: new Date(to).toISOString(),
    step,
    project_id: projectId ?? null,
    datacenter_id: q.datacenter_id ?? null,
    points: usageSeries(spans, from, to, step),
  };
}
