/**
 * The user lifecycle over HTTP: disable/enable, delete, admin password reset, membership add/role/remove, one's
 * own password change and "sign out everywhere". Each ends the affected sessions at once (their next request is
 * 401). Holds on the simulator and on OpenStack (scripts/test-openstack.mjs lists it); only the simulator's
 * wording of a disabled user's refusal is checked on the simulator alone (Keystone says no more than "401").
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { backend, client, demo, expectError, newTenant, signIn, type Client } from './client';

let admin: Client;
let adminId: string;
let adminProjectId: string;

beforeAll(async () => {
  admin = await signIn(demo.admin);
  const me = await admin.get('/auth/tokens');
  adminId = me.body.token.user.id;
  adminProjectId = me.body.token.project.id;
}, 120_000);

let counter = 0;
/** A fresh user in the tenant's project, with the name and password to sign in with. */
async function newUser(projectId: string, role: 'member' | 'reader' | 'admin' = 'member') {
  const name = `lc-${process.pid}-${Date.now().toString(36)}-${counter++}`;
  const password = `pw-${name}-1`;
  const r = await admin.post('/users', { name, password, project_id: projectId, role });
  if (r.status !== 201) throw new Error(`user create failed: ${r.status} ${JSON.stringify(r.body)}`);
  return { id: r.body.user.id as string, name, password };
}

const anon = () => client();
const signInStatus = async (username: string, password: string, project_id?: string) =>
  (await anon().post('/auth/tokens', { username, password, ...(project_id ? { project_id } : {}) })).status;
/** A call that needs the backend too (on OpenStack the session's Keystone token is used). */
const works = async (c: Client) =>
  (await c.get('/auth/tokens')).status === 200 && (await c.get('/servers')).status === 200;

async function auditHas(action: string, resourceId: string | null): Promise<boolean> {
  const r = await admin.get(`/audit?action=${encodeURIComponent(action)}&limit=100`);
  expect(r.status).toBe(200);
  return (r.body.records as { action: string; resource_id: string | null; result: string }[]).some(
    (x) => x.action === action && x.result === 'success' && (resourceId === null || x.resource_id === resourceId),
  );
}

describe('admin operations on users are for administrators only', () => {
  it('answers 403 to a member and to a reader, and shows them no other user', async () => {
    const a = await newTenant(admin);
    const b = await newTenant(admin);
    const other = await newUser(b.projectId);
    for (const c of [a.member, a.reader]) {
      expectError(await c.get('/users'), 403, 'forbidden');
      expectError(await c.get(`/users/${other.id}`), 403, 'forbidden');
      expectError(await c.post(`/users/${other.id}/disable`), 403, 'forbidden');
      expectError(await c.post(`/users/${other.id}/enable`), 403, 'forbidden');
      expectError(await c.put(`/users/${other.id}/password`, { password: 'another-pass-1' }), 403, 'forbidden');
      expectError(await c.delete(`/users/${other.id}/sessions`), 403, 'forbidden');
      expectError(await c.put(`/users/${other.id}/projects/${a.projectId}`, { role: 'member' }), 403, 'forbidden');
      expectError(await c.delete(`/users/${other.id}/projects/${b.projectId}`), 403, 'forbidden');
      expectError(await c.delete(`/users/${other.id}`), 403, 'forbidden');
      const body = JSON.stringify((await c.get('/users')).body);
      expect(body).not.toContain(other.name);
    }
    // Nothing was done: the other user still signs in.
    expect(await signInStatus(other.name, other.password)).toBe(201);
  }, 180_000);

  it('lists users with their projects, roles and enabled flag for admins', async () => {
    const t = await newTenant(admin);
    const u = await newUser(t.projectId, 'reader');
    const list = await admin.get('/users');
    expect(list.status).toBe(200);
    expect(list.body.total_count).toBe(list.body.users.length);
    const found = list.body.users.find((x: { id: string }) => x.id === u.id);
    expect(found).toMatchObject({ id: u.id, name: u.name, enabled: true });
    expect(found.projects).toEqual([expect.objectContaining({ id: t.projectId, role: 'reader' })]);
    const one = await admin.get(`/users/${u.id}`);
    expect(one.status).toBe(200);
    expect(one.body.user).toMatchObject({ id: u.id, name: u.name, enabled: true });
    expectError(await admin.get('/users/no-such-user'), 404, 'not_found');
  }, 120_000);

  it('refuses to disable, delete or reset the password of the admin themself', async () => {
    expect(expectError(await admin.post(`/users/${adminId}/disable`), 409, 'conflict').message).toContain(adminId);
    expectError(await admin.delete(`/users/${adminId}`), 409, 'conflict');
    expectError(await admin.put(`/users/${adminId}/password`, { password: 'some-new-pass-1' }), 409, 'conflict');
    expectError(await admin.delete(`/users/${adminId}/projects/${adminProjectId}`), 409, 'conflict');
    expect(await works(admin)).toBe(true);
  });
});

