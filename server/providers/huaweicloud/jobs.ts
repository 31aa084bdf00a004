import 'server-only';
import { CloudError } from '../errors';
import type { ProviderContext } from '../types';
import type { HwDeps } from './context';
import type { HwService } from './settings';

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

interface Tracked {
  service: HwService;
  jobId: string;
  kind: JobKind;
  at: number;
  failReason?: string;
}

/**
 * The contract has no job resource: a caller polls the resource itself. So each driver call that starts a job
 * remembers it against the resource, and reads of that resource consult the job: RUNNING → the transitional
 * status the job implies, FAIL → `error` (with the fail_reason logged) where the cloud leaves the resource
 * unchanged or rolls it back. Per process and bounded: a restart forgets jobs, and then the resource's own status
 * is all there is (as in Huawei's console, which shows the job's result only while it is fresh). Not shared between
 * replicas yet (issue 16): a replica other than the one that started the job shows the resource's own status.
 */
const tracked = new Map<string, Tracked>();
const KEEP_MS = 30 * 60_000;

export function trackJob(resourceId: string, service: HwService, jobId: string | undefined, kind: JobKind): void {
  if (!jobId) return;
  if (tracked.size > 5000) for (const [k, v] of tracked) if (Date.now() - v.at > KEEP_MS) tracked.delete(k);
  tracked.set(resourceId, { service, jobId, kind, at: Date.now() });
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

/** The job last started on a resource, if still running or failed (a finished one is forgotten). */
export async function jobOf(
  d: HwDeps,
  ctx: ProviderContext,
  resourceId: string,
): Promise<{ kind: JobKind; status: 'RUNNING' | 'FAIL'; failReason: string } | null> {
  const t = tracked.get(resourceId);
  if (!t) return null;
  if (t.failReason !== undefined) return { kind: t.kind, status: 'FAIL', failReason: t.failReason };
  let job: HwJob;
  try {
    job = await getJob(d, ctx, t.service, t.jobId);
  } catch (e) {
    if (e instanceof CloudError && e.kind === 'not_found') {
      tracked.delete(resourceId);
      return null;
    }
    throw e;
  }
  if (job.status === 'SUCCESS') {
    tracked.delete(resourceId);
    return null;
  }
  if (job.status === 'FAIL') {
    t.failReason =
      job.fail_reason ??
      job.entities?.sub_jobs?.find((s) => s.fail_reason)?.fail_reason ??
      job.error_code ??
      'the job failed';
    return { kind: t.kind, status: 'FAIL', failReason: t.failReason };
  }
  return { kind: t.kind, status: 'RUNNING', failReason: '' };
}

/** Forget a resource's job (after a delete is confirmed, or a new action supersedes it). */
export const forgetJob = (resourceId: string) => void tracked.delete(resourceId);

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
