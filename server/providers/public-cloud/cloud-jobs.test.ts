import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, describe, expect, it, vi } from 'vitest';
import type { Db } from '../../db/client';
import type { HwDeps } from '../huaweicloud/context';
import type { HwJob } from '../huaweicloud/jobs';
import type { ShDeps } from '../shanhe/context';
import type { ProviderContext } from '../types';

// Stateless replicas (issue 16): what a public-cloud driver remembers about a job is read back by another replica —
// a fresh module graph (nothing in memory) on a second client of the same database. On PGlite the first client is
// closed before the next opens (one process per data directory); on PostgreSQL (YUNTU_TEST_PG_URL, as in
// scripts/ensure-postgres.sh) the replicas' clients are open side by side.
process.env.YUNTU_DATA_DIR ??= fs.mkdtempSync(path.join(os.tmpdir(), 'yuntu-cloud-jobs-'));
const pgUrl = process.env.YUNTU_TEST_PG_URL;

const ctx = { projectId: 'p1', requestId: 'cloud-jobs-test' } as unknown as ProviderContext;

interface Replica {
  db: Db;
  hw: typeof import('../huaweicloud/jobs');
  sh: typeof import('../shanhe/jobs');
  store: typeof import('./cloud-jobs');
}

const cleanups: (() => Promise<void>)[] = [];
afterAll(async () => {
  for (const c of cleanups.reverse()) await c();
});

/** A way to open one more client on one database, fresh per test. */
type Backend = () => Promise<() => Promise<Db>>;

const pglite: Backend = async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'yuntu-cloud-jobs-pg-'));
  let last: Db | undefined;
  cleanups.push(async () => {
    await last?.close().catch(() => undefined);
    fs.rmSync(dir, { recursive: true, force: true });
  });
  return async () => {
    await last?.close();
    const { openDb } = await import('../../db/client');
    last = await openDb({ dir });
    return last;
  };
};

let databases = 0;
const postgres: Backend = async () => {
  const name = `yuntu_cloud_jobs_${process.pid}_${databases++}`;
  const admin = new pg.Client({ connectionString: pgUrl });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(pgUrl!);
  url.pathname = `/${name}`;
  const open: Db[] = [];
  cleanups.push(async () => {
    for (const db of open) await db.close();
    const c = new pg.Client({ connectionString: pgUrl });
    await c.connect();
    await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await c.end();
  });
  return async () => {
    const { openDb } = await import('../../db/client');
    const db = await openDb({ url: url.toString() });
    open.push(db);
    return db;
  };
};

/** A replica: the driver modules loaded anew (no memory of earlier calls) over a client of its own. */
async function replica(open: () => Promise<Db>): Promise<Replica> {
  vi.resetModules();
  const db = await open();
  (await import('../../db/client')).setDb(db);
  return {
    db,
    hw: await import('../huaweicloud/jobs'),
    sh: await import('../shanhe/jobs'),
    store: await import('./cloud-jobs'),
  };
}

/** Huawei's job API answering `status` for any job (counting the calls); `null` fails any call. */
function huawei(job: Partial<HwJob> | null) {
  const calls: string[] = [];
  const d = {
    call: async (_ctx: ProviderContext, _service: string, _method: string, p: string) => {
      calls.push(p);
      if (!job) throw new Error('the cloud was not to be asked');
      return { job_id: p.split('/').pop(), ...job };
    },
  } as unknown as HwDeps;
  return { d, calls };
}

const backends: [string, Backend][] = [['PGlite', pglite]];
if (pgUrl) backends.push(['PostgreSQL', postgres]);