describe('disable, enable, delete', () => {
  it('a disabled user is signed out at once and cannot sign in; enabled again, they can', async () => {
    const t = await newTenant(admin);
    const u = await newUser(t.projectId);
    const s1 = await signIn({ username: u.name, password: u.password });
    const s2 = await signIn({ username: u.name, password: u.password });
    expect(await works(s1)).toBe(true);

    const r = await admin.post(`/users/${u.id}/disable`);
    expect(r.status).toBe(200);
    expect(r.body.user).toMatchObject({ id: u.id, enabled: false });
    expect(r.body.ended_sessions).toBe(2);
    expectError(await s1.get('/servers'), 401, 'unauthorized');
    expectError(await s2.get('/auth/tokens'), 401, 'unauthorized');
    const refused = await anon().post('/auth/tokens', { username: u.name, password: u.password });
    const e = expectError(refused, 401, 'unauthorized');
    if (backend === 'sim') expect(e.message).toMatch(/disabled/);
    // The other users of the project go on.
    expect(await works(t.member)).toBe(true);
    expect((await admin.get(`/users/${u.id}`)).body.user.enabled).toBe(false);
    expect(await auditHas('user.disable', u.id)).toBe(true);

    const en = await admin.post(`/users/${u.id}/enable`);
    expect(en.status).toBe(200);
    expect(en.body.user.enabled).toBe(true);
    expect(await works(await signIn({ username: u.name, password: u.password }))).toBe(true);
  }, 180_000);

  it('a deleted user is signed out at once, cannot sign in, and is gone', async () => {
    const t = await newTenant(admin);
    const u = await newUser(t.projectId);
    const s = await signIn({ username: u.name, password: u.password });
    expect(await works(s)).toBe(true);
    expect((await admin.delete(`/users/${u.id}`)).status).toBe(204);
    expectError(await s.get('/servers'), 401, 'unauthorized');
    expectError(await anon().post('/auth/tokens', { username: u.name, password: u.password }), 401, 'unauthorized');
    expectError(await admin.get(`/users/${u.id}`), 404, 'not_found');
    expectError(await admin.delete(`/users/${u.id}`), 404, 'not_found');
    expect(await auditHas('user.delete', u.id)).toBe(true);
  }, 180_000);
});

describe('admin password reset', () => {
  it('ends the old sessions; the old password is refused and the new one works', async () => {
    const t = await newTenant(admin);
    const u = await newUser(t.projectId);
    const s = await signIn({ username: u.name, password: u.password });
    const short = expectError(await admin.put(`/users/${u.id}/password`, { password: 'short' }), 400, 'invalid');
    expect(short.details?.[0]?.path).toBe('password');
    const same = expectError(await admin.put(`/users/${u.id}/password`, { password: u.name }), 400, 'invalid');
    expect(same.message).toContain('password');
    expectError(await admin.put(`/users/${u.id}/password`, { password: 'x'.repeat(257) }), 400, 'invalid');
    expect(await works(s)).toBe(true);

    const r = await admin.put(`/users/${u.id}/password`, { password: 'reset-pass-2026' });
    expect(r.status).toBe(200);
    expect(r.body.ended_sessions).toBe(1);
    expectError(await s.get('/servers'), 401, 'unauthorized');
    expect(await signInStatus(u.name, u.password)).toBe(401);
    expect(await works(await signIn({ username: u.name, password: 'reset-pass-2026' }))).toBe(true);
    expect(await auditHas('user.reset_password', u.id)).toBe(true);
    expectError(await admin.put('/users/no-such-user/password', { password: 'reset-pass-2026' }), 404, 'not_found');
  }, 180_000);
});

