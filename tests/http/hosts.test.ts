import { execFile } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backend, deleteAndWait, demo, expectError, newTenant, signIn, waitFor, type Client } from './client';

/*
 * Hosts for maintenance (issue 14, part 4): disable with a reason and enable, the scheduler, a pinned create and
 * live migration honour it, and "migrate everything off this host" answers one result per server. On the simulator
 * and on the loopback OpenStack (listed in scripts/test-openstack.mjs), where the host is the nova-compute service
 * and each change is cross-checked with the `openstack` CLI. The console and the cloud are shared with other test
 * files and engineers: every host this file disables is enabled again in afterAll, and the batch migration is
 * narrowed to this file's own project (project_id).
 */

interface Host {
  id: string;
  name: string;
  datacenter_id: string;
  status: 'enabled' | 'disabled';
  disabled_reason: string | null;
}

let admin: Client;
let t: Awaited<ReturnType<typeof newTenant>>;
let imageId: string;
/** The datacenter under test: the simulator's second one (dc-bj1 is the default of every other test's servers). */
let dc: string;
let hosts: Host[];
const disabled = new Set<string>();
const reason = `maintenance by hosts.test ${process.pid}`;

/** The `openstack` CLI as admin (the openrc of scripts/openstack/up.sh), answering its JSON. */
function cli<T>(args: string[]): Promise<T> {
  const osDir = process.env.OS_DIR || '/tmp/openstack';
  return new Promise((resolve, reject) =>
    execFile(
      'bash',
      ['-c', `source ${osDir}/openrc >/dev/null && openstack "$@" -f json`, 'openstack', ...args],
      { timeout: 120_000 },
      (err, stdout, stderr) =>
        err ? reject(new Error(`openstack ${args.join(' ')}: ${stderr}`)) : resolve(JSON.parse(stdout)),
    ),
  );
}

async function disable(h: Host, why = reason) {
  disabled.add(h.id);
  const r = await admin.post(`/hosts/${h.id}/disable`, { reason: why });
  expect(r.status, JSON.stringify(r.body)).toBe(200);
  return r.body.host as Host;
}

async function enable(h: Host) {
  const r = await admin.post(`/hosts/${h.id}/enable`);
  expect(r.status, JSON.stringify(r.body)).toBe(200);
  disabled.delete(h.id);
  return r.body.host as Host;
}

async function activeServer(name: string, extra: Record<string, unknown> = {}, c: Client = t.member) {
  const r = await c.post('/servers', { name, flavor_id: 's1.small', image_id: imageId, datacenter_id: dc, ...extra });
  expect(r.status, JSON.stringify(r.body)).toBe(202);
  const s = await waitFor(
    () => admin.get(`/servers/${r.body.id}`),
    (x) => x.body.server?.status === 'active' || x.body.server?.status === 'error',
  );
  expect(s.body.server.status).toBe('active');
  return s.body.server as { id: string; name: string; host: string };
}

beforeAll(async () => {
  admin = await signIn(demo.admin);
  t = await newTenant(admin, { quotas: { instances: 10, vcpus: 20, ram_mb: 40960 } });
  imageId = (await t.member.get('/images?name=cirros')).body.images[0].id;
  const all = (await admin.get('/hosts')).body.hosts as Host[];
  dc = backend === 'sim' ? 'dc-sh1' : all[0]!.datacenter_id;
  hosts = all.filter((h) => h.datacenter_id === dc);
  expect(hosts.length, 'two hosts or more in the datacenter').toBeGreaterThanOrEqual(2);
  expect(
    hosts.every((h) => h.status === 'enabled'),
    `every host of ${dc} is enabled: ${JSON.stringify(hosts)}`,
  ).toBe(true);
});

afterAll(async () => {
  // Always: the simulator's console and the loopback cloud are shared with the other tests.
  for (const id of [...disabled]) await admin.post(`/hosts/${id}/enable`);
  const servers = (await t.member.get('/servers?limit=100')).body.servers as { id: string }[];
  await Promise.all(servers.map((s) => deleteAndWait(t.member, `/servers/${s.id}`, 180_000).catch(() => undefined)));
  await admin.delete(`/projects/${t.projectId}`);
});

