import 'server-only';
import { getDb } from '../../db/client';

/**
 * What the public-cloud drivers remember about the jobs they start (table cloud_jobs, migration 0011): in the
 * database, so every replica sees what any of them started (issue 16). One row per provider, resource and slot —
 * 'job' (Huawei: the job last started on the resource), 'export' (Huawei: IMS's export of an image to OBS),
 * 'creation' (Shanhe: a creation job not yet seen to end), 'failed-creation' (Shanhe), 'upload' (Huawei: a file on its
 * way to OBS, held by a lease — see claimCloudJob). A row is fresh for 30 minutes from `at`; older ones are ignored by readers and
 * deleted now and then by writers (by the index on `at`), so no timer is needed.
 */
export type CloudJobProvider = 'huaweicloud' | 'shanhe';
export type CloudJobSlot = 'job' | 'export' | 'creation' | 'failed-creation' | 'upload';

export interface CloudJobRow {
  resourceId: string;
  service: string | null;
  jobId: string | null;
  kind: string | null;
  detail: Record<string, unknown> | null;
  failReason: string | null;
}

/** How long a row is remembered (Huawei's console, too, shows a job's result only while it is fresh). */
export const KEEP_MS = 30 * 60_000;
const FRESH = `at > now() - interval '${KEEP_MS / 1000} seconds'`;
/** The share of writes that also delete stale rows: cheap (indexed), and often enough to keep the table small. */
const PRUNE_SHARE = 0.05;

/** Remembers a row (replacing the slot's earlier one), stamped with the database's clock, shared by all replicas. */
export async function putCloudJob(
  provider: CloudJobProvider,
  slot: CloudJobSlot,
  resourceId: string,
  row: Partial<Omit<CloudJobRow, 'resourceId'>>,
): Promise<void> {
  const db = await getDb();
  await db.query(
    `INSERT INTO cloud_jobs (provider, resource_id, slot, service, job_id, kind, detail, fail_reason, at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, now())
     ON CONFLICT (provider, resource_id, slot) DO UPDATE SET service = $4, job_id = $5, kind = $6, detail = $7,
       fail_reason = $8, at = now()`,
    [
      provider,
      resourceId,
      slot,
      row.service ?? null,
      row.jobId ?? null,
      row.kind ?? null,
      row.detail ? JSON.stringify(row.detail) : null,
      row.failReason ?? null,
    ],
  );
  if (Math.random() < PRUNE_SHARE) await db.query(`DELETE FROM cloud_jobs WHERE NOT (${FRESH})`);
}

interface Stored {
  resource_id: string;
  service: string | null;
  job_id: string | null;
  kind: string | null;
  detail: Record<string, unknown> | string | null;
  fail_reason: string | null;
}

/**
 * The fresh rows of a slot for these resources, in one statement (a list's worth at once). `freshMs` narrows
 * "fresh" for a leased slot (a claim not renewed within it is one whose replica died).
 */
export async function cloudJobs(
  provider: CloudJobProvider,
  slot: CloudJobSlot,
  resourceIds: readonly string[],
  freshMs = KEEP_MS,
): Promise<Map<string, CloudJobRow>> {
  const out = new Map<string, CloudJobRow>();
  if (!resourceIds.length) return out;
  const db = await getDb();
  const rows = await db.query<Stored>(
    `SELECT resource_id, service, job_id, kind, detail, fail_reason FROM cloud_jobs
     WHERE provider = $1 AND slot = $2 AND resource_id = ANY($3) AND at > now() - make_interval(secs => $4)`,
    [provider, slot, [...new Set(resourceIds)], Math.min(freshMs, KEEP_MS) / 1000],
  );
  for (const r of rows)
    out.set(r.resource_id, {
      resourceId: r.resource_id,
      service: r.service,
      jobId: r.job_id,
      kind: r.kind,
      detail: typeof r.detail === 'string' ? (JSON.parse(r.detail) as Record<string, unknown>) : r.detail,
      failReason: r.fail_reason,
    });
  return out;
}

export async function cloudJob(
  provider: CloudJobProvider,
  slot: CloudJobSlot,
  resourceId: string,
  freshMs = KEEP_MS,
): Promise<CloudJobRow | null> {
  return (await cloudJobs(provider, slot, [resourceId], freshMs)).get(resourceId) ?? null;
}

/** How long a claim lives without being renewed; its holder renews it every third of that. */
export const CLAIM_LEASE_MS = 30_000;

/**
 * Claims a slot for one holder across every replica, in one statement: taken when there is no row or only one whose
 * lease ran out (its replica died mid-work). Answers a release function, or null when another holder has it. The
 * claim is renewed every 10 s until released, so a long upload keeps it and a killed replica loses it in 30 s.
 */
export async function claimCloudJob(
  provider: CloudJobProvider,
  slot: CloudJobSlot,
  resourceId: string,
): Promise<(() => Promise<void>) | null> {
  const db = await getDb();
  const holder = crypto.randomUUID();
  const won = await db.query(
    `INSERT INTO cloud_jobs (provider, resource_id, slot, job_id, at) VALUES ($1, $2, $3, $4, now())
     ON CONFLICT (provider, resource_id, slot) DO UPDATE SET job_id = $4, service = NULL, kind = NULL, detail = NULL,
       fail_reason = NULL, at = now()
     WHERE cloud_jobs.at <= now() - make_interval(secs => $5)
     RETURNING job_id`,
    [provider, resourceId, slot, holder, CLAIM_LEASE_MS / 1000],
  );
  if (!won.length) return null;
  const renew = setInterval(() => {
    void db
      .query(
        'UPDATE cloud_jobs SET at = now() WHERE provider = $1 AND resource_id = $2 AND slot = $3 AND job_id = $4',
        [provider, resourceId, slot, holder],
      )
      .catch(() => undefined);
  }, CLAIM_LEASE_MS / 3);
  renew.unref?.();
  return async () => {
    clearInterval(renew);
    await dropCloudJob(provider, slot, resourceId, holder);
  };
}

/**
 * Records the failure of the slot's job — only while the row is still that job's, so a job another replica started
 * on the resource meanwhile keeps its own row.
 */
export async function failCloudJob(
  provider: CloudJobProvider,
  slot: CloudJobSlot,
  resourceId: string,
  jobId: string,
  failReason: string,
): Promise<void> {
  const db = await getDb();
  await db.query(
    'UPDATE cloud_jobs SET fail_reason = $5 WHERE provider = $1 AND resource_id = $2 AND slot = $3 AND job_id = $4',
    [provider, resourceId, slot, jobId, failReason],
  );
}

/** Forgets the slot's row; given a job id, only while the row is still that job's (see failCloudJob). */
export async function dropCloudJob(
  provider: CloudJobProvider,
  slot: CloudJobSlot,
  resourceId: string,
  jobId?: string,
): Promise<void> {
  const db = await getDb();
  await db.query(
    `DELETE FROM cloud_jobs WHERE provider = $1 AND resource_id = $2 AND slot = $3${jobId ? ' AND job_id = $4' : ''}`,
    jobId ? [provider, resourceId, slot, jobId] : [provider, resourceId, slot],
  );
}