describe('project membership', () => {
  it('adding a user to a second project, then removing them, ends only the sessions in that project', async () => {
    const a = await newTenant(admin);
    const b = await newTenant(admin);
    const u = await newUser(a.projectId);
    const add = await admin.put(`/users/${u.id}/projects/${b.projectId}`, { role: 'member' });
    expect(add.status).toBe(200);
    expect(add.body.user.projects.map((p: { id: string; role: string }) => [p.id, p.role]).sort()).toEqual(
      [
        [a.projectId, 'member'],
        [b.projectId, 'member'],
      ].sort(),
    );

    const inA = await signIn({ username: u.name, password: u.password, project_id: a.projectId });
    const inB = await signIn({ username: u.name, password: u.password, project_id: b.projectId });
    expect(await works(inB)).toBe(true);

    expect((await admin.delete(`/users/${u.id}/projects/${b.projectId}`)).status).toBe(204);
    expectError(await inB.get('/servers'), 401, 'unauthorized');
    expect(await works(inA)).toBe(true);
    expect(await signInStatus(u.name, u.password, b.projectId)).toBe(401);
    expect((await admin.get(`/users/${u.id}`)).body.user.projects.map((p: { id: string }) => p.id)).toEqual([
      a.projectId,
    ]);
    // Gone already: the removal names what is missing.
    expect(
      expectError(await admin.delete(`/users/${u.id}/projects/${b.projectId}`), 404, 'not_found').message,
    ).toContain(b.projectId);
    expect(await auditHas('user.remove_membership', u.id)).toBe(true);
    expectError(await admin.put(`/users/${u.id}/projects/no-such-project`, { role: 'member' }), 404, 'not_found');
    expectError(await admin.put(`/users/${u.id}/projects/${b.projectId}`, { role: 'owner' }), 400, 'invalid');
  }, 240_000);

  it('a role change ends the sessions carrying the old role; the next sign-in has the new one', async () => {
    const t = await newTenant(admin);
    const u = await newUser(t.projectId, 'member');
    const s = await signIn({ username: u.name, password: u.password });
    const r = await admin.put(`/users/${u.id}/projects/${t.projectId}`, { role: 'reader' });
    expect(r.status).toBe(200);
    expect(r.body.ended_sessions).toBe(1);
    expect(r.body.user.projects).toEqual([expect.objectContaining({ id: t.projectId, role: 'reader' })]);
    expectError(await s.get('/servers'), 401, 'unauthorized');
    const again = await signIn({ username: u.name, password: u.password });
    expect((await again.get('/auth/tokens')).body.token.roles).toEqual(['reader']);
    expectError(await again.post('/security-groups', { name: 'reader-may-not' }), 403, 'forbidden');
  }, 180_000);
});

