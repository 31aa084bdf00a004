import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ServerStatus } from '@/lib/contract/server';
import type { Db } from '../../db/client';
import type { CloudProvider, ProviderContext } from '../types';

// The simulator's countByStatus against its own list filter, on a fresh embedded database with the demo seed:
// statuses are derived from (status, next_status, settle_at), so a transition whose time has passed counts as
// the status it has reached, and one still running as the status it is in, exactly as the list filters them.
let db: Db;
let dir: string;
let sim: CloudProvider;
let mine: ProviderContext;
let other: ProviderContext;
let imageId: string;

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'yuntu-counts-'));
  process.env.YUNTU_DATA_DIR = dir;
  const { openDb } = await import('../../db/client');
  const { seedDemo } = await import('../../seed/demo');
  const { createSimProvider } = await import('./index');
  db = await openDb({ dir: path.join(dir, 'pg') });
  await seedDemo(db);
  sim = createSimProvider({ db: async () => db });
  const projects = await db.query<{ id: string; name: string }>(
    `SELECT id, name FROM sim_projects WHERE name IN ('gis-beijing', 'gis-shanghai')`,
  );
  const ctxOf = (name: string): ProviderContext => {
    const id = projects.find((p) => p.name === name)!.id;
    return {
      principal: { userId: 'u', userName: 'u', projectId: id, projectName: name, roles: ['member'] },
      projectId: id,
      allProjects: false,
      requestId: 'r',
    };
  };
  mine = ctxOf('gis-beijing');
  other = ctxOf('gis-shanghai');
  imageId = (await db.query<{ id: string }>(`SELECT id FROM sim_images WHERE name LIKE 'cirros%'`))[0]!.id;
}, 120_000);

afterAll(async () => {
  await db?.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

const create = (ctx: ProviderContext, name: string) =>
  sim.servers.create(ctx, {
    name,
    description: '',
    flavor_id: 's1.small',
    image_id: imageId,
    networks: [],
    block_devices: [],
    metadata: {},
    security_group_ids: [],
  });

/** Puts a server in a stored state directly: `settleInMs` < 0 is a transition whose time has passed. */
async function setState(id: string, status: string, next: string | null, settleInMs: number | null) {
  await db.query('UPDATE sim_servers SET status = $2, next_status = $3, settle_at = $4 WHERE id = $1', [
    id,
    status,
    next,
    settleInMs === null ? null : new Date(Date.now() + settleInMs),
  ]);
}

async function listTotals(ctx: ProviderContext) {
  const totals = await Promise.all(
    ServerStatus.options.map(
      async (s) => [s, (await sim.servers.list(ctx, { limit: 1, offset: 0, status: s })).total] as const,
    ),
  );
  return Object.fromEntries(totals);
}

describe('sim servers.countByStatus', () => {
  it('counts by the derived status, equal to the list filter for every status, in the caller project only', async () => {
    const s = await Promise.all(['a', 'b', 'c', 'd', 'e', 'f'].map((n) => create(mine, `count-${n}`)));
    await create(other, 'elsewhere');
    await setState(s[0]!.id, 'rebooting', 'active', 60_000); // still rebooting
    await setState(s[1]!.id, 'building', 'active', -1000); // built a second ago: active
    await setState(s[2]!.id, 'stopped', null, null);
    await setState(s[3]!.id, 'error', null, null);
    await setState(s[4]!.id, 'resizing', 'active', 60_000);
    await setState(s[5]!.id, 'migrating', 'active', -1); // just arrived: active

    const counts = await sim.servers.countByStatus(mine);
    expect(counts).toEqual({
      building: 0,
      active: 2,
      stopped: 1,
      rebooting: 1,
      resizing: 1,
      migrating: 0,
      deleting: 0,
      error: 1,
    });
    expect(counts).toEqual(await listTotals(mine));
    expect(Object.values(counts).reduce((a, n) => a + n, 0)).toBe(
      (await sim.servers.list(mine, { limit: 1, offset: 0 })).total,
    );
  });

  it('counts every project for a widened scope, equal to the widened list', async () => {
    const all = { ...mine, principal: { ...mine.principal, roles: ['admin' as const] }, allProjects: true };
    const counts = await sim.servers.countByStatus(all);
    expect(counts).toEqual(await listTotals(all));
    const own = await sim.servers.countByStatus(mine);
    const elsewhere = await sim.servers.countByStatus(other);
    for (const s of ServerStatus.options) expect(counts[s], s).toBeGreaterThanOrEqual(own[s] + elsewhere[s]);
    expect(elsewhere.building + elsewhere.active).toBe(1);
  });
});
