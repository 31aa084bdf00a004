/**
 * GET /servers/status-counts: the overview's counts by status from one backend listing. Each count must equal the
 * total_count of the list filtered by that status, scoped like the list (a tenant: its project; an admin with
 * all_projects=true: every project), and all_projects from a tenant is refused (403). Runs on the simulator and on
 * OpenStack (scripts/test-openstack.mjs).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bootable, deleteAndWait, demo, expectError, newTenant, signIn, waitFor, type Client } from './client';

const statuses = ['building', 'active', 'stopped', 'rebooting', 'resizing', 'migrating', 'deleting', 'error'] as const;
type Counts = Record<(typeof statuses)[number], number>;

let admin: Client;
let a: Awaited<ReturnType<typeof newTenant>>;
let b: Awaited<ReturnType<typeof newTenant>>;

async function createActive(c: Client, name: string, imageId: string): Promise<string> {
  const r = await c.post('/servers', { name, flavor_id: bootable.flavorId, image_id: imageId });
  if (r.status !== 202) throw new Error(`server create: ${r.status} ${JSON.stringify(r.body)}`);
  await waitFor(
    () => c.get(`/servers/${r.body.id}`),
    (x) => x.body.server?.status === 'active',
  );
  return r.body.id;
}

/** The list's answer to each status filter, read one status at a time as the overview used to. */
async function listTotals(c: Client, query = ''): Promise<Counts> {
  const totals = await Promise.all(
    statuses.map(
      async (s) => [s, (await c.get(`/servers?status=${s}&limit=1${query}`)).body.total_count as number] as const,
    ),
  );
  return Object.fromEntries(totals) as Counts;
}

const ids: { a: string[]; b: string[] } = { a: [], b: [] };

beforeAll(async () => {
  admin = await signIn(demo.admin);
  [a, b] = await Promise.all([newTenant(admin), newTenant(admin)]);
  const imageId = (await a.member.get(`/images?name=${bootable.imageName}`)).body.images[0].id;
  ids.a = await Promise.all([
    createActive(a.member, 'count-a1', imageId),
    createActive(a.member, 'count-a2', imageId),
    createActive(a.member, 'count-a3', imageId),
  ]);
  ids.b = [await createActive(b.member, 'count-b1', imageId)];
  // One of A's servers stopped, so two statuses have servers in them.
  expect((await a.member.post(`/servers/${ids.a[0]}/stop`)).status).toBe(202);
  await waitFor(
    () => a.member.get(`/servers/${ids.a[0]}`),
    (x) => x.body.server.status === 'stopped',
  );
}, 600_000);

afterAll(async () => {
  // The servers this file made go (a real cloud's two cores are shared with every other test).
  await Promise.all([
    ...ids.a.map((id) => a?.member.delete(`/servers/${id}`)),
    ...ids.b.map((id) => b?.member.delete(`/servers/${id}`)),
  ]);
});

describe('GET /servers/status-counts', () => {
  it("counts the tenant's servers by status, each count equal to the list's total for that status", async () => {
    const r = await a.member.get('/servers/status-counts');
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect(Object.keys(r.body.counts).sort(), 'every status is present').toEqual([...statuses].sort());
    expect(r.body.counts).toMatchObject({ active: 2, stopped: 1 });
    expect(r.body.total_count).toBe(3);
    expect(r.body.counts).toEqual(await listTotals(a.member));
    expect(r.body.total_count).toBe((await a.member.get('/servers?limit=1')).body.total_count);
  });

  it("sees only the caller's project (another tenant's servers are not counted)", async () => {
    const r = await b.member.get('/servers/status-counts');
    expect(r.status).toBe(200);
    expect(r.body.counts).toMatchObject({ active: 1, stopped: 0 });
    expect(r.body.total_count).toBe(1);
    expect(r.body.counts).toEqual(await listTotals(b.member));
    // A reader of A sees A's counts, like A's list.
    const reader = await a.reader.get('/servers/status-counts');
    expect(reader.status).toBe(200);
    expect(reader.body.total_count).toBe(3);
  });

  it('refuses all_projects=true from a tenant with 403', async () => {
    const e = expectError(await a.member.get('/servers/status-counts?all_projects=true'), 403, 'forbidden');
    expect(e.message).toContain('all_projects');
    expectError(await a.reader.get('/servers/status-counts?all_projects=1'), 403, 'forbidden');
    // all_projects=false is the caller's own project, as on the list.
    expect((await a.member.get('/servers/status-counts?all_projects=false')).body.total_count).toBe(3);
  });

  it("counts every project for an admin with all_projects=true, equal to the all-projects list's totals", async () => {
    // Other test files create and delete servers on the same cloud meanwhile: read both sides until they agree
    // (on a quiet moment they must), and the tenants' servers are in it whatever else is.
    const agreed = await waitFor(
      async () => {
        const [r, totals] = await Promise.all([
          admin.get('/servers/status-counts?all_projects=true'),
          listTotals(admin, '&all_projects=true'),
        ]);
        return { r, totals };
      },
      ({ r, totals }) => r.status === 200 && statuses.every((s) => r.body.counts[s] === totals[s]),
    );
    expect(agreed.r.body.counts.active).toBeGreaterThanOrEqual(3);
    expect(agreed.r.body.counts.stopped).toBeGreaterThanOrEqual(1);
    expect(agreed.r.body.total_count).toBe(statuses.reduce((n, s) => n + agreed.r.body.counts[s], 0));
  });

  it('follows a deletion: the deleted server leaves the counts', async () => {
    expect(await deleteAndWait(a.member, `/servers/${ids.a[2]}`)).toBeLessThan(300);
    const r = await waitFor(
      () => a.member.get('/servers/status-counts'),
      (x) => x.body.total_count === 2,
    );
    expect(r.body.counts).toMatchObject({ active: 1, stopped: 1, deleting: 0 });
    expect(r.body.counts).toEqual(await listTotals(a.member));
  });
});