describe("one's own password", () => {
  it('refuses a wrong current password and a weak new one, naming the field', async () => {
    const t = await newTenant(admin);
    const u = await newUser(t.projectId);
    const s = await signIn({ username: u.name, password: u.password });
    const wrong = expectError(
      await s.post('/auth/password', { current_password: 'not-the-password', new_password: 'brand-new-pass-1' }),
      400,
      'invalid',
    );
    expect(wrong.details?.[0]?.path).toBe('current_password');
    expect(wrong.message).toContain('current_password');
    const short = expectError(
      await s.post('/auth/password', { current_password: u.password, new_password: 'short' }),
      400,
      'invalid',
    );
    expect(short.details?.[0]?.path).toBe('new_password');
    const name = expectError(
      await s.post('/auth/password', { current_password: u.password, new_password: u.name }),
      400,
      'invalid',
    );
    expect(name.details?.[0]?.path).toBe('new_password');
    expect(name.message).toMatch(/user name/);
    expectError(await s.post('/auth/password', { new_password: 'brand-new-pass-1' }), 400, 'invalid');
    // Nothing changed.
    expect(await works(s)).toBe(true);
    expect(await signInStatus(u.name, u.password)).toBe(201);
    expectError(
      await anon().post('/auth/password', { current_password: u.password, new_password: 'brand-new-pass-1' }),
      401,
      'unauthorized',
    );
  }, 180_000);

  it('counts wrong current passwords against the sign-in budget of the user name: over it, 429 with Retry-After', async () => {
    const t = await newTenant(admin);
    const u = await newUser(t.projectId);
    const s = await signIn({ username: u.name, password: u.password });
    // SIGN_IN_USER_MAX_FAILURES (5 by default) wrong guesses are answered as such; the next is refused unchecked.
    for (let i = 0; i < 5; i++)
      expectError(
        await s.post('/auth/password', { current_password: `guess-${i}-wrong`, new_password: 'brand-new-pass-1' }),
        400,
        'invalid',
      );
    const limited = await s.post('/auth/password', { current_password: u.password, new_password: 'brand-new-pass-1' });
    expectError(limited, 429, 'rate_limited');
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
    // The same budget guards the sign-in of that name; the session itself is untouched and the password unchanged.
    expect(await signInStatus(u.name, u.password)).toBe(429);
    expect(await works(s)).toBe(true);
  }, 180_000);

  it('keeps this session, ends every other one, and the new password is the one that works', async () => {
    const t = await newTenant(admin);
    const u = await newUser(t.projectId);
    const mine = await signIn({ username: u.name, password: u.password });
    const other = await signIn({ username: u.name, password: u.password });
    const r = await mine.post('/auth/password', { current_password: u.password, new_password: 'changed-pass-2026' });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect(r.body.ended_sessions).toBe(1);
    expect(await works(mine)).toBe(true);
    expectError(await other.get('/servers'), 401, 'unauthorized');
    expect(await signInStatus(u.name, u.password)).toBe(401);
    expect(await works(await signIn({ username: u.name, password: 'changed-pass-2026' }))).toBe(true);
    // The session that changed it can still act (on OpenStack: with a fresh Keystone token).
    const sg = await mine.post('/security-groups', { name: `after-change-${counter++}` });
    expect(sg.status, JSON.stringify(sg.body)).toBe(201);
    expect((await mine.delete(`/security-groups/${sg.body.security_group.id}`)).status).toBe(204);
    const audit = await admin.get(`/audit?action=auth.change_password&user=${encodeURIComponent(u.name)}`);
    expect(audit.body.records.length).toBeGreaterThan(0);
  }, 180_000);
});

describe('sign out everywhere', () => {
  it('ends every session of the signed-in user, this one included, and of nobody else', async () => {
    const t = await newTenant(admin);
    const u = await newUser(t.projectId);
    const [s1, s2, s3] = [
      await signIn({ username: u.name, password: u.password }),
      await signIn({ username: u.name, password: u.password }),
      await signIn({ username: u.name, password: u.password }),
    ];
    const r = await s1.delete('/auth/sessions');
    expect(r.status).toBe(200);
    expect(r.body.ended_sessions).toBe(3);
    for (const s of [s1, s2, s3]) expectError(await s.get('/auth/tokens'), 401, 'unauthorized');
    expect(await works(t.member)).toBe(true);
    expect(await works(await signIn({ username: u.name, password: u.password }))).toBe(true);
  }, 180_000);

  it('an admin ends every session of a given user', async () => {
    const t = await newTenant(admin);
    const u = await newUser(t.projectId);
    const s1 = await signIn({ username: u.name, password: u.password });
    const s2 = await signIn({ username: u.name, password: u.password });
    const r = await admin.delete(`/users/${u.id}/sessions`);
    expect(r.status).toBe(200);
    expect(r.body.ended_sessions).toBe(2);
    for (const s of [s1, s2]) expectError(await s.get('/servers'), 401, 'unauthorized');
    expect(await works(admin)).toBe(true);
    expect(await auditHas('user.sign_out_everywhere', u.id)).toBe(true);
    expectError(await admin.delete('/users/no-such-user/sessions'), 404, 'not_found');
  }, 180_000);
});
