import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openstack } from '../../e2e/openstack/cli';
import { backend, client, demo, expectError, newTenant, signIn, waitFor, type Client } from './client';
import { activeServer, cirrosImageId, extNet } from './network-fixtures';

/*
 * Projects (issue 14): edit, disable/enable (sessions end, sign-in refused naming the project), delete everything in
 * a project as a tracked task, and the cloud's default quotas. Runs on the simulator and, listed in
 * scripts/test-openstack.mjs, on the loopback OpenStack, where each outcome is cross-checked with the openstack CLI.
 */

const onOpenStack = backend === 'openstack';
let admin: Client;

beforeAll(async () => {
  admin = await signIn(demo.admin);
});

/** The project's row of GET /projects. */
async function row(id: string) {
  const r = await admin.get('/projects');
  expect(r.status).toBe(200);
  return r.body.projects.find((p: { id: string }) => p.id === id);
}

describe('PATCH /projects/{id}', () => {
  it('renames and re-describes a project; a taken name is 409 and a bad body 400 naming the field', async () => {
    const a = await newTenant(admin);
    const b = await newTenant(admin);
    const name = `${a.name}-renamed`;
    const r = await admin.patch(`/projects/${a.projectId}`, { name, description: 'survey team' });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect(r.body.project).toMatchObject({ id: a.projectId, name, description: 'survey team' });
    expect(await row(a.projectId)).toMatchObject({ name, description: 'survey team', enabled: true, member_count: 2 });
    if (onOpenStack) {
      const shown = JSON.parse(await openstack(['project', 'show', a.projectId, '-f', 'json']));
      expect(shown).toMatchObject({ name, description: 'survey team' });
    }
    const taken = expectError(await admin.patch(`/projects/${a.projectId}`, { name: b.name }), 409, 'conflict');
    expect(taken.message).toContain(b.name);
    const empty = expectError(await admin.patch(`/projects/${a.projectId}`, { name: '' }), 400, 'invalid');
    expect(empty.details?.[0]?.path).toBe('name');
    expectError(await admin.patch(`/projects/${a.projectId}`, {}), 400, 'invalid');
    expectError(await a.member.patch(`/projects/${a.projectId}`, { name: 'mine' }), 403, 'forbidden');
    expectError(await admin.patch('/projects/no-such-project', { name: 'x' }), 404, 'not_found');
    for (const id of [a.projectId, b.projectId]) expect((await admin.delete(`/projects/${id}`)).status).toBe(204);
  });
});

describe('POST /projects/{id}/disable and /enable', () => {
  it("ends the members' sessions, refuses their sign-in naming the project, and enable restores it", async () => {
    const t = await newTenant(admin);
    const member = t.name.replace(/^t-/, 'm-');
    expect((await t.member.get('/auth/tokens')).status).toBe(200);
    const r = await admin.post(`/projects/${t.projectId}/disable`);
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect(r.body.project).toMatchObject({ id: t.projectId, enabled: false });
    expect(r.body.ended_sessions).toBe(2);
    // Their next request is 401: the session ended at once.
    expectError(await t.member.get('/servers'), 401);
    expectError(await t.reader.get('/servers'), 401);
    // Asked by id, or with no project (it is the member's only one): both name the project.
    expect(expectError(await fetchSignIn(member, t.projectId), 401).message).toContain(`project ${t.name} is disabled`);
    if (!onOpenStack)
      expect(expectError(await fetchSignIn(member), 401).message).toContain(`project ${t.name} is disabled`);
    // A wrong password learns nothing about the project.
    const guess = await client().post('/auth/tokens', {
      username: member,
      password: 'wrong-password',
      project_id: t.projectId,
    });
    expect(expectError(guess, 401).message).not.toContain('disabled');
    expect(await row(t.projectId)).toMatchObject({ enabled: false });
    if (onOpenStack) {
      const shown = JSON.parse(await openstack(['project', 'show', t.projectId, '-f', 'json']));
      expect(shown.enabled).toBe(false);
    }
    // The admin's own session's project is refused with the reason.
    const me = await admin.get('/auth/tokens');
    const own = expectError(await admin.post(`/projects/${me.body.token.project.id}/disable`), 409, 'conflict');
    expect(own.message).toMatch(/this session works in/);
    expectError(await t.member.post(`/projects/${t.projectId}/enable`), 401);

    const e = await admin.post(`/projects/${t.projectId}/enable`);
    expect(e.status).toBe(200);
    expect(e.body.project.enabled).toBe(true);
    const back = await fetchSignIn(member, t.projectId);
    expect(back.status, JSON.stringify(back.body)).toBe(201);
    expect((await admin.delete(`/projects/${t.projectId}`)).status).toBe(204);
  });
});

