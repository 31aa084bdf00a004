import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../db/client';
import type { Principal } from '../providers/types';
import type { RequestContext } from './context';

// The presenter's panel on a fresh embedded database with the demo seed: a reset gives back exactly the seed,
// and each fault switch changes the simulated cloud's state and is undone when cleared.
let db: Db;
let dir: string;
let demo: typeof import('./demo');
const admin: Principal = { userId: 'u', userName: 'admin', projectId: 'p', projectName: 'admin', roles: ['admin'] };
const ctx: RequestContext = { principal: admin, requestId: 'req-demo' };
const tenantCtx: RequestContext = { principal: { ...admin, roles: ['member'] }, requestId: 'req-demo' };

/** Every sim_ table's rows, without the columns a reset may set anew (times), in a fixed order. */
async function exportCloud(): Promise<Record<string, unknown[]>> {
  const tables = await db.query<{ tablename: string }>(
    `SELECT tablename FROM pg_tables WHERE schemaname = current_schema() AND tablename LIKE 'sim\\_%' AND tablename <> 'sim_demo' ORDER BY 1`,
  );
  const out: Record<string, unknown[]> = {};
  for (const { tablename } of tables) {
    const rows = await db.query<Record<string, unknown>>(`SELECT * FROM ${tablename}`);
    out[tablename] = rows
      .map((r) =>
        Object.fromEntries(
          Object.entries(r).filter(
            ([k]) => !/(_at|^password_hash)$/.test(k) && !(tablename === 'sim_server_usage' && k === 'id'),
          ),
        ),
      )
      .map((r) => JSON.stringify(r))
      .sort();
  }
  return out;
}

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'yuntu-demo-'));
  process.env.YUNTU_DATA_DIR = dir;
  const { openDb, setDb } = await import('../db/client');
  const { seedDemo } = await import('../seed/demo');
  db = await openDb({ dir: path.join(dir, 'pg') });
  setDb(db);
  await seedDemo(db);
  demo = await import('./demo');
}, 60_000);

