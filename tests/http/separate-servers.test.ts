/**
 * Behaviours that need a console of their own: a small rate limit, injected faults, and a kill -9 + restart.
 */
import fs from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { client, demo, expectError, newTenant, signIn, waitFor } from './client';
import { startServer, type StartedServer } from './server-process';

const started: StartedServer[] = [];
afterAll(async () => {
  for (const s of started) {
    await s.stop('SIGKILL');
    if (!process.env.KEEP_TEST_DATA) fs.rmSync(s.dataDir, { recursive: true, force: true });
  }
});

async function start(env: Record<string, string>, dataDir?: string) {
  const s = await startServer({ env, dataDir });
  started.push(s);
  return s;
}

describe('rate limit', () => {
  it('answers 429 with Retry-After once a principal has spent its budget', async () => {
    // A window length of its own keeps this console's counters apart from the main one's when they share a
    // PostgreSQL database (the counters are keyed by principal and window start).
    const s = await start({ RATE_LIMIT_MAX: '5', RATE_LIMIT_WINDOW_SECONDS: '3599' });
    const admin = await signIn(demo.admin, s.url);
    const t = await newTenant(admin, { base: s.url });
    const statuses: number[] = [];
    for (let i = 0; i < 7; i++) statuses.push((await t.member.get('/datacenters')).status);
    expect(statuses).toEqual([200, 200, 200, 200, 200, 429, 429]);
    const r = await t.member.get('/datacenters');
    const e = expectError(r, 429, 'rate_limited');
    expect(e.message).toMatch(/rate limit of 5 requests per 3599 s/);
    expect(Number(r.headers.get('retry-after'))).toBeGreaterThan(0);
    // Another principal has its own budget.
    expect((await t.reader.get('/datacenters')).status).toBe(200);
  });
});

describe('fault injection', () => {
  it('fails the configured operation with 503 naming it, and leaves the rest working', async () => {
    const s = await start({ SIM_FAULTS: 'servers.list:1' });
    const alice = await signIn(demo.alice, s.url);
    const e = expectError(await alice.get('/servers'), 503, 'unavailable');
    expect(e.message).toMatch(/servers\.list/);
    expect((await alice.get('/flavors')).status).toBe(200);
  });

  it('adds latency when asked', async () => {
    const s = await start({ SIM_LATENCY_MS: '300' });
    const alice = await signIn(demo.alice, s.url);
    const t0 = Date.now();
    expect((await alice.get('/flavors')).status).toBe(200);
    expect(Date.now() - t0).toBeGreaterThanOrEqual(150);
  });
});

describe('persistence', () => {
  it('keeps everything acknowledged across a kill -9 and restart, and transitions go on from the clock', async () => {
    const s = await start({ SIM_SPEED: '1' });
    const admin = await signIn(demo.admin, s.url);
    const t = await newTenant(admin, { base: s.url });
    const image = (await t.member.get('/images?name=cirros')).body.images[0].id;
    const created = await t.member.post('/servers', { name: 'survivor', flavor_id: 's1.small', image_id: image });
    expect(created.status).toBe(202);
    expect(created.body.server.status).toBe('building');
    const flavor = await admin.post('/flavors', {
      id: 'persist-1',
      name: 'persist-1',
      vcpus: 1,
      ram_mb: 512,
      disk_gb: 1,
    });
    expect(flavor.status).toBe(201);
    await s.stop('SIGKILL');

    const again = await start({ SIM_SPEED: '1' }, s.dataDir);
    const member = client(t.member.token, again.url);
    const got = await waitFor(
      () => member.get(`/servers/${created.body.id}`),
      (x) => x.body?.server?.status === 'active',
      15_000,
    );
    expect(got.body.server.name).toBe('survivor');
    expect((await client(admin.token, again.url).get('/flavors/persist-1')).body.flavor.ram_mb).toBe(512);
    // The token issued before the crash is still valid: sessions are stored, not held in memory.
    expect((await member.get('/quotas/compute')).body.used_instances).toBe(1);
  });
});