/** A sign-in through a fresh client (no token rides along). */
function fetchSignIn(username: string, projectId?: string) {
  return client().post('/auth/tokens', { username, password: 'test-password-1', project_id: projectId });
}

describe('delete everything in a project (GET /projects/{id}/resources, POST /projects/{id}/purge)', () => {
  it('lists what will go, then removes server, attached volume, floating IP and network as a tracked task', async () => {
    const t = await newTenant(admin);
    const imageId = await cirrosImageId(t.member);
    const server = await activeServer(t.member, imageId, 'purge-web');
    const v = await t.member.post('/volumes', { name: 'purge-data', size_gb: 1 });
    expect(v.status, JSON.stringify(v.body)).toBe(202);
    const volumeId: string = v.body.volume.id;
    await waitFor(
      () => t.member.get(`/volumes/${volumeId}`),
      (x) => x.body.volume?.status === 'available',
    );
    const att = await t.member.post(`/volumes/${volumeId}/attach`, { server_id: server.id });
    expect([200, 202], JSON.stringify(att.body)).toContain(att.status);
    await waitFor(
      () => t.member.get(`/volumes/${volumeId}`),
      (x) => x.body.volume?.status === 'in-use',
    );
    const net = await t.member.post('/networks', { name: 'purge-net' });
    expect(net.status, JSON.stringify(net.body)).toBe(201);
    const ext = await extNet(t.member);
    const fip = await t.member.post('/floating-ips', { external_network_id: ext.id });
    expect(fip.status, JSON.stringify(fip.body)).toBe(201);

    // A plain delete is still refused, naming what it holds.
    expect(expectError(await admin.delete(`/projects/${t.projectId}`), 409, 'conflict').message).toMatch(/1 servers/);
    const res = await admin.get(`/projects/${t.projectId}/resources`);
    expect(res.status).toBe(200);
    const listed = res.body.resources.map((r: { type: string; name: string }) => `${r.type}:${r.name}`);
    for (const x of [
      'server:purge-web',
      'volume:purge-data',
      'network:purge-net',
      `floating_ip:${fip.body.floating_ip.floating_ip_address}`,
    ])
      expect(listed).toContain(x);
    // The order of removal: the floating IP before the server, the server before its volume, networks last.
    const at = (x: string) => listed.indexOf(x);
    expect(at(`floating_ip:${fip.body.floating_ip.floating_ip_address}`)).toBeLessThan(at('server:purge-web'));
    expect(at('server:purge-web')).toBeLessThan(at('volume:purge-data'));
    expect(at('volume:purge-data')).toBeLessThan(at('network:purge-net'));
    expectError(await t.member.get(`/projects/${t.projectId}/resources`), 403, 'forbidden');
    expectError(await t.member.post(`/projects/${t.projectId}/purge`), 403, 'forbidden');

    const started = await admin.post(`/projects/${t.projectId}/purge`);
    expect(started.status, JSON.stringify(started.body)).toBe(202);
    expect(started.body.purge).toMatchObject({ project_id: t.projectId, status: 'running', total: listed.length });
    // A second start while it runs is refused (409); on the simulator it may already be over (the project gone: 404).
    const twice = await admin.post(`/projects/${t.projectId}/purge`);
    expect([409, 404], JSON.stringify(twice.body)).toContain(twice.status);
    if (twice.status === 409) expect(twice.body.error.message).toMatch(/already being deleted/);
    const end = await waitFor(
      () => admin.get(`/projects/${t.projectId}/purge`),
      (x) => x.body.purge?.status !== 'running',
      onOpenStack ? 400_000 : 60_000,
    );
    expect(end.body.purge, JSON.stringify(end.body)).toMatchObject({ status: 'done', done: listed.length });
    expect(await row(t.projectId)).toBeUndefined();
    expectError(await admin.get(`/projects/${t.projectId}/resources`), 404, 'not_found');
    if (onOpenStack) {
      // The project is gone, so `server list --project` cannot name it: the server and volume are asked by id.
      await expect(openstack(['server', 'show', server.id])).rejects.toThrow(/No server|could not be found/i);
      await expect(openstack(['volume', 'show', volumeId])).rejects.toThrow(/No volume|could not be found/i);
      await expect(openstack(['project', 'show', t.projectId])).rejects.toThrow(/No project|could not be found/i);
    }
  });

  it("refuses the session's own project and an unknown one", async () => {
    const me = await admin.get('/auth/tokens');
    expectError(await admin.post(`/projects/${me.body.token.project.id}/purge`), 409, 'conflict');
    expectError(await admin.post('/projects/no-such-project/purge'), 404, 'not_found');
    expectError(await admin.get('/projects/no-such-project/purge'), 404, 'not_found');
  });
});