describe('taking a host out of scheduling', () => {
  it('refuses a missing or empty reason with 400 naming reason', async () => {
    const h = hosts[0]!;
    for (const body of [{}, { reason: '' }, { reason: '   ' }, { reason: 'x'.repeat(256) }]) {
      const e = expectError(await admin.post(`/hosts/${h.id}/disable`, body), 400, 'invalid');
      expect(e.details?.map((d) => d.path)).toContain('reason');
    }
    expect((await admin.get(`/hosts/${h.id}`)).body.host.status).toBe('enabled');
  });

  it('is for administrators only (403) and names an unknown host (404)', async () => {
    const h = hosts[0]!;
    expectError(await t.member.post(`/hosts/${h.id}/disable`, { reason }), 403, 'forbidden');
    expectError(await t.member.post(`/hosts/${h.id}/enable`), 403, 'forbidden');
    expectError(await t.member.get(`/hosts/${h.id}`), 403, 'forbidden');
    expectError(await t.member.post(`/hosts/${h.id}/migrate-servers`, {}), 403, 'forbidden');
    expectError(await t.member.get(`/servers?host=${h.name}`), 403, 'forbidden');
    for (const call of [
      admin.get('/hosts/no-such-host'),
      admin.post('/hosts/no-such-host/disable', { reason }),
      admin.post('/hosts/no-such-host/enable'),
      admin.post('/hosts/no-such-host/migrate-servers', {}),
    ]) {
      const e = expectError(await call, 404, 'not_found');
      expect(e.message).toContain('no-such-host');
    }
  });

  it('disables with the reason, shows it in the list and one host, and enables again', async () => {
    const h = hosts[hosts.length - 1]!;
    const off = await disable(h);
    expect(off).toMatchObject({ id: h.id, name: h.name, status: 'disabled', disabled_reason: reason });
    expect((await admin.get(`/hosts/${h.id}`)).body.host).toMatchObject({
      status: 'disabled',
      disabled_reason: reason,
    });
    const listed = ((await admin.get('/hosts')).body.hosts as Host[]).find((x) => x.id === h.id);
    expect(listed).toMatchObject({ status: 'disabled', disabled_reason: reason });
    if (backend === 'openstack') {
      const svc = await cli<{ Host: string; Status: string; 'Disabled Reason': string }[]>([
        'compute',
        'service',
        'list',
        '--service',
        'nova-compute',
        '--long',
      ]);
      expect(svc.find((s) => s.Host === h.name)).toMatchObject({ Status: 'disabled', 'Disabled Reason': reason });
    }
    const on = await enable(h);
    expect(on).toMatchObject({ status: 'enabled', disabled_reason: null });
    if (backend === 'openstack') {
      const svc = await cli<{ Host: string; Status: string }[]>([
        'compute',
        'service',
        'list',
        '--service',
        'nova-compute',
      ]);
      expect(svc.find((s) => s.Host === h.name)?.Status).toBe('enabled');
    }
  });
});

describe('the scheduler, a pinned create and live migration honour it', () => {
  it('places new servers on the one enabled host only, and refuses a pinned or migrating-to disabled host with 409 and the reason', async () => {
    const [keep, ...rest] = hosts;
    for (const h of rest) await disable(h);
    try {
      // Three on the simulator (its scheduler would spread them over the hosts with most free memory), one on OpenStack.
      const n = backend === 'sim' ? 3 : 1;
      const made = [];
      for (let i = 0; i < n; i++) made.push(await activeServer(`sched-${i}`));
      for (const s of made) expect(s.host).toBe(keep!.name);
      if (backend === 'openstack') {
        const shown = await cli<{ 'OS-EXT-SRV-ATTR:host': string }>(['server', 'show', made[0]!.id]);
        expect(shown['OS-EXT-SRV-ATTR:host']).toBe(keep!.name);
      }

      const off = rest[0]!;
      const pinned = expectError(
        await admin.post('/servers', { name: 'pinned-off', flavor_id: 's1.small', image_id: imageId, host: off.name }),
        409,
        'conflict',
      );
      expect(pinned.message).toContain(off.name);
      expect(pinned.message).toContain(reason);

      const moved = expectError(await admin.post(`/servers/${made[0]!.id}/live-migrate`, { host: off.name }), 409);
      expect(moved.message).toContain(off.name);
      expect(moved.message).toContain(reason);
      // The servers already there stay where they are: a disabled host is not emptied by itself.
      expect((await admin.get(`/servers/${made[0]!.id}`)).body.server).toMatchObject({
        status: 'active',
        host: keep!.name,
      });
    } finally {
      for (const h of rest) await enable(h);
    }
  });

  it('places a server on the host an administrator pins, and refuses an unknown one naming host', async () => {
    const target = hosts[1]!;
    const s = await activeServer('pinned-on', { host: target.name }, admin);
    expect(s.host).toBe(target.name);
    await deleteAndWait(admin, `/servers/${s.id}`, 180_000);
    const e = expectError(
      await admin.post('/servers', {
        name: 'pinned-x',
        flavor_id: 's1.small',
        image_id: imageId,
        host: 'no-such-host',
      }),
      400,
      'invalid',
    );
    expect(e.details?.map((d) => d.path)).toContain('host');
    expectError(
      await t.member.post('/servers', {
        name: 'pinned-m',
        flavor_id: 's1.small',
        image_id: imageId,
        host: target.name,
      }),
      403,
      'forbidden',
    );
  });
});

