/**
 * One-time set-up links, renaming a user and changing a role in place, over HTTP. Holds on the simulator and on
 * OpenStack (scripts/test-openstack.mjs lists it): there the link's user is a Keystone user whose password the
 * console set and changes with the user's own POST /v3/users/{id}/password. Expiry and the failed-attempt limit run
 * on a console of their own (a 2-second link lifetime; the limit counts per client address, and every test console's
 * client is 127.0.0.1, so the shared console must not be locked by it).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { client, demo, expectError, signIn } from './client';
import { startServer, type StartedServer } from './server-process';

let counter = 0;
const unique = (what: string) => `${what}-${process.pid}-${Date.now().toString(36)}-${counter++}`;
const tokenOf = (url: string) => url.slice(url.indexOf('#') + 1);

async function world(base?: string) {
  const admin = await signIn(demo.admin, base);
  const p = await admin.post('/projects', { name: unique('sl-p'), description: 'set-up link tests' });
  if (p.status !== 201) throw new Error(`project create failed: ${p.status} ${JSON.stringify(p.body)}`);
  // What the tests make on the backend, removed afterwards (the loopback cloud is shared).
  const w = { users: [] as string[], projects: [p.body.project.id as string] };
  const anon = () => (base ? client(undefined, base) : client());
  return {
    admin,
    projectId: w.projects[0]!,
    anon,
    track: (id: string) => w.users.push(id),
    async cleanup() {
      for (const id of w.users) await admin.delete(`/users/${id}`);
      for (const id of w.projects) await admin.delete(`/projects/${id}`);
    },
    /** A user created with a one-time link: its id, name and the link's token. */
    async linkUser(role: 'member' | 'reader' = 'member') {
      const name = unique('sl');
      const r = await admin.post('/users', { name, setup: 'link', project_id: w.projects[0], role });
      expect(r.status, JSON.stringify(r.body)).toBe(201);
      w.users.push(r.body.user.id);
      return { id: r.body.user.id as string, name, url: r.body.setup_link.url as string, body: r.body };
    },
    async consume(token: string, password: string) {
      return anon().post('/auth/setup-link', { token, password });
    },
    async signInStatus(username: string, password: string) {
      return (await anon().post('/auth/tokens', { username, password })).status;
    },
  };
}