describe('GET/PUT /quotas/defaults', () => {
  type Quotas = Record<'instances' | 'vcpus' | 'ram_mb' | 'volumes' | 'volume_gb' | 'security_groups', number>;
  let before: Quotas | undefined;
  afterAll(async () => {
    // The cloud is shared: its defaults go back to what they were.
    if (!before) return;
    const { instances, vcpus, ram_mb, volumes, volume_gb } = before;
    const restored = await admin.put('/quotas/defaults', { instances, vcpus, ram_mb, volumes, volume_gb });
    expect(restored.status, JSON.stringify(restored.body)).toBe(200);
  });

  it('gives a new project the defaults set; network-side fields are refused on OpenStack with the reason', async () => {
    const r = await admin.get('/quotas/defaults');
    expect(r.status).toBe(200);
    const was: Quotas = r.body.quotas;
    before = was;
    const next = { instances: was.instances + 3, volumes: was.volumes + 2, volume_gb: was.volume_gb + 7 };
    const set = await admin.put('/quotas/defaults', next);
    expect(set.status, JSON.stringify(set.body)).toBe(200);
    expect(set.body.quotas).toMatchObject(next);
    expectError(await admin.put('/quotas/defaults', { instances: -1 }), 400, 'invalid');
    const t = await newTenant(admin);
    const q = await admin.get(`/projects/${t.projectId}/quotas`);
    expect(q.body.quotas).toMatchObject(next);
    if (onOpenStack) {
      const d = JSON.parse(await openstack(['quota', 'show', '--default', '-f', 'json']));
      const flat = Array.isArray(d)
        ? Object.fromEntries(d.map((x: { Resource: string; Limit: number }) => [x.Resource, x.Limit]))
        : d;
      expect(flat.instances).toBe(next.instances);
      expect(flat.volumes).toBe(next.volumes);
      const fip = expectError(await admin.put('/quotas/defaults', { floating_ips: 3 }), 501);
      expect(fip.message).toMatch(/neutron\.conf/);
    } else {
      const sg = await admin.put('/quotas/defaults', { security_groups: was.security_groups });
      expect(sg.status).toBe(200);
    }
    expectError(await t.member.get('/quotas/defaults'), 403, 'forbidden');
    expect((await admin.delete(`/projects/${t.projectId}`)).status).toBe(204);
  });
});

describe('GET /projects/usage', () => {
  it("answers every project's quota and usage in one request, as GET /quotas/* answers each; others get 403", async () => {
    const t = await newTenant(admin, { quotas: { instances: 7, volumes: 5 } });
    const v = await t.member.post('/volumes', { name: 'usage-vol', size_gb: 2 });
    expect(v.status).toBe(202);
    await waitFor(
      () => t.member.get(`/volumes/${v.body.volume.id}`),
      (r) => r.body.volume?.status === 'available',
    );
    // Other test files make and remove projects meanwhile: the usage answer is bracketed by two project lists, so
    // it must hold every project of both and nothing outside either.
    const before = new Set(((await admin.get('/projects')).body.projects as { id: string }[]).map((p) => p.id));
    const r = await admin.get('/projects/usage');
    expect(r.status).toBe(200);
    const after = new Set(((await admin.get('/projects')).body.projects as { id: string }[]).map((p) => p.id));
    expect(r.body.total_count).toBe(r.body.usage.length);
    const answered = new Set<string>(r.body.usage.map((u: { project_id: string }) => u.project_id));
    expect(
      [...before].filter((id) => after.has(id) && !answered.has(id)),
      'projects left out',
    ).toEqual([]);
    expect(
      [...answered].filter((id) => !before.has(id) && !after.has(id)),
      'projects made up',
    ).toEqual([]);
    const mine = r.body.usage.find((u: { project_id: string }) => u.project_id === t.projectId);
    expect(mine.error).toBeUndefined();
    const compute = await admin.get(`/quotas/compute?project_id=${t.projectId}`);
    const volume = await admin.get(`/quotas/volume?project_id=${t.projectId}`);
    expect(mine.compute).toEqual(compute.body);
    expect(mine.volume).toEqual(volume.body);
    expect(mine.compute).toMatchObject({ total_instances: 7, used_instances: 0 });
    expect(mine.volume).toMatchObject({ total_volumes: 5, used_volumes: 1, used_gb: 2 });
    expectError(await t.member.get('/projects/usage'), 403, 'forbidden');
    expectError(await t.reader.get('/projects/usage'), 403, 'forbidden');
    // 204 on the simulator, 202 where the delete goes on in the backend (Cinder).
    expect([202, 204]).toContain((await t.member.delete(`/volumes/${v.body.volume.id}`)).status);
    await waitFor(
      () => t.member.get(`/volumes/${v.body.volume.id}`),
      (x) => x.status === 404,
    );
    expect((await admin.delete(`/projects/${t.projectId}`)).status).toBe(204);
  });
});
