import { beforeAll, describe, expect, it } from 'vitest';
import { demo, expectError, newTenant, signIn, type Client } from './client';

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
});
