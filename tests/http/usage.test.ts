import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openstackJson } from '../../e2e/openstack/cli';
import {
  backend,
  baseUrl,
  bootable,
  deleteAndWait,
  demo,
  expectError,
  newTenant,
  signIn,
  waitFor,
  type Client,
} from './client';
import { cirrosImageId } from './network-fixtures';

/*
 * GET /usage (issue 14, usage over time): the series of what a project's servers were allocated, from the
 * simulator's recorded history or Nova's os-simple-tenant-usage. Holds on the loopback OpenStack too (listed in
 * scripts/test-openstack.mjs), where the totals are cross-checked with `openstack usage show`.
 */

const H = 3_600_000;
const iso = (ms: number) => new Date(ms).toISOString();
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
type Point = { at: string; vcpus: number; memory_mb: number; disk_gb: number; servers: number };
type Series = { from: string; to: string; step: string; project_id: string | null; points: Point[] };

let admin: Client;
let t: Awaited<ReturnType<typeof newTenant>>;
let other: Awaited<ReturnType<typeof newTenant>>;

beforeAll(async () => {
  admin = await signIn(demo.admin);
  t = await newTenant(admin, { quotas: { instances: 2, vcpus: 8, ram_mb: 8192 } });
  other = await newTenant(admin);
});

afterAll(async () => {
  for (const p of [t, other]) if (p) await admin.delete(`/projects/${p.projectId}`);
});

async function series(c: Client, q: Record<string, string>): Promise<Series> {
  const r = await c.get(`/usage?${new URLSearchParams(q).toString()}`);
  if (r.status !== 200) throw new Error(`GET /usage: ${r.status} ${JSON.stringify(r.body)}`);
  return r.body.usage as Series;
}

describe('GET /usage input', () => {
  it('refuses bad input with 400 naming the field', async () => {
    const now = Date.now();
    const cases: [Record<string, string>, string][] = [
      [{ from: 'yesterday' }, 'from'],
      [{ to: '2026-13-01T00:00:00Z' }, 'to'],
      [{ from: iso(now - H), to: iso(now - 2 * H) }, 'to'],
      [{ from: iso(now - H), to: iso(now - H) }, 'to'],
      [{ from: iso(now - 93 * 86_400_000), to: iso(now) }, 'from'],
      [{ from: iso(now - 60 * 86_400_000), to: iso(now), step: 'hour' }, 'step'],
      [{ step: 'week' }, 'step'],
      [{ format: 'xml' }, 'format'],
      [{ from: iso(now + H), to: iso(now + 2 * H) }, 'from'],
    ];
    for (const [q, field] of cases) {
      const e = expectError(await admin.get(`/usage?${new URLSearchParams(q).toString()}`), 400, 'invalid');
      expect(
        e.details?.map((d) => d.path),
        JSON.stringify(q),
      ).toContain(field);
    }
  });

  it('defaults to the last 7 days by the hour, and a longer range by the day', async () => {
    const s = await series(t.member, {});
    expect(s.step).toBe('hour');
    expect(Date.parse(s.to) - Date.parse(s.from)).toBe(7 * 24 * H);
    expect(s.points).toHaveLength(7 * 24);
    expect(s.project_id).toBe(t.projectId);
    const now = Date.now();
    const long = await series(admin, { project_id: t.projectId, from: iso(now - 60 * 86_400_000), to: iso(now) });
    expect(long.step).toBe('day');
    expect(long.points).toHaveLength(60);
  });

  it('lets a tenant read their own project only; admins any project, or every project', async () => {
    expect((await series(t.member, { project_id: t.projectId })).project_id).toBe(t.projectId);
    expect((await series(t.reader, {})).project_id).toBe(t.projectId);
    const e = expectError(await other.member.get(`/usage?project_id=${t.projectId}`), 403, 'forbidden');
    expect(e.details?.[0]?.path).toBe('project_id');
    expectError(await t.member.get('/usage?datacenter_id=anywhere'), 403, 'forbidden');
    expectError(await admin.get('/usage?project_id=no-such-project'), 404, 'not_found');
    expectError(await admin.get('/usage?datacenter_id=no-such-datacenter'), 404, 'not_found');
    expect((await series(admin, {})).project_id).toBeNull();
  });
});

