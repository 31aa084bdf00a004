import 'server-only';
import { CloudError } from '../errors';
import type { ProviderContext } from '../types';
import type { ShDeps } from './context';
import { log } from '../../log';
import { cloudJobs, dropCloudJob, putCloudJob } from '../public-cloud/cloud-jobs';

/** `DescribeJobs`: pending → working → successful | failed | "done with failure". */
export interface ShJob {
  job_id: string;
  job_action: string;
  status: 'pending' | 'working' | 'successful' | 'failed' | 'done with failure';
  resource_ids?: string;
  error_codes?: string;
}

const finished = (j: ShJob) => j.status === 'successful' || j.status === 'failed' || j.status === 'done with failure';

/** Jobs live in the zone of the call that started them: `zone` when that was not the configured one. */
export async function getJob(d: ShDeps, ctx: ProviderContext, jobId: string, zone?: string): Promise<ShJob> {
  const r = await d.call<{ job_set: ShJob[] }>(ctx, 'DescribeJobs', { 'jobs.1': jobId, ...(zone ? { zone } : {}) });
  const j = r.job_set[0];
  if (!j) throw new CloudError('unavailable', `Shanhe lost job ${jobId}`);
  return j;
}

/**
 * Waits up to `ms` for a job. Resources show their own `transition_status` while a job runs, so most calls wait
 * only briefly to surface an immediate failure; calls whose next step needs the result (joining a router before
 * reading the subnet back) wait longer.
 */
export async function settleJob(
  d: ShDeps,
  ctx: ProviderContext,
  jobId: string | undefined,
  what: string,
  ms = 1000,
  zone?: string,
): Promise<ShJob | null> {
  if (!jobId) return null;
  const deadline = Date.now() + ms;
  for (;;) {
    const j = await getJob(d, ctx, jobId, zone);
    if (j.status === 'failed' || j.status === 'done with failure')
      throw new CloudError(
        'conflict',
        `${what} failed (job ${jobId}, ${j.job_action}${j.error_codes ? `, ${j.error_codes}` : ''})`,
        undefined,
        j,
      );
    if (finished(j) || Date.now() > deadline) return j;
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** Remembers that a creation job failed: the resource reads as `error` on every replica (Shanhe then ceases it). */
async function markFailed(resourceId: string, j: ShJob): Promise<void> {
  await putCloudJob('shanhe', 'failed-creation', resourceId, {
    jobId: j.job_id,
    failReason: `job ${j.job_id} (${j.job_action}) failed`,
  });
  await dropCloudJob('shanhe', 'creation', resourceId, j.job_id);
}

/**
 * Failed creations, remembered in the database (public-cloud/cloud-jobs.ts, for 30 minutes), for a list's resources
 * still being made: the reason by resource id. A creation whose job no replica has yet seen end (its watcher's
 * replica died or restarted: watchCreation's loop is in memory) is asked of Shanhe here, one DescribeJobs per zone
 * for the list, so whichever replica reads the resource next shows the failure.
 */
export async function failedCreations(
  d: ShDeps,
  ctx: ProviderContext,
  resourceIds: readonly string[],
): Promise<Map<string, string>> {
  const failed = await cloudJobs('shanhe', 'failed-creation', resourceIds);
  const out = new Map([...failed].map(([id, r]) => [id, r.failReason ?? 'the creation job failed']));
  const pending = [...(await cloudJobs('shanhe', 'creation', resourceIds)).values()].filter(
    (r) => r.jobId && !out.has(r.resourceId),
  );
  const byZone = new Map<string, typeof pending>();
  for (const r of pending) {
    const zone = typeof r.detail?.zone === 'string' ? r.detail.zone : d.s.zone;
    byZone.set(zone, [...(byZone.get(zone) ?? []), r]);
  }
  for (const [zone, rows] of byZone) {
    const params: Record<string, string> = { zone, limit: String(rows.length) };
    rows.forEach((r, n) => (params[`jobs.${n + 1}`] = r.jobId!));
    const jobs = await d
      .call<{ job_set: ShJob[] }>(ctx, 'DescribeJobs', params)
      .then((r) => new Map(r.job_set.map((j) => [j.job_id, j])))
      .catch((e: unknown) => {
        // The list still answers; the next read asks again.
        log.warn({ err: e, zone }, 'could not read Shanhe creation jobs');
        return new Map<string, ShJob>();
      });
    for (const r of rows) {
      const j = jobs.get(r.jobId!);
      if (!j || !finished(j)) continue;
      if (j.status === 'successful') await dropCloudJob('shanhe', 'creation', r.resourceId, j.job_id);
      else {
        await markFailed(r.resourceId, j);
        out.set(r.resourceId, `job ${j.job_id} (${j.job_action}) failed`);
      }
    }
  }
  return out;
}

/**
 * Follows a creation job: recorded in the database first (slot `creation`, read by failedCreations on any replica),
 * then watched in the background by this replica so a failure shows at once; if this replica goes, the record stays.
 */
export async function watchCreation(
  d: ShDeps,
  ctx: ProviderContext,
  resourceId: string,
  jobId: string | undefined,
  zone?: string,
): Promise<void> {
  if (!jobId) return;
  await putCloudJob('shanhe', 'creation', resourceId, { jobId, detail: { zone: zone ?? d.s.zone } }).catch(
    (e: unknown) => log.warn({ err: e, resourceId, jobId }, 'could not record a Shanhe creation job'),
  );
  void (async () => {
    for (let i = 0; i < 600; i++) {
      const j = await getJob(d, ctx, jobId, zone).catch(() => null);
      if (j && (j.status === 'failed' || j.status === 'done with failure')) {
        await markFailed(resourceId, j).catch((e: unknown) =>
          log.warn({ err: e, resourceId, jobId }, 'could not remember a failed Shanhe creation'),
        );
        return;
      }
      if (j?.status === 'successful') {
        await dropCloudJob('shanhe', 'creation', resourceId, jobId).catch(() => undefined);
        return;
      }
      if (!j) return;
      await new Promise((r) => setTimeout(r, 500));
    }
  })();
}

/**
 * Removes what a create made before it failed, so nothing is left that the caller never learnt the id of. Waits for
 * the creation job first (a resource still being made refuses deletion); a failed job leaves nothing (Shanhe ceases
 * it). Answers the error that kept it from being removed, or null.
 */
export async function discardCreated(
  d: ShDeps,
  ctx: ProviderContext,
  jobId: string | undefined,
  zone: string,
  remove: () => Promise<unknown>,
  ms = 90_000,
): Promise<unknown> {
  const deadline = Date.now() + ms;
  while (jobId) {
    const j = await getJob(d, ctx, jobId, zone).catch(() => null);
    if (j?.status === 'failed' || j?.status === 'done with failure') return null;
    if ((j && finished(j)) || Date.now() > deadline) break;
    await new Promise((r) => setTimeout(r, 200));
  }
  return remove().then(
    () => null,
    (e: unknown) => e,
  );
}