describe('one-time set-up links', () => {
  let w: Awaited<ReturnType<typeof world>>;
  beforeAll(async () => {
    w = await world();
  }, 300_000);
  afterAll(() => w?.cleanup(), 300_000);

  it('answers the link once at creation; the user chooses a password with it and is signed in', async () => {
    const u = await w.linkUser();
    expect(u.url).toMatch(/^https?:\/\/[^/]+\/setup#[\w-]{40,}$/);
    const hours = (Date.parse(u.body.setup_link.expires_at) - Date.now()) / 3600_000;
    expect(hours).toBeGreaterThan(23.9);
    expect(hours).toBeLessThanOrEqual(24);
    // Never again retrievable: neither the user nor the list carries it.
    const token = tokenOf(u.url);
    expect(JSON.stringify((await w.admin.get(`/users/${u.id}`)).body)).not.toContain(token);
    expect(JSON.stringify((await w.admin.get('/users')).body)).not.toContain(token);

    const password = `chosen-${u.name}`;
    const r = await w.consume(token, password);
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    expect(r.body.token.user).toEqual({ id: u.id, name: u.name });
    expect(r.body.token.project.id).toBe(w.projectId);
    expect(r.body.token.roles).toEqual(['member']);
    // The session it answered works against the backend too (on OpenStack: the Keystone token of the new password).
    const session = client(r.headers.get('x-subject-token')!);
    expect((await session.get('/auth/tokens')).body.token.user.name).toBe(u.name);
    expect((await session.get('/servers')).status).toBe(200);
    expect(await w.signInStatus(u.name, password)).toBe(201);
  }, 240_000);

  it('is single use, and every token that does not work gets the same answer', async () => {
    const u = await w.linkUser();
    const token = tokenOf(u.url);
    expect((await w.consume(token, 'first-choice-1')).status).toBe(201);
    const used = await w.consume(token, 'second-choice-2');
    const unknown = await w.consume('x'.repeat(43), 'second-choice-2');
    for (const r of [used, unknown]) expectError(r, 404, 'not_found');
    expect(used.body.error.message).toBe(unknown.body.error.message);
    expect(used.body.error.details).toEqual(unknown.body.error.details);
    expect(used.body.error.details).toEqual([expect.objectContaining({ path: 'token' })]);
    // The second try changed nothing: the first password still signs in.
    expect(await w.signInStatus(u.name, 'first-choice-1')).toBe(201);
    expect(await w.signInStatus(u.name, 'second-choice-2')).toBe(401);
  }, 240_000);

  it('refuses a password against the rules, naming the field, and the link goes on working', async () => {
    const u = await w.linkUser();
    const token = tokenOf(u.url);
    const short = expectError(await w.consume(token, 'short'), 400, 'invalid');
    expect(short.details).toEqual([expect.objectContaining({ path: 'password' })]);
    const same = expectError(await w.consume(token, u.name), 400, 'invalid');
    expect(same.details).toEqual([{ path: 'password', message: 'must not be the user name' }]);
    expect((await w.consume(token, 'a-good-password-1')).status).toBe(201);
  }, 240_000);

  it('takes exactly one of password or setup: link', async () => {
    const name = unique('sl');
    const both = await w.admin.post('/users', { name, password: 'pw-123456', setup: 'link', project_id: w.projectId });
    expect(expectError(both, 400, 'invalid').details).toEqual([expect.objectContaining({ path: 'password' })]);
    const neither = await w.admin.post('/users', { name, project_id: w.projectId });
    expect(expectError(neither, 400, 'invalid').details).toEqual([expect.objectContaining({ path: 'password' })]);
    const other = await w.admin.post('/users', { name, setup: 'email', project_id: w.projectId });
    expectError(other, 400, 'invalid');
    // A user made with a password gets no link.
    const plain = await w.admin.post('/users', { name, password: 'pw-123456', project_id: w.projectId });
    expect(plain.status).toBe(201);
    w.track(plain.body.user.id);
    expect(plain.body.setup_link).toBeUndefined();
  }, 240_000);

  it('a new link invalidates the older one, replaces the password and ends the sessions', async () => {
    const u = await w.linkUser();
    const first = tokenOf(u.url);
    expect((await w.consume(first, 'before-reset-1')).status).toBe(201);
    const s = await signIn({ username: u.name, password: 'before-reset-1' });
    const a = await w.admin.post(`/users/${u.id}/setup-link`);
    expect(a.status, JSON.stringify(a.body)).toBe(200);
    expect(a.body.ended_sessions).toBeGreaterThanOrEqual(2);
    expect((await s.get('/auth/tokens')).status).toBe(401);
    // A forgotten password: the old one no longer signs in, the link sets a new one.
    expect(await w.signInStatus(u.name, 'before-reset-1')).toBe(401);
    const b = await w.admin.post(`/users/${u.id}/setup-link`);
    expect(tokenOf(b.body.setup_link.url)).not.toBe(tokenOf(a.body.setup_link.url));
    expectError(await w.consume(tokenOf(a.body.setup_link.url), 'after-reset-1'), 404, 'not_found');
    expect((await w.consume(tokenOf(b.body.setup_link.url), 'after-reset-1')).status).toBe(201);
    expect(await w.signInStatus(u.name, 'after-reset-1')).toBe(201);
  }, 240_000);

  it('a password reset or deletion kills a live link', async () => {
    const u = await w.linkUser();
    expect((await w.admin.put(`/users/${u.id}/password`, { password: 'reset-by-admin-1' })).status).toBe(200);
    expectError(await w.consume(tokenOf(u.url), 'mine-after-reset'), 404, 'not_found');
    const v = await w.linkUser();
    expect((await w.admin.delete(`/users/${v.id}`)).status).toBe(204);
    expectError(await w.consume(tokenOf(v.url), 'mine-after-delete'), 404, 'not_found');
  }, 240_000);

  it('is for administrators only, and not for their own user', async () => {
    const u = await w.linkUser();
    const password = 'member-pass-1';
    expect((await w.consume(tokenOf(u.url), password)).status).toBe(201);
    const member = await signIn({ username: u.name, password });
    const other = await w.linkUser();
    expectError(await member.post(`/users/${other.id}/setup-link`), 403, 'forbidden');
    expectError(await member.patch(`/users/${other.id}`, { name: unique('x') }), 403, 'forbidden');
    const me = (await w.admin.get('/auth/tokens')).body.token.user.id;
    expectError(await w.admin.post(`/users/${me}/setup-link`), 409, 'conflict');
    expectError(await w.admin.post('/users/no-such-user/setup-link'), 404, 'not_found');
  }, 240_000);
});

describe('renaming a user', () => {
  let w: Awaited<ReturnType<typeof world>>;
  beforeAll(async () => {
    w = await world();
  }, 300_000);
  afterAll(() => w?.cleanup(), 300_000);

  it('renames: the new name signs in, the old one no longer; the sessions go on under the new name', async () => {
    const u = await w.linkUser();
    expect((await w.consume(tokenOf(u.url), 'rename-pass-1')).status).toBe(201);
    const session = await signIn({ username: u.name, password: 'rename-pass-1' });
    const to = unique('renamed');
    const r = await w.admin.patch(`/users/${u.id}`, { name: to });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect(r.body.user).toMatchObject({ id: u.id, name: to });
    expect((await w.admin.get(`/users/${u.id}`)).body.user.name).toBe(to);
    expect(await w.signInStatus(to, 'rename-pass-1')).toBe(201);
    expect(await w.signInStatus(u.name, 'rename-pass-1')).toBe(401);
    const me = await session.get('/auth/tokens');
    expect(me.status).toBe(200);
    expect(me.body.token.user.name).toBe(to);
    expect((await session.get('/servers')).status).toBe(200);
  }, 240_000);

  it('409 on a taken name, 400 naming the field, 404 for an unknown user; a live link follows the rename', async () => {
    const a = await w.linkUser();
    const b = await w.linkUser();
    expectError(await w.admin.patch(`/users/${a.id}`, { name: b.name }), 409, 'conflict');
    const bad = expectError(await w.admin.patch(`/users/${a.id}`, { name: 'no spaces allowed' }), 400, 'invalid');
    expect(bad.details).toEqual([expect.objectContaining({ path: 'name' })]);
    expect(expectError(await w.admin.patch(`/users/${a.id}`, {}), 400, 'invalid').details).toEqual([
      expect.objectContaining({ path: 'name' }),
    ]);
    expectError(await w.admin.patch('/users/no-such-user', { name: unique('x') }), 404, 'not_found');
    // The link issued under the old name still works, and the password goes with the new name.
    const to = unique('renamed');
    expect((await w.admin.patch(`/users/${a.id}`, { name: to })).status).toBe(200);
    const r = await w.consume(tokenOf(a.url), 'after-rename-1');
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    expect(r.body.token.user.name).toBe(to);
    expect(await w.signInStatus(to, 'after-rename-1')).toBe(201);
  }, 240_000);
});

describe('a role changed in place', () => {
  let w: Awaited<ReturnType<typeof world>>;
  beforeAll(async () => {
    w = await world();
  }, 300_000);
  afterAll(() => w?.cleanup(), 300_000);

  it('changes the role; the user signs in with the new one; an admin cannot demote themself where they work', async () => {
    const u = await w.linkUser('member');
    expect((await w.consume(tokenOf(u.url), 'role-pass-1')).status).toBe(201);
    const before = await signIn({ username: u.name, password: 'role-pass-1' });
    const r = await w.admin.put(`/users/${u.id}/projects/${w.projectId}`, { role: 'reader' });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect(r.body.user.projects).toEqual([expect.objectContaining({ id: w.projectId, role: 'reader' })]);
    // The session with the old role ended; a new one carries the new role.
    expect((await before.get('/auth/tokens')).status).toBe(401);
    const after = await signIn({ username: u.name, password: 'role-pass-1' });
    expect((await after.get('/auth/tokens')).body.token.roles).toEqual(['reader']);
    const me = (await w.admin.get('/auth/tokens')).body.token;
    const refused = expectError(
      await w.admin.put(`/users/${me.user.id}/projects/${me.project.id}`, { role: 'member' }),
      409,
      'conflict',
    );
    expect(refused.message).toContain('signed in to');
    expect((await w.admin.get('/auth/tokens')).body.token.roles).toEqual(['admin']);
  }, 240_000);
});

describe('expiry and the failed-attempt limit (a console of its own: links live 2 s)', () => {
  let server: StartedServer;
  let w: Awaited<ReturnType<typeof world>>;
  beforeAll(async () => {
    server = await startServer({ env: { YUNTU_SETUP_LINK_TTL_SECONDS: '2' }, ownDatabase: true });
    w = await world(server.url);
  }, 300_000);
  afterAll(async () => {
    await w?.cleanup();
    await server?.stop();
  }, 300_000);

  it('an expired link gets the same answer as an unknown one', async () => {
    const u = await w.linkUser();
    expect((Date.parse(u.body.setup_link.expires_at) - Date.now()) / 1000).toBeLessThanOrEqual(2);
    await new Promise((r) => setTimeout(r, 2500));
    const expired = await w.consume(tokenOf(u.url), 'too-late-pass-1');
    const unknown = await w.consume('y'.repeat(43), 'too-late-pass-1');
    expectError(expired, 404, 'not_found');
    expect(expired.body.error.message).toBe(unknown.body.error.message);
  }, 240_000);

  it('guessing tokens is limited like guessing passwords (429 with Retry-After)', async () => {
    // The two wrong tokens of the test above count too: five failures lock this client's set-up link attempts.
    let status = 0;
    let tries = 0;
    for (; tries < 6 && status !== 429; tries++) status = (await w.consume(`guess-${tries}`, 'guess-pass-1')).status;
    expect(status).toBe(429);
    expect(tries).toBeLessThanOrEqual(4);
    const locked = await w.consume('z'.repeat(43), 'guess-pass-1');
    expectError(locked, 429, 'rate_limited');
    expect(Number(locked.headers.get('retry-after'))).toBeGreaterThan(0);
  }, 240_000);
});