describe.each(backends)('cloud jobs shared between replicas on %s', { timeout: 120_000 }, (_name, backend) => {
  it('a Huawei job one replica started is read, failed and forgotten by the others', async () => {
    const open = await backend();
    const a = await replica(open);
    await a.hw.trackJob('srv-1', 'ecs', 'job-1', 'create');
    await a.hw.trackJob('srv-2', 'ecs', 'job-2', 'delete');
    await a.hw.trackJob('srv-3', 'ecs', undefined, 'delete');

    const b = await replica(open);
    const running = huawei({ status: 'RUNNING' });
    expect(await b.hw.jobOf(running.d, ctx, 'srv-1')).toEqual({ kind: 'create', status: 'RUNNING', failReason: '' });
    expect(running.calls).toEqual(['/v1/{project_id}/jobs/job-1']);
    expect(await b.hw.jobOf(running.d, ctx, 'srv-3')).toBeNull();
    const failing = huawei({ status: 'FAIL', fail_reason: 'Ecs.0013 insufficient quota' });
    expect(await b.hw.jobOf(failing.d, ctx, 'srv-1')).toMatchObject({ status: 'FAIL' });

    // The failure, once seen by one replica, is known to the next without asking the cloud.
    const c = await replica(open);
    const silent = huawei(null);
    expect(await c.hw.jobOf(silent.d, ctx, 'srv-1')).toEqual({
      kind: 'create',
      status: 'FAIL',
      failReason: 'Ecs.0013 insufficient quota',
    });
    const list = await c.hw.jobsOf(huawei({ status: 'RUNNING' }).d, ctx, ['srv-1', 'srv-2', 'srv-9']);
    expect(Object.fromEntries(list)).toEqual({
      'srv-1': { kind: 'create', status: 'FAIL', failReason: 'Ecs.0013 insufficient quota' },
      'srv-2': { kind: 'delete', status: 'RUNNING', failReason: '' },
    });
    // A finished job is forgotten for every replica.
    expect(await c.hw.jobOf(huawei({ status: 'SUCCESS' }).d, ctx, 'srv-2')).toBeNull();

    const d = await replica(open);
    expect(await d.hw.jobOf(silent.d, ctx, 'srv-2')).toBeNull();
    expect(silent.calls).toEqual([]);
    // Forgetting a superseded job leaves the newer one another replica started.
    await d.hw.trackJob('srv-1', 'ecs', 'job-4', 'reboot');
    await d.hw.forgetJob('srv-1', 'job-1');
    expect(await d.hw.jobOf(huawei({ status: 'RUNNING' }).d, ctx, 'srv-1')).toMatchObject({ kind: 'reboot' });
    await d.hw.forgetJob('srv-1');
    expect(await d.hw.jobOf(silent.d, ctx, 'srv-1')).toBeNull();
  });

  it('a failed Shanhe creation one replica watched reads as failed on another', async () => {
    const open = await backend();
    const a = await replica(open);
    const d = {
      s: { zone: 'z1' },
      call: async () => ({
        ret_code: 0,
        job_set: [{ job_id: 'j-9', job_action: 'RunInstances', status: 'failed' }],
      }),
    } as unknown as ShDeps;
    await a.sh.watchCreation(d, ctx, 'i-1', 'j-9');
    for (let i = 0; i < 100 && !(await a.sh.failedCreations(d, ctx, ['i-1'])).size; i++)
      await new Promise((r) => setTimeout(r, 20));

    const b = await replica(open);
    expect(Object.fromEntries(await b.sh.failedCreations(d, ctx, ['i-1', 'i-2']))).toEqual({
      'i-1': 'job j-9 (RunInstances) failed',
    });
    expect((await b.sh.failedCreations(d, ctx, [])).size).toBe(0);
  });

  it('a Shanhe creation whose watching replica died is settled by the next replica that reads it', async () => {
    const open = await backend();
    const a = await replica(open);
    // Replica a records the creation and sees its job working; then it is gone (its watch loop with it).
    let status = 'working';
    const calls: Record<string, string>[] = [];
    const d = {
      s: { zone: 'z1' },
      call: async (_ctx: unknown, _action: string, params: Record<string, string>) => {
        calls.push(params);
        return {
          ret_code: 0,
          job_set: ['j-1', 'j-2']
            .filter((id) => Object.values(params).includes(id))
            .map((job_id) => ({
              job_id,
              job_action: 'RunInstances',
              status: job_id === 'j-1' ? status : 'successful',
            })),
        };
      },
    } as unknown as ShDeps;
    await a.sh.watchCreation(
      { ...d, call: async () => new Promise(() => undefined) } as unknown as ShDeps,
      ctx,
      'i-1',
      'j-1',
      'z2',
    );
    await a.sh.watchCreation(
      { ...d, call: async () => new Promise(() => undefined) } as unknown as ShDeps,
      ctx,
      'i-2',
      'j-2',
      'z2',
    );

    const b = await replica(open);
    expect((await b.sh.failedCreations(d, ctx, ['i-1', 'i-2'])).size).toBe(0);
    // One DescribeJobs for both, in the zone the jobs were started in; the successful one is forgotten.
    expect(calls).toEqual([{ zone: 'z2', limit: '2', 'jobs.1': 'j-1', 'jobs.2': 'j-2' }]);
    expect((await b.store.cloudJobs('shanhe', 'creation', ['i-1', 'i-2'])).size).toBe(1);
    status = 'failed';
    expect(Object.fromEntries(await b.sh.failedCreations(d, ctx, ['i-1']))).toEqual({
      'i-1': 'job j-1 (RunInstances) failed',
    });
    expect((await b.store.cloudJobs('shanhe', 'creation', ['i-1'])).size).toBe(0);
    // Remembered: a third read asks Shanhe nothing.
    calls.length = 0;
    expect((await b.sh.failedCreations(d, ctx, ['i-1'])).size).toBe(1);
    expect(calls).toEqual([]);
  });

  it('an upload claim is held by one replica at a time, and taken over once its lease runs out', async () => {
    const open = await backend();
    const a = await replica(open);
    const release = await a.store.claimCloudJob('huaweicloud', 'upload', 'img-u');
    expect(release).not.toBeNull();
    expect(await a.store.claimCloudJob('huaweicloud', 'upload', 'img-u'), 'a second upload is refused').toBeNull();
    await release!();
    const again = await a.store.claimCloudJob('huaweicloud', 'upload', 'img-u');
    expect(again, 'released: the next upload may go').not.toBeNull();
    // The holder's replica is killed: its claim is not renewed, and after the lease the next one takes it over.
    await a.db.query(`UPDATE cloud_jobs SET at = now() - interval '31 seconds' WHERE resource_id = 'img-u'`);
    const b = await replica(open);
    expect(await b.store.cloudJob('huaweicloud', 'upload', 'img-u', b.store.CLAIM_LEASE_MS)).toBeNull();
    const taken = await b.store.claimCloudJob('huaweicloud', 'upload', 'img-u');
    expect(taken).not.toBeNull();
    expect(await b.store.cloudJob('huaweicloud', 'upload', 'img-u', b.store.CLAIM_LEASE_MS)).not.toBeNull();
    await taken!();
  });

  it('keeps a row 30 minutes, prunes stale rows, and carries the detail (an IMS export) across', async () => {
    const open = await backend();
    const a = await replica(open);
    await a.store.putCloudJob('huaweicloud', 'export', 'img-1', { service: 'ims', jobId: 'e-1', detail: { key: 'k' } });
    await a.store.putCloudJob('huaweicloud', 'job', 'old-1', { service: 'ecs', jobId: 'o-1', kind: 'create' });
    await a.db.query(`UPDATE cloud_jobs SET at = now() - interval '31 minutes' WHERE resource_id = 'old-1'`);

    const b = await replica(open);
    expect(await b.store.cloudJob('huaweicloud', 'export', 'img-1')).toMatchObject({
      jobId: 'e-1',
      detail: { key: 'k' },
    });
    // Another provider's or slot's row of the same id is its own.
    expect(await b.store.cloudJob('shanhe', 'export', 'img-1')).toBeNull();
    expect(await b.store.cloudJob('huaweicloud', 'job', 'img-1')).toBeNull();
    expect(await b.store.cloudJob('huaweicloud', 'job', 'old-1')).toBeNull();
    const random = vi.spyOn(Math, 'random').mockReturnValue(0);
    try {
      await b.store.putCloudJob('shanhe', 'failed-creation', 'v-1', { jobId: 'j-1', failReason: 'x' });
    } finally {
      random.mockRestore();
    }
    const rows = await b.db.query<{ resource_id: string }>('SELECT resource_id FROM cloud_jobs ORDER BY 1');
    expect(rows.map((r) => r.resource_id)).toEqual(['img-1', 'v-1']);
  });
});
