/**
 * The presenter's panel over HTTP (issue 17): GET /demo, POST /demo/reset, PUT /demo/faults and the read-only
 * visitor. A console of its own, and on a PostgreSQL server a database of its own (`ownDatabase`): a reset empties
 * the simulated cloud, which the other files' tenants live in.
 */
import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backend, demo, expectError, signIn, type Client } from './client';
import { startServer, type StartedServer } from './server-process';

const visitor = { username: 'visitor', password: process.env.DEMO_VISITOR_PASSWORD ?? 'visitor-pass-2026' };
let s: StartedServer;
let admin: Client;
let alice: Client;

// The panel drives the simulated cloud only: on OpenStack (the OpenStack stage runs this suite too) its operations
// are 501 by the driver's unsupported table, which server/providers/demo-unsupported.test.ts checks for every driver.
describe.skipIf(backend !== 'sim')("the presenter's panel", () => {
  beforeAll(async () => {
    s = await startServer({ env: { YUNTU_SEED_DEMO: '1' }, ownDatabase: true });
    admin = await signIn(demo.admin, s.url);
    alice = await signIn(demo.alice, s.url);
  }, 120_000);
  afterAll(async () => {
    await s?.stop('SIGKILL');
    if (s && !process.env.KEEP_TEST_DATA) fs.rmSync(s.dataDir, { recursive: true, force: true });
  });

  it('shows the demo state to any signed-in user, every fault off', async () => {
    const r = await alice.get('/demo');
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({
      estate: 'small',
      faults: { latency_ms: 0, failure_rate: 0, host_down: null, slow_uploads: false },
    });
  });

  it('is for administrators: a tenant is refused 403', async () => {
    expectError(await alice.post('/demo/reset', {}), 403, 'forbidden');
    expectError(await alice.put('/demo/faults', { slow_uploads: true }), 403, 'forbidden');
  });

  it('names the field of bad input', async () => {
    const cases: [unknown, string][] = [
      [{ latency_ms: -1 }, 'latency_ms'],
      [{ latency_ms: 10_001 }, 'latency_ms'],
      [{ failure_rate: 2 }, 'failure_rate'],
      [{ latency_operations: ['no spaces allowed'] }, 'latency_operations.0'],
      [{ slow_uploads: 'yes' }, 'slow_uploads'],
    ];
    for (const [body, field] of cases) {
      const e = expectError(await admin.put('/demo/faults', body), 400, 'invalid');
      expect(
        e.details?.map((d) => d.path),
        JSON.stringify(body),
      ).toContain(field);
    }
    const e = expectError(await admin.post('/demo/reset', { estate: 'huge' }), 400, 'invalid');
    expect(e.details?.map((d) => d.path)).toContain('estate');
    const h = expectError(await admin.put('/demo/faults', { host_down: 'no-such-host' }), 404, 'not_found');
    expect(h.message).toMatch(/^host_down: /);
  });

  it('fails the operations named at the failure rate, at once, and stops when switched off', async () => {
    const on = await admin.put('/demo/faults', { failure_rate: 1, failure_operations: ['flavors.list'] });
    expect(on.status).toBe(200);
    expect(on.body).toMatchObject({ failure_rate: 1, failure_operations: ['flavors.list'] });
    const e = expectError(await alice.get('/flavors'), 503, 'unavailable');
    expect(e.message).toMatch(/flavors\.list/);
    expect((await alice.get('/datacenters')).status).toBe(200);
    expect((await alice.get('/demo')).body.faults.failure_rate).toBe(1);
    expect((await admin.put('/demo/faults', { failure_rate: 0 })).status).toBe(200);
    expect((await alice.get('/flavors')).status).toBe(200);
  });

  it('makes a datacenter unavailable: its changes fail 503 naming it', async () => {
    expect((await admin.put('/demo/faults', { datacenter_unavailable: 'dc-sh1' })).status).toBe(200);
    const dcs = (await alice.get('/datacenters')).body.datacenters as { id: string; status: string }[];
    expect(dcs.find((d) => d.id === 'dc-sh1')?.status).toBe('unavailable');
    const e = expectError(
      await alice.post('/volumes', { name: 'v', size_gb: 1, datacenter_id: 'dc-sh1' }),
      503,
      'unavailable',
    );
    expect(e.message).toMatch(/datacenter dc-sh1 is unavailable/);
    expect((await admin.put('/demo/faults', { datacenter_unavailable: null })).status).toBe(200);
  });

  it('puts a host down (shown on GET /hosts) and up again', async () => {
    const hosts = (await admin.get('/hosts')).body.hosts as { id: string; name: string; state?: string }[];
    const h = hosts.find((x) => x.name === 'dc-bj1-compute-1')!;
    expect((await admin.put('/demo/faults', { host_down: h.name })).body.host_down).toBe(h.id);
    expect((await admin.get(`/hosts/${h.id}`)).body.host.state).toBe('down');
    await admin.put('/demo/faults', { host_down: null });
    expect((await admin.get(`/hosts/${h.id}`)).body.host.state).toBe('up');
  });

  it('is refused on a change by the read-only visitor, who still sees everything', async () => {
    const v = await signIn(visitor, s.url);
    expect((await v.get('/hosts')).status).toBe(200);
    expect((await v.get('/servers?all_projects=true')).status).toBe(200);
    expect((await v.get('/users')).status).toBe(200);
    for (const [method, path, body] of [
      ['PUT', '/demo/faults', { slow_uploads: true }],
      ['POST', '/demo/reset', {}],
      ['POST', '/servers', { name: 'x', flavor_id: 's1.small', image_id: 'x' }],
      ['POST', '/projects', { name: 'visitor-project' }],
    ] as const) {
      const e = expectError(await v.call(method, path, body), 403, 'forbidden');
      expect(e.message).toMatch(/^read-only demo: /);
    }
    expect((await v.delete('/auth/tokens')).status).toBe(204);
  });

  it('resets to the seed without a restart, audited, and the signed-in stay signed in', async () => {
    await alice.post('/security-groups', { name: 'made-before-reset' });
    await admin.put('/demo/faults', { latency_ms: 100, slow_uploads: true });
    const r = await admin.post('/demo/reset', {});
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ estate: 'small' });
    expect(r.body.took_ms).toBeGreaterThan(0);
    console.log(`POST /demo/reset (small) took ${r.body.took_ms} ms`);
    // The same token still works: the seed's ids are fixed.
    const groups = await alice.get('/security-groups');
    expect(groups.status).toBe(200);
    expect((groups.body.security_groups as { name: string }[]).map((g) => g.name)).not.toContain('made-before-reset');
    const st = (await alice.get('/demo')).body;
    expect(st.faults).toMatchObject({ latency_ms: 0, slow_uploads: false });
    expect(st.reset_at).not.toBeNull();
    const audit = await admin.get('/audit?limit=20');
    expect((audit.body.records as { action: string }[]).map((a) => a.action)).toContain('demo.reset');
  }, 60_000);
});
