import { beforeAll, describe, expect, it } from 'vitest';
import { backend, deleteAndWait, demo, expectError, newTenant, signIn, waitFor, type Client } from './client';
import { ownNetwork } from './network-fixtures';

let admin: Client;
let t: Awaited<ReturnType<typeof newTenant>>;
let imageId: string;

beforeAll(async () => {
  admin = await signIn(demo.admin);
  t = await newTenant(admin);
  const images = await t.member.get('/images?name=cirros');
  imageId = images.body.images[0].id;
});

describe('B.2.1 server lifecycle', () => {
  it('creates a server that is building, then active, with the B.13 fields', async () => {
    const r = await t.member.post('/servers', { name: 'web-1', flavor_id: 's1.small', image_id: imageId });
    expect(r.status, JSON.stringify(r.body)).toBe(202);
    expect(r.body.id).toBeTruthy();
    expect(r.body.server.status).toBe('building');
    const s = await waitFor(
      () => t.member.get(`/servers/${r.body.id}`),
      (x) => x.body.server.status === 'active',
    );
    const server = s.body.server;
    expect(server).toMatchObject({ name: 'web-1', flavor_id: 's1.small', image_id: imageId, project_id: t.projectId });
    expect(server.addresses[0].private_ip).toMatch(/^10\.0\.0\.\d+$/);
    expect(server.security_groups.map((g: { name: string }) => g.name)).toEqual(['default']);
    expect(server.host, 'tenants do not see the host').toBeUndefined();
  });

  it('refuses a missing name with a 400 naming the field', async () => {
    const e = expectError(
      await t.member.post('/servers', { flavor_id: 's1.small', image_id: imageId }),
      400,
      'invalid',
    );
    expect(e.details?.map((d) => d.path)).toContain('name');
  });

  it('refuses to start an active server with 409 naming its status', async () => {
    const r = await t.member.post('/servers', { name: 'web-2', flavor_id: 's1.small', image_id: imageId });
    await waitFor(
      () => t.member.get(`/servers/${r.body.id}`),
      (x) => x.body.server.status === 'active',
    );
    const e = expectError(await t.member.post(`/servers/${r.body.id}/start`), 409, 'conflict');
    expect(e.message).toContain('active');
  });
});

async function activeServer(c: Client, name: string, flavor = 's1.small') {
  const r = await c.post('/servers', { name, flavor_id: flavor, image_id: imageId });
  expect(r.status, JSON.stringify(r.body)).toBe(202);
  return (
    await waitFor(
      () => c.get(`/servers/${r.body.id}`),
      (x) => x.body.server.status === 'active',
    )
  ).body.server;
}