describe('GET /usage history', () => {
  it('shows a server in the points of its lifetime and not after its deletion, per datacenter and as CSV', async () => {
    const flavor = (await admin.get(`/flavors/${bootable.flavorId}`)).body.flavor as {
      vcpus: number;
      ram_mb: number;
      disk_gb: number;
    };
    const imageId = await cirrosImageId(t.member);
    const t0 = Date.now() - 1000;
    const created = await t.member.post('/servers', {
      name: 'usage-1',
      flavor_id: bootable.flavorId,
      image_id: imageId,
    });
    expect(created.status).toBe(202);
    const id: string = created.body.id;
    const server = (
      await waitFor(
        () => admin.get(`/servers/${id}`),
        (x) => x.body.server?.status === 'active',
      )
    ).body.server as { created_at: string; datacenter_id: string };
    // Alive for a few seconds, so its share of a point is well above the answer's rounding.
    await sleep(3000);
    const alive = Date.now();
    const during = await series(admin, { project_id: t.projectId, from: iso(t0), to: iso(alive) });
    expect(during.points).toHaveLength(1);
    const p = during.points[0]!;
    const lived = (alive - Date.parse(server.created_at)) / (alive - t0);
    expect(p.vcpus).toBeGreaterThan(0);
    expect(p.vcpus).toBeLessThanOrEqual(flavor.vcpus * lived + 1e-3);
    if (backend === 'sim') {
      // The simulator's history starts at the server's creation time, to the millisecond.
      expect(p.vcpus).toBeCloseTo(flavor.vcpus * lived, 3);
      expect(p.memory_mb).toBeCloseTo(flavor.ram_mb * lived, 1);
      expect(p.disk_gb).toBeCloseTo(flavor.disk_gb * lived, 3);
    } else {
      // Nova's started_at is the launch, a little after the creation: the same share of every resource (each
      // value rounded to four decimals, hence the slack).
      expect(Math.abs(p.memory_mb - flavor.ram_mb * p.servers)).toBeLessThanOrEqual(flavor.ram_mb * 5e-5 + 5e-5);
      expect(Math.abs(p.disk_gb - flavor.disk_gb * p.servers)).toBeLessThanOrEqual(flavor.disk_gb * 5e-5 + 5e-5);
    }
    expect(p.servers).toBeCloseTo(p.vcpus / flavor.vcpus, 3);

    await deleteAndWait(t.member, `/servers/${id}`, backend === 'sim' ? 60_000 : 180_000);
    // Nova records terminated_at when the delete finishes; a moment later nothing is allocated any more.
    await sleep(1500);
    const gone = Date.now();
    await sleep(1500);
    const end = Date.now();
    // Points start at `from`: the first hour holds the whole life of the server, the second starts after it.
    const s = await series(admin, { project_id: t.projectId, from: iso(gone - H), to: iso(end) });
    expect(s.points.map((x) => x.at)).toEqual([iso(gone - H), iso(gone)]);
    const [life, after] = s.points as [Point, Point];
    expect(life.vcpus).toBeGreaterThan(0);
    expect(life.vcpus).toBeLessThanOrEqual(flavor.vcpus);
    expect(after).toMatchObject({ vcpus: 0, memory_mb: 0, disk_gb: 0, servers: 0 });
    // Before the server existed there is nothing either.
    const before = await series(admin, { project_id: t.projectId, from: iso(t0 - 2 * H), to: iso(t0) });
    expect(before.points.every((x) => x.vcpus === 0 && x.servers === 0)).toBe(true);
    // The tenant's own answer is the admin's.
    expect(await series(t.member, { from: iso(gone - H), to: iso(end) })).toEqual(s);

    // Per datacenter: all of it in the server's datacenter, none of it in another one.
    const inDc = await series(admin, {
      project_id: t.projectId,
      datacenter_id: server.datacenter_id,
      from: iso(gone - H),
      to: iso(end),
    });
    expect(inDc.points).toEqual(s.points);
    const dcs = (await admin.get('/datacenters')).body.datacenters as { id: string }[];
    const elsewhere = dcs.find((d) => d.id !== server.datacenter_id);
    // The loopback OpenStack has a single availability zone; the simulator has several.
    if (elsewhere) {
      const none = await series(admin, {
        project_id: t.projectId,
        datacenter_id: elsewhere.id,
        from: iso(gone - H),
        to: iso(end),
      });
      expect(none.points.every((x) => x.vcpus === 0 && x.servers === 0)).toBe(true);
    }
    // Every project's series includes this one's.
    const all = await series(admin, { from: iso(gone - H), to: iso(end) });
    expect(all.points[0]!.vcpus).toBeGreaterThanOrEqual(life.vcpus - 1e-4);

    // The same points as CSV: a header row, then one row per point.
    const q = new URLSearchParams({ project_id: t.projectId, from: iso(gone - H), to: iso(end), format: 'csv' });
    const csv = await fetch(`${baseUrl()}/api/v1/usage?${q.toString()}`, {
      headers: { 'X-Auth-Token': admin.token!, Accept: 'text/csv' },
    });
    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-type')).toMatch(/^text\/csv/);
    expect(csv.headers.get('content-disposition')).toMatch(/^attachment; filename="usage-/);
    const lines = (await csv.text()).trimEnd().split('\r\n');
    expect(lines[0]).toBe('at,vcpus,memory_mb,disk_gb,servers');
    expect(lines.slice(1)).toEqual(s.points.map((x) => `${x.at},${x.vcpus},${x.memory_mb},${x.disk_gb},${x.servers}`));

    if (backend === 'openstack') {
      // Nova's own report of the project for today (the CLI takes whole days), against the series' hours.
      const day = new Date(end).toISOString().slice(0, 10);
      const next = new Date(Date.parse(day) + 24 * H).toISOString().slice(0, 10);
      const report = await openstackJson<Record<string, unknown>>([
        'usage',
        'show',
        '--project',
        t.projectId,
        '--start',
        day,
        '--end',
        next,
      ]);
      const dayStart = Date.parse(`${day}T00:00:00.000Z`);
      const whole = await series(admin, { project_id: t.projectId, from: iso(dayStart), to: iso(end), step: 'day' });
      const hours = (end - dayStart) / H;
      const point = whole.points[0]!;
      // A point is rounded to four decimals: times the hours of its interval, that is the most the totals may differ.
      const slack = 5e-5 * hours + 1e-6;
      expect(Math.abs(point.vcpus * hours - Number(report['CPU Hours']))).toBeLessThanOrEqual(slack);
      expect(Math.abs(point.memory_mb * hours - Number(report['RAM MB-Hours']))).toBeLessThanOrEqual(slack);
      expect(Math.abs(point.disk_gb * hours - Number(report['Disk GB-Hours']))).toBeLessThanOrEqual(slack);
      // The CLI's JSON lists the servers (its table counts them): this project had the one.
      const servers = report['Servers'];
      expect(Array.isArray(servers) ? servers.length : Number(servers)).toBe(1);
    }
  });
});
