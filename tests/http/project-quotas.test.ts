import { beforeAll, describe, expect, it } from 'vitest';
import { deleteAndWait, demo, expectError, newTenant, signIn, waitFor, type Client } from './client';

/*
 * The Projects admin page's server side (issue 14): another project's usage for administrators (project_id on
 * B.5/B.6) and quotas that may not go below the usage. Volumes only, no servers, so it holds on the loopback
 * OpenStack too (listed in scripts/test-openstack.mjs), where a server would take minutes.
 */

let admin: Client;

beforeAll(async () => {
  admin = await signIn(demo.admin);
});

describe('project quotas and usage (admin)', () => {
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
    await deleteAndWait(t.member, `/volumes/${v.body.volume.id}`);
    for (const id of [t.projectId, other.projectId]) expect((await admin.delete(`/projects/${id}`)).status).toBe(204);
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
    await deleteAndWait(t.member, `/volumes/${volumeId}`);
    // Emptied, the project goes (and on the loopback OpenStack leaves nothing behind).
    expect((await admin.delete(`/projects/${t.projectId}`)).status).toBe(204);
  });
});