afterAll(async () => {
  await db.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe("the presenter's panel on the simulator", () => {
  it('resets to exactly the seed, with the same ids, after the cloud was changed', async () => {
    const seed = await exportCloud();
    expect(seed.sim_users!.length).toBe(5);
    await db.query(`UPDATE sim_projects SET description = 'changed' WHERE name = 'gis-beijing'`);
    await db.query(`DELETE FROM sim_flavors WHERE id = 's1.small'`);
    await db.query(`INSERT INTO sim_datacenters (id, name, region, status) VALUES ('dc-x', 'x', 'x', 'available')`);
    expect(await exportCloud()).not.toEqual(seed);
    const r = await demo.resetDemo(ctx);
    expect(r.estate).toBe('small');
    expect(await exportCloud()).toEqual(seed);
    const state = await demo.getDemo(ctx);
    expect(state.reset_at).not.toBeNull();
    expect(state.faults.host_down).toBeNull();
  }, 60_000);

  it('keeps a session whose user, project and role the seed has, and ends any other', async () => {
    const [alice] = await db.query<{ id: string; project_id: string }>(
      `SELECT u.id, m.project_id FROM sim_users u JOIN sim_memberships m ON m.user_id = u.id WHERE u.name = 'alice' LIMIT 1`,
    );
    await db.query(
      `INSERT INTO tokens (token_hash, user_id, user_name, project_id, project_name, roles, expires_at) VALUES
       ('keep', $1, 'alice', $2, 'p', '["member"]', now() + interval '1 hour'),
       ('gone', 'someone-created-later', 'x', $2, 'p', '["member"]', now() + interval '1 hour')`,
      [alice!.id, alice!.project_id],
    );
    await demo.resetDemo(ctx);
    const left = (await db.query<{ token_hash: string }>('SELECT token_hash FROM tokens')).map((t) => t.token_hash);
    expect(left).toContain('keep');
    expect(left).not.toContain('gone');
  }, 60_000);

  it('refuses a tenant (403)', async () => {
    await expect(demo.resetDemo(tenantCtx)).rejects.toMatchObject({ kind: 'forbidden' });
    await expect(demo.setDemoFaults(tenantCtx, { slow_uploads: true })).rejects.toMatchObject({ kind: 'forbidden' });
  });

  it('puts a down host in ERROR and brings its servers back when cleared', async () => {
    const [host] = await db.query<{ id: string }>(`SELECT id FROM sim_hosts WHERE name = 'dc-bj1-compute-1'`);
    const [project] = await db.query<{ id: string }>(`SELECT id FROM sim_projects WHERE name = 'gis-beijing'`);
    await db.query(
      `INSERT INTO sim_servers (id, project_id, name, flavor_id, host_id, datacenter_id, vcpus, ram_mb, disk_gb, status, created_at, updated_at)
       VALUES ('s-demo', $1, 'web', 's1.small', $2, 'dc-bj1', 1, 1024, 20, 'active', now(), now())`,
      [project!.id, host!.id],
    );
    const f = await demo.setDemoFaults(ctx, { host_down: 'dc-bj1-compute-1' });
    expect(f.host_down).toBe(host!.id);
    const status = async () =>
      (await db.query<{ status: string }>(`SELECT status FROM sim_servers WHERE id = 's-demo'`))[0]!.status;
    expect(await status()).toBe('error');
    const [down] = await db.query<{ down: boolean }>('SELECT down FROM sim_hosts WHERE id = $1', [host!.id]);
    expect(down!.down).toBe(true);
    const events = await db.query(`SELECT 1 FROM events WHERE resource_id = 's-demo' AND status = 'error'`);
    expect(events.length).toBe(1);
    await demo.setDemoFaults(ctx, { host_down: null });
    expect(await status()).toBe('active');
  });

  it('makes a datacenter unavailable and available again', async () => {
    await demo.setDemoFaults(ctx, { datacenter_unavailable: 'dc-sh1' });
    const st = async () =>
      (await db.query<{ status: string }>(`SELECT status FROM sim_datacenters WHERE id = 'dc-sh1'`))[0]!.status;
    expect(await st()).toBe('unavailable');
    await demo.setDemoFaults(ctx, { datacenter_unavailable: null });
    expect(await st()).toBe('available');
  });

  it('sets a quota to usage plus a margin and restores it', async () => {
    const [p] = await db.query<{ id: string; quotas: Record<string, number> }>(
      `SELECT id, quotas FROM sim_projects WHERE name = 'gis-shanghai'`,
    );
    await demo.setDemoFaults(ctx, { quota_nearly_exhausted: p!.id });
    const [tight] = await db.query<{ quotas: Record<string, number> }>(
      'SELECT quotas FROM sim_projects WHERE id = $1',
      [p!.id],
    );
    expect(tight!.quotas.instances).toBe(1);
    await demo.setDemoFaults(ctx, { quota_nearly_exhausted: null });
    const [back] = await db.query<{ quotas: Record<string, number> }>('SELECT quotas FROM sim_projects WHERE id = $1', [
      p!.id,
    ]);
    expect(back!.quotas).toEqual(p!.quotas);
  });

  it('names the field of an unknown host, datacenter or project (404)', async () => {
    await expect(demo.setDemoFaults(ctx, { host_down: 'nope' })).rejects.toMatchObject({
      kind: 'not_found',
      message: expect.stringMatching(/^host_down: /),
    });
    await expect(demo.setDemoFaults(ctx, { datacenter_unavailable: 'nope' })).rejects.toMatchObject({
      message: expect.stringMatching(/^datacenter_unavailable: /),
    });
    await expect(demo.setDemoFaults(ctx, { quota_nearly_exhausted: 'nope' })).rejects.toMatchObject({
      message: expect.stringMatching(/^quota_nearly_exhausted: /),
    });
    // A refused switch changes nothing.
    expect((await demo.getDemo(ctx)).faults.host_down).toBeNull();
  });

  it('merges the switches given into the stored ones', async () => {
    await demo.setDemoFaults(ctx, { latency_ms: 500, latency_operations: ['servers.create'] });
    const f = await demo.setDemoFaults(ctx, { slow_uploads: true });
    expect(f).toMatchObject({ latency_ms: 500, latency_operations: ['servers.create'], slow_uploads: true });
    await demo.resetDemo(ctx);
    expect((await demo.getDemo(ctx)).faults.latency_ms).toBe(0);
  }, 60_000);

  it('resets to the 1,000-server estate', async () => {
    const r = await demo.resetDemo(ctx, '1000');
    expect(r.estate).toBe('1000');
    const [n] = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM sim_servers');
    expect(n!.n).toBe(1000);
    console.log(`reset to the 1,000-server estate took ${r.took_ms} ms (embedded PGlite)`);
    const small = await demo.resetDemo(ctx, 'small');
    console.log(`reset to the small estate took ${small.took_ms} ms (embedded PGlite)`);
  }, 120_000);
});