describe('server actions', () => {
  it('stops, starts, reboots soft and hard, with the transitional status first', async () => {
    const s = await activeServer(t.member, 'act-1');
    // API.md: 202 with the server as it is now. The simulator stops at once; Nova answers while powering off
    // (still active, no "stopping" in the vocabulary), so the stable status is awaited.
    const stop = await t.member.post(`/servers/${s.id}/stop`);
    expect(stop.status).toBe(202);
    expect(['active', 'stopped']).toContain(stop.body.server.status);
    await waitFor(
      () => t.member.get(`/servers/${s.id}`),
      (x) => x.body.server.status === 'stopped',
    );
    expectError(await t.member.post(`/servers/${s.id}/stop`), 409);
    expectError(await t.member.post(`/servers/${s.id}/reboot`, { type: 'soft' }), 409);
    const start = await t.member.post(`/servers/${s.id}/start`);
    expect(start.status).toBe(202);
    expect(['stopped', 'active']).toContain(start.body.server.status);
    await waitFor(
      () => t.member.get(`/servers/${s.id}`),
      (x) => x.body.server.status === 'active',
    );
    const reboot = await t.member.post(`/servers/${s.id}/reboot`, { type: 'hard' });
    expect(reboot.status).toBe(202);
    expect(reboot.body.server.status).toBe('rebooting');
    await waitFor(
      () => t.member.get(`/servers/${s.id}`),
      (x) => x.body.server.status === 'active',
    );
    const e = expectError(await t.member.post(`/servers/${s.id}/reboot`, { type: 'gentle' }), 400);
    expect(e.details?.[0]?.path).toBe('type');
  });

  it('renames and describes with PUT, and refuses an empty change', async () => {
    const s = await activeServer(t.member, 'act-2');
    const r = await t.member.put(`/servers/${s.id}`, { name: 'act-2-renamed', description: 'GIS tile cache' });
    expect(r.body.server).toMatchObject({ name: 'act-2-renamed', description: 'GIS tile cache' });
    expectError(await t.member.put(`/servers/${s.id}`, {}), 400);
    expectError(await t.member.put(`/servers/${s.id}`, { name: '' }), 400);
  });

  it('resizes to a bigger flavor, counting the quota again', async () => {
    const tight = await newTenant(admin, { quotas: { vcpus: 3 } });
    const s = await activeServer(tight.member, 'rs-1');
    const r = await tight.member.post(`/servers/${s.id}/resize`, { flavor_id: 's1.medium' });
    expect(r.status).toBe(202);
    expect(r.body.server).toMatchObject({ status: 'resizing', flavor_id: 's1.medium' });
    expectError(await tight.member.post(`/servers/${s.id}/resize`, { flavor_id: 's1.large' }), 409);
    await waitFor(
      () => tight.member.get(`/servers/${s.id}`),
      (x) => x.body.server.status === 'active',
    );
    const over = expectError(
      await tight.member.post(`/servers/${s.id}/resize`, { flavor_id: 's1.large' }),
      409,
      'quota_exceeded',
    );
    expect(over.message).toMatch(/cores quota exceeded/);
    expectError(await tight.member.post(`/servers/${s.id}/resize`, { flavor_id: 'no-such-flavor' }), 400);
    // The flavor may also be given as its URL, as the standard allows.
    const viaUrl = await tight.member.post(`/servers/${s.id}/resize`, { flavor_id: '/api/v1/flavors/s1.small' });
    const shrink = expectError(viaUrl, 400, 'invalid');
    expect(shrink.message).toMatch(/smaller disk/);
    expect(shrink.details?.[0]?.path).toBe('flavor_id');
  });

  // On the loopback OpenStack, scripts/openstack/up.sh starts two nova-compute hosts so that there is a target.
  it('live-migrates to another host of the datacenter (admin), refusing unknown and same hosts', async () => {
    const s = await activeServer(t.member, 'lm-1');
    const seen = (await admin.get(`/servers/${s.id}`)).body.server;
    expect(seen.host).toBeTruthy();
    const hosts = (await admin.get(`/hosts?datacenter_id=${seen.datacenter_id}`)).body.hosts as { name: string }[];
    const target = hosts.find((h) => h.name !== seen.host)!;
    expectError(await t.member.post(`/servers/${s.id}/live-migrate`, { host: target.name }), 403, 'forbidden');
    expectError(await admin.post(`/servers/${s.id}/live-migrate`, { host: 'no-such-host' }), 409);
    expectError(await admin.post(`/servers/${s.id}/live-migrate`, { host: seen.host }), 409);
    expectError(await admin.post(`/servers/${s.id}/live-migrate`, {}), 400);
    const r = await admin.post(`/servers/${s.id}/live-migrate`, { host: target.name });
    expect(r.status).toBe(202);
    expect(r.body.server.status).toBe('migrating');
    const done = await waitFor(
      () => admin.get(`/servers/${s.id}`),
      (x) => x.body.server.status === 'active',
    );
    expect(done.body.server.host).toBe(target.name);
  });

  // Nova schedules after answering 202 (a flavor no host holds ends as a server in error, "No valid host"), and a
  // tenant's token cannot read hypervisor capacity to refuse it first; the datacenter dc-sh1 is the simulator's.
  it.skipIf(backend === 'openstack')('refuses a flavor no host can hold with 409 naming the datacenter', async () => {
    const id = `huge-${Date.now()}`;
    expect((await admin.post('/flavors', { id, name: id, vcpus: 64, ram_mb: 1024, disk_gb: 10 })).status).toBe(201);
    const roomy = await newTenant(admin, { quotas: { vcpus: 1000, ram_mb: 10_000_000 } });
    const e = expectError(
      await roomy.member.post('/servers', {
        name: 'too-big',
        flavor_id: id,
        image_id: imageId,
        datacenter_id: 'dc-sh1',
      }),
      409,
    );
    expect(e.message).toMatch(/no host in datacenter dc-sh1 has room/);
    expect((await admin.delete(`/flavors/${id}`)).status).toBe(204);
  });

  it('honours a requested fixed IP and refuses one outside the subnet or taken', async () => {
    const net = (await ownNetwork(t.member, t.projectId)).id;
    // An address no server of the project holds: Neutron hands out addresses at random, so .200 may be taken.
    const servers = (await t.member.get('/servers?limit=1000')).body.servers as {
      addresses: { private_ip: string }[];
    }[];
    const used = new Set(servers.flatMap((x) => x.addresses.map((a) => a.private_ip)));
    const ip = Array.from({ length: 50 }, (_, i) => `10.0.0.${200 + i}`).find((a) => !used.has(a))!;
    const r = await t.member.post('/servers', {
      name: 'fixed-1',
      flavor_id: 's1.small',
      image_id: imageId,
      networks: [{ network_id: net, fixed_ip: ip }],
    });
    expect(r.status, JSON.stringify(r.body)).toBe(202);
    // The simulator answers with the address; Nova plugs the port in while building: wait for it.
    const withIp = await waitFor(
      () => t.member.get(`/servers/${r.body.id}`),
      (x) => x.body.server.addresses.length > 0,
    );
    expect(withIp.body.server.addresses[0].private_ip).toBe(ip);
    expectError(
      await t.member.post('/servers', {
        name: 'fixed-2',
        flavor_id: 's1.small',
        image_id: imageId,
        networks: [{ network_id: net, fixed_ip: ip }],
      }),
      409,
    );
    const e = expectError(
      await t.member.post('/servers', {
        name: 'fixed-3',
        flavor_id: 's1.small',
        image_id: imageId,
        networks: [{ network_id: net, fixed_ip: '172.16.0.5' }],
      }),
      400,
    );
    expect(e.details?.[0]?.path).toBe('networks.0.fixed_ip');
  });

  it('refuses user_data over 64 KiB and an unknown image, naming the field', async () => {
    const e = expectError(
      await t.member.post('/servers', {
        name: 'ud',
        flavor_id: 's1.small',
        image_id: imageId,
        user_data: 'x'.repeat(65537),
      }),
      400,
    );
    expect(e.details?.[0]?.path).toBe('user_data');
    const e2 = expectError(
      await t.member.post('/servers', { name: 'ud', flavor_id: 's1.small', image_id: 'nope' }),
      400,
    );
    expect(e2.details?.[0]?.path).toBe('image_id');
  });

  it('filters by every status of the contract, for members too (the overview counts each): only servers in it', async () => {
    const s = await activeServer(t.member, 'filter-1');
    for (const status of ['building', 'active', 'stopped', 'rebooting', 'resizing', 'migrating', 'deleting', 'error']) {
      const r = await t.member.get(`/servers?status=${status}&limit=1`);
      expect(r.status, `status=${status}: ${JSON.stringify(r.body)}`).toBe(200);
      expect(
        r.body.servers.every((x: { status: string }) => x.status === status),
        `status=${status} lists only ${status} servers`,
      ).toBe(true);
      expect(r.body.total_count, `status=${status} counts`).toBeGreaterThanOrEqual(r.body.servers.length);
    }
    expect(
      (await t.member.get('/servers?status=active&limit=1000')).body.servers.map((x: { id: string }) => x.id),
    ).toContain(s.id);
    expect(
      (await t.member.get('/servers?status=stopped&limit=1000')).body.servers.map((x: { id: string }) => x.id),
    ).not.toContain(s.id);
    await deleteAndWait(t.member, `/servers/${s.id}`);
  });

  it('deletes a server (204, or 202 while Nova tears it down), freeing its quota and address', async () => {
    const s = await activeServer(t.member, 'del-1');
    const before = (await t.member.get('/quotas/compute')).body.used_instances;
    await deleteAndWait(t.member, `/servers/${s.id}`);
    expect((await t.member.get('/quotas/compute')).body.used_instances).toBe(before - 1);
  });
});

describe('server authorization', () => {
  it("hides a project's servers from another tenant (404) and lets readers only read (403)", async () => {
    const s = await activeServer(t.member, 'iso-1');
    const other = await newTenant(admin);
    expectError(await other.member.get(`/servers/${s.id}`), 404);
    expectError(await other.member.post(`/servers/${s.id}/stop`), 404);
    expectError(await other.member.delete(`/servers/${s.id}`), 404);
    expect((await other.member.get('/servers')).body.servers.map((x: { id: string }) => x.id)).not.toContain(s.id);
    // Listing every project is an admin right: a tenant asking for it is refused, not given an empty page.
    expectError(await other.member.get('/servers?all_projects=true'), 403);
    expect((await t.reader.get(`/servers/${s.id}`)).status).toBe(200);
    expectError(await t.reader.post(`/servers/${s.id}/stop`), 403);
    expectError(await t.reader.post('/servers', { name: 'r', flavor_id: 's1.small', image_id: imageId }), 403);
    const all = await admin.get(`/servers?all_projects=true&name=iso-1`);
    expect(all.body.servers.map((x: { id: string }) => x.id)).toContain(s.id);
  });
});
