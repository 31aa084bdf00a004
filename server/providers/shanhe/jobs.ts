import 'server-only';
import { CloudError } from '../errors';
import type { ProviderContext } from '../types';
import type { ShDeps } from './context';

/** `DescribeJobs`: pending → working → successful | failed | "done with failure". */
export interface ShJob {
  job_id: string;
  job_action: string;
  status: 'pending' | 'working' | 'successful' | 'failed' | 'done with failure';
  resource_ids?: string;
  error_codes?: string;
}

const finished = (j: ShJob) => j.status === 'successful' || j.status === 'failed' || j.status === 'done with failure';

export async function getJob(d: ShDeps, ctx: ProviderContext, jobId: string): Promise<ShJob> {
  const r = await d.call<{ job_set: ShJob[] }>(ctx, 'DescribeJobs', { 'jobs.1': jobId });
  const j = r.job_set[0];
  if (!j) throw new CloudError('unavailable', `Shanhe lost job ${jobId}`);
  return j;
}

/**
 * Waits up to `ms` for a job. Resources show their own `transition_status` while a job runs, so most calls wait
 * only briefly to surface an immediate failure; calls whose next step needs the result (joining a router before
 * reading the subnet back) wait longer.
 */
export async function settleJob(d: ShDeps, ctx: ProviderContext, jobId: string | undefined, what: string, ms = 1000): Promise<ShJob | null> {
  if (!jobId) return null;
  const deadline = Date.now() + ms;
  for (;;) {
    const j = await getJob(d, ctx, jobId);
    if (j.status === 'failed' || j.status === 'done with failure') throw new CloudError('conflict', `${what} failed (job ${jobId}, ${j.job_action}${j.error_codes ? `, ${j.error_codes}` : ''})`, undefined, j);
    if (finished(j) || Date.now() > deadline) return j;
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** Failed creations, remembered per process so the resource reads as `error` (Shanhe then ceases it). */
const failed = new Map<string, string>();
export const failedCreation = (resourceId: string) => failed.get(resourceId);

/** Follows a creation job in the background: a failure marks the resource. */
export function watchCreation(d: ShDeps, ctx: ProviderContext, resourceId: string, jobId: string | undefined): void {
  if (!jobId) return;
  void (async () => {
    for (let i = 0; i < 600; i++) {
      const j = await getJob(d, ctx, jobId).catch(() => null);
      if (j && (j.status === 'failed' || j.status === 'done with failure')) {
        if (failed.size > 5000) failed.clear();
        failed.set(resourceId, `job ${jobId} (${j.job_action}) failed`);
        return;
      }
      if (!j || finished(j)) return;
      await new Promise((r) => setTimeout(r, 500));
    }
  })();
}
