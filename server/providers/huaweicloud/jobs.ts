import 'server-only';
import { CloudError } from '../errors';
import type { ProviderContext } from '../types';
import type { HwDeps } from './context';
import type { HwService } from './settings';
import { log } from '../../log';
import {
  cloudJob,
  cloudJobs,
  dropCloudJob,
  failCloudJob,
  putCloudJob,
  type CloudJobRow,
} from '../public-cloud/cloud-jobs';

/** `GET /v1/{project_id}/jobs/{job_id}` (ECS, EVS, IMS; classic ELB answers the same shape at its `uri`). */
export interface HwJob {
  job_id: string;
  job_type?: string;
  status: 'INIT' | 'RUNNING' | 'SUCCESS' | 'FAIL';
  entities?: {
    server_id?: string;
    volume_id?: string;
    image_id?: string;
    sub_jobs?: { status: string; entities?: { server_id?: string; volume_id?: string }; fail_reason?: string | null }[];
  };
  error_code?: string | null;
  fail_reason?: string | null;
}

export type JobKind = 'create' | 'delete' | 'start' | 'stop' | 'reboot' | 'resize' | 'attach' | 'detach' | 'extend';

/**
 * The contract has no job resource: a caller polls the resource itself. So each driver call that starts a job
 * remembers it against the resource, and reads of that resource consult the job: RUNNING → the transitional
 * status the job implies, FAIL → `error` (with the fail_reason logged) where the cloud leaves the resource
 * unchanged or rolls it back. Remembered in the database (public-cloud/cloud-jobs.ts), so every replica reads the
 * job whichever started it, and bounded: a job is forgotten 30 minutes after it started, and then the resource's own
 * status is all there is (as in Huawei's console, which shows the job's result only while it is fresh).
 */
export async function trackJob(
  resourceId: string,
  service: HwService,
  jobId: string | undefined,
  kind: JobKind,
): Promise<void> {
  if (!jobId) return;
  // The job is under way in the cloud: failing the call for its bookkeeping would tell the caller it was not.
  await putCloudJob('huaweicloud', 'job', resourceId, { service, jobId, kind }).catch((e: unknown) =>
    log.warn({ err: e, resourceId, jobId }, 'could not remember a Huawei Cloud job'),
  );
}

export async function getJob(
  d: HwDeps,
  ctx: ProviderContext,
  service: HwService,
  jobId: string,
  uri?: string,
): Promise<HwJob> {
  const path = uri ?? `${service === 'elb' ? '/v1.0' : '/v1'}/{project_id}/jobs/${encodeURIComponent(jobId)}`;
  return d.call<HwJob>(ctx, service, 'GET', path);
}

export interface JobState {
  kind: JobKind;
  status: 'RUNNING' | 'FAIL';
  failReason: string;
}

/** What the remembered job of a resource says now: read from the cloud unless its failure is already known. */
async function stateOf(d: HwDeps, ctx: ProviderContext, t: CloudJobRow): Promise<JobState | null> {
  const kind = t.kind as JobKind;
  if (t.failReason !== null) return { kind, status: 'FAIL', failReason: t.failReason };
  if (!t.jobId || !t.service) return null;
  let job: HwJob;
  try {
    job = await getJob(d, ctx, t.service as HwService, t.jobId);
  } catch (e) {
    if (e instanceof CloudError && e.kind === 'not_found') {
      await dropCloudJob('huaweicloud', 'job', t.resourceId, t.jobId);
      return null;
    }
    throw e;
  }
  if (job.status === 'SUCCESS') {
    await dropCloudJob('huaweicloud', 'job', t.resourceId, t.jobId);
    return null;
  }
  if (job.status === 'FAIL') {
    const failReason =
      job.fail_reason ??
      job.entities?.sub_jobs?.find((s) => s.fail_reason)?.fail_reason ??
      job.error_code ??
      'the job failed';
    await failCloudJob('huaweicloud', 'job', t.resourceId, t.jobId, failReason);
    return { kind, status: 'FAIL', failReason };
  }
  return { kind, status: 'RUNNING', failReason: '' };
}

/** The job last started on a resource, if still running or failed (a finished one is forgotten). */
export async function jobOf(d: HwDeps, ctx: ProviderContext, resourceId: string): Promise<JobState | null> {
  const t = await cloudJob('huaweicloud', 'job', resourceId);
  return t ? stateOf(d, ctx, t) : null;
}

/** jobOf for a list's resources: one database read for all of them, the cloud asked only about remembered jobs. */
export async function jobsOf(
  d: HwDeps,
  ctx: ProviderContext,
  resourceIds: readonly string[],
): Promise<Map<string, JobState>> {
  const tracked = await cloudJobs('huaweicloud', 'job', resourceIds);
  const out = new Map<string, JobState>();
  await Promise.all(
    [...tracked.values()].map(async (t) => {
      const state = await stateOf(d, ctx, t);
      if (state) out.set(t.resourceId, state);
    }),
  );
  return out;
}

/**
 * Forget a resource's job (after a delete is confirmed, or a new action supersedes it); given its id, only while
 * that job is the one remembered.
 */
export const forgetJob = (resourceId: string, jobId?: string) => dropCloudJob('huaweicloud', 'job', resourceId, jobId);

/**
 * Waits briefly for a job to leave RUNNING: long enough to turn an immediate refusal into an error the caller sees,
 * short enough not to hold the request (the contract answers 202 while work goes on).
 */
export async function settleJob(
  d: HwDeps,
  ctx: ProviderContext,
  service: HwService,
  jobId: string,
  ms = 1500,
  uri?: string,
): Promise<HwJob> {
  const deadline = Date.now() + ms;
  for (;;) {
    const job = await getJob(d, ctx, service, jobId, uri);
    if (job.status === 'SUCCESS' || job.status === 'FAIL' || Date.now() > deadline) return job;
    await new Promise((r) => setTimeout(r, 100));
  }
}

export function failedJob(job: HwJob, what: string): CloudError {
  const reason =
    job.fail_reason ??
    job.entities?.sub_jobs?.find((s) => s.fail_reason)?.fail_reason ??
    job.error_code ??
    'no reason given';
  return new CloudError('conflict', `${what} failed: ${reason}`, undefined, job);
}
