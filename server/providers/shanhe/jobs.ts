import 'server-only';
import { CloudError } from '../errors';
import type { ProviderContext } from '../types';
import type { ShDeps } from './context';
import { log } from '../../log';
import { cloudJobs, putCloudJob } from '../public-cloud/cloud-jobs';

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

/**
 * Failed creations, remembered in the database (public-cloud/cloud-jobs.ts, for 30 minutes) so the resource reads
 * as `error` on every replica (Shanhe then ceases it): the reason by resource id, for a list's resources at once.
 */
export async function failedCreations(resourceIds: readonly string[]): Promise<Map<string, string>> {
  const rows = await cloudJobs('shanhe', 'failed-creation', resourceIds);
  return new Map([...rows].map(([id, r]) => [id, r.failReason ?? 'the creation job failed']));
}

/** Follows a creation job in the background: a failure marks the resource. */
export function watchCreation(
  d: ShDeps,
  ctx: ProviderContext,
  resourceId: string,
  jobId: string | undefined,
  zone?: string,
): void {
  if (!jobId) return;
  void (async () => {
    for (let i = 0; i < 600; i++) {
      const j = await getJob(d, ctx, jobId, zone).catch(() => null);
      if (j && (j.status === 'failed' || j.status === 'done with failure')) {
        await putCloudJob('shanhe', 'failed-creation', resourceId, {
          jobId,
          failReason: `job ${jobId} (${j.job_action}) failed`,
        }).catch((e: unknown) =>
          log.warn({ err: e, resourceId, jobId }, 'could not remember a failed Shanhe creation'),
        );
        return;
      }
      if (!j || finished(j)) return;
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