describe('migrating the servers off a host', () => {
  it('live-migrates every active server off the host and refuses a stopped one, one result each', async () => {
    const [from, to] = hosts as [Host, Host];
    const running = await activeServer('drain-run', { host: from.name }, admin);
    // Pinned servers are made by the admin, in the admin's project: this file's tenant gets one of its own too.
    const stopped = await activeServer('drain-stop', { host: from.name }, admin);
    const stop = await admin.post(`/servers/${stopped.id}/stop`);
    expect(stop.status, JSON.stringify(stop.body)).toBe(202);
    await waitFor(
      () => admin.get(`/servers/${stopped.id}`),
      (x) => x.body.server.status === 'stopped',
    );
    const adminProject = (await admin.get(`/servers/${running.id}`)).body.server.project_id as string;
    try {
      await disable(from, `${reason} (draining)`);
      expectError(await admin.post(`/hosts/${from.id}/migrate-servers`, { target_host: from.name }), 409);
      expectError(await admin.post(`/hosts/${from.id}/migrate-servers`, { target_host: 'no-such-host' }), 404);
      const r = await admin.post(`/hosts/${from.id}/migrate-servers`, {
        target_host: to.name,
        project_id: adminProject,
      });
      expect(r.status, JSON.stringify(r.body)).toBe(202);
      const results = r.body.results as { server_id: string; outcome: string; target_host?: string; error?: string }[];
      expect(results.find((x) => x.server_id === running.id)).toMatchObject({
        outcome: 'started',
        target_host: to.name,
      });
      const refused = results.find((x) => x.server_id === stopped.id);
      expect(refused?.outcome).toBe('refused');
      expect(refused?.error).toMatch(/stopped/);
      // Only the project asked for: nothing of another project's is in the answer.
      const ids = new Set(results.map((x) => x.server_id));
      const others = (
        (await admin.get(`/servers?all_projects=true&host=${from.name}&limit=100`)).body.servers as {
          id: string;
          project_id: string;
        }[]
      ).filter((s) => s.project_id !== adminProject);
      for (const o of others) expect(ids.has(o.id)).toBe(false);
      const landed = await waitFor(
        () => admin.get(`/servers/${running.id}`),
        (x) => x.body.server.status === 'active',
      );
      expect(landed.body.server.host).toBe(to.name);
      if (backend === 'openstack') {
        const shown = await cli<{ 'OS-EXT-SRV-ATTR:host': string }>(['server', 'show', running.id]);
        expect(shown['OS-EXT-SRV-ATTR:host']).toBe(to.name);
      }
      // The host filter of the servers list: the moved server is on its new host now, the stopped one still here.
      const here = (await admin.get(`/servers?all_projects=true&host=${from.name}&limit=100`)).body.servers as {
        id: string;
      }[];
      expect(here.map((s) => s.id)).toContain(stopped.id);
      expect(here.map((s) => s.id)).not.toContain(running.id);
    } finally {
      await enable(from);
      for (const s of [running, stopped])
        await deleteAndWait(admin, `/servers/${s.id}`, 180_000).catch(() => undefined);
    }
  });
});
