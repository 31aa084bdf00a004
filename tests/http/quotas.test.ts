import { beforeAll, describe, expect, it } from 'vitest';
import { demo, expectError, newTenant, signIn, waitFor, type Client } from './client';

let admin: Client;
let imageId: string;

beforeAll(async () => {
  admin = await signIn(demo.admin);
  imageId = (await admin.get('/images?name=cirros')).body.images[0].id;
});

describe('B.1.2 datacenters and B.1.3 quotas', () => {
  it('lists datacenters with id, name, region and status', async () => {
    const t = await newTenant(admin);
    const r = await t.member.get('/datacenters');
    expect(r.status).toBe(200);
    expect(r.body.datacenters.length).toBeGreaterThanOrEqual(2);
    for (const dc of r.body.datacenters) expect(Object.keys(dc).sort()).toEqual(['id', 'name', 'region', 'status']);
  });

  it('reports the project compute quota (B.5) and volume quota (B.6) with usage', async () => {
    const t = await newTenant(admin, { quotas: { vcpus: 7, ram_mb: 9000, instances: 4, volume_gb: 77, volumes: 3 } });
    const c = await t.member.get('/quotas/compute');
    expect(c.body).toMatchObject({
      total_vcpus: 7,
      used_vcpus: 0,
      total_memory_mb: 9000,
      used_memory_mb: 0,
      total_instances: 4,
      used_instances: 0,
    });
    const v = await t.member.get('/quotas/volume');
    expect(v.body).toMatchObject({ total_gb: 77, used_gb: 0, total_volumes: 3, used_volumes: 0 });
    await t.member.post('/servers', { name: 'q1', flavor_id: 's1.medium', image_id: imageId });
    const after = await t.member.get('/quotas/compute');
    expect(after.body).toMatchObject({ used_vcpus: 2, used_memory_mb: 4096, used_instances: 1 });
  });

  it('gives admins the datacenter physical capacity and refuses it to tenants', async () => {
    const r = await admin.get('/quotas/compute?scope=datacenter&datacenter_id=dc-bj1');
    expect(r.status).toBe(200);
    expect(r.body.total_vcpus).toBeGreaterThanOrEqual(96);
    expect(r.body.used_vcpus).toBeLessThanOrEqual(r.body.total_vcpus);
    const t = await newTenant(admin);
    expectError(await t.member.get('/quotas/compute?scope=datacenter'), 403, 'forbidden');
    expectError(await admin.get('/quotas/compute?scope=datacenter&datacenter_id=nowhere'), 404);
  });

  it('refuses a server over the cores quota with 409 naming the quota and the numbers', async () => {
    const t = await newTenant(admin, { quotas: { vcpus: 3 } });
    expect((await t.member.post('/servers', { name: 'a', flavor_id: 's1.medium', image_id: imageId })).status).toBe(
      202,
    );
    const e = expectError(
      await t.member.post('/servers', { name: 'b', flavor_id: 's1.medium', image_id: imageId }),
      409,
      'quota_exceeded',
    );
    expect(e.message).toBe('cores quota exceeded: 2 of 3 used, 2 requested');
  });

  it('never exceeds the instance quota under a concurrent burst', async () => {
    const t = await newTenant(admin, { quotas: { instances: 3 } });
    const results = await Promise.all(
      Array.from({ length: 12 }, (_, i) =>
        t.member.post('/servers', { name: `burst-${i}`, flavor_id: 's1.small', image_id: imageId }),
      ),
    );
    const statuses = results.map((r) => r.status);
    expect(statuses.filter((s) => s === 202).length).toBe(3);
    expect(statuses.filter((s) => s === 409).length).toBe(9);
    for (const r of results.filter((x) => x.status === 409))
      expect(r.body.error.message).toMatch(/^instances quota exceeded: 3 of 3 used/);
    expect((await t.member.get('/servers')).body.total_count).toBe(3);
    expect((await t.member.get('/quotas/compute')).body.used_instances).toBe(3);
  });

  it('lets admins set quotas and refuses that to tenants', async () => {
    const t = await newTenant(admin);
    const r = await admin.put(`/projects/${t.projectId}/quotas`, { instances: 1 });
    expect(r.status).toBe(200);
    expect(r.body.quotas.instances).toBe(1);
    expectError(await t.member.put(`/projects/${t.projectId}/quotas`, { instances: 100 }), 403);
    expectError(await admin.put(`/projects/${t.projectId}/quotas`, { instances: -1 }), 400);
  });

  it("lets admins read another project's usage with project_id and refuses that to tenants", async () => {
    const t = await newTenant(admin, { quotas: { instances: 5, volumes: 4, volume_gb: 40 } });
    const other = await newTenant(admin);
    const v = await t.member.post('/volumes', { name: 'usage', size_gb: 3 });
    expect(v.status).toBe(202);
    // The admin's answer for the project is the project's own answer to its member, field by field.
    for (const path of ['/quotas/compute', '/quotas/volume']) {
      const own = await t.member.get(path);
      const asAdmin = await admin.get(`${path}?project_id=${t.projectId}`);
      expect(asAdmin.status).toBe(200);
      expect(asAdmin.body).toEqual(own.body);
      // A member naming their own project is answered; another project's is refused, not narrowed to their own.
      expect((await t.member.get(`${path}?project_id=${t.projectId}`)).body).toEqual(own.body);
      const e = expectError(await other.member.get(`${path}?project_id=${t.projectId}`), 403, 'forbidden');
      expect(e.message).toMatch(/another project's quota/);
      expectError(await admin.get(`${path}?project_id=no-such-project`), 404, 'not_found');
    }
    expect((await admin.get(`/quotas/volume?project_id=${t.projectId}`)).body).toMatchObject({
      total_volumes: 4,
      used_volumes: 1,
      total_gb: 40,
      used_gb: 3,
    });
    expect((await admin.get(`/quotas/compute?project_id=${t.projectId}`)).body).toMatchObject({
      total_instances: 5,
      used_instances: 0,
    });
  });

  it('refuses a quota below what the project already uses, naming the field and the usage', async () => {
    const t = await newTenant(admin, { quotas: { volumes: 5, volume_gb: 50 } });
    // Nothing held yet: zero instances is a quota like any other.
    const zero = await admin.put(`/projects/${t.projectId}/quotas`, { instances: 0 });
    expect(zero.status).toBe(200);
    expect(zero.body.quotas.instances).toBe(0);
    const v = await t.member.post('/volumes', { name: 'held', size_gb: 4 });
    expect(v.status).toBe(202);
    const volumeId: string = v.body.volume.id;
    await waitFor(
      () => t.member.get(`/volumes/${volumeId}`),
      (r) => r.body.volume?.status === 'available',
    );

    const e = expectError(await admin.put(`/projects/${t.projectId}/quotas`, { volumes: 0 }), 400, 'invalid');
    expect(e.message).toBe('volumes: 1 volume already exists; the quota cannot go below 1');
    expect(e.details).toEqual([{ path: 'volumes', message: '1 volume already exists; the quota cannot go below 1' }]);
    // Every field below its usage is named at once; the one that is fine is not.
    const both = expectError(
      await admin.put(`/projects/${t.projectId}/quotas`, { volumes: 0, volume_gb: 3, instances: 2 }),
      400,
    );
    expect(both.details?.map((d) => d.path)).toEqual(['volumes', 'volume_gb']);
    expect(both.details?.[1]?.message).toBe('4 GB of volumes is in use; the quota cannot go below 4');
    // Nothing was changed by a refused request.
    const q = await admin.get(`/projects/${t.projectId}/quotas`);
    expect(q.body.quotas).toMatchObject({ volumes: 5, volume_gb: 50, instances: 0 });
    // Exactly the usage is allowed.
    const equal = await admin.put(`/projects/${t.projectId}/quotas`, { volumes: 1, volume_gb: 4 });
    expect(equal.status).toBe(200);
    expect(equal.body.quotas).toMatchObject({ volumes: 1, volume_gb: 4 });
  });
});
