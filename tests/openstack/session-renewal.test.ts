import { beforeAll, describe, expect, it } from 'vitest';
import { client, demo, expectError, newTenant, signIn, type Client } from '../http/client';
import { adminToken, keystone } from './cloud';

/**
 * The console keeps each session's Keystone token server-side and renews it from the session's application
 * credential. Tokens near their expiry are renewed before use (unit-tested in the driver); these tests make
 * Keystone refuse a token early, as an expiry, a revocation or a key rotation does, and watch what the user sees.
 */
let admin: Client;
let ksAdmin: string;

beforeAll(async () => {
  admin = await signIn(demo.admin);
  ksAdmin = await adminToken();
});

async function keystoneUserId(name: string): Promise<string> {
  const r = await keystone<{ users: { id: string }[] }>(
    'GET',
    `/users?name=${encodeURIComponent(name)}`,
    undefined,
    ksAdmin,
  );
  const id = r.body.users[0]?.id;
  if (!id) throw new Error(`no Keystone user ${name}`);
  return id;
}

describe('a Keystone token refused before its time', () => {
  it('is renewed from the application credential without the user noticing', async () => {
    const t = await newTenant(admin);
    const userName = `m-${t.name.slice(2)}`;
    // A password change makes Keystone revoke every token of the user (the console's included); services that
    // have not seen the token yet answer 401 to it at once (Neutron and Cinder here: the member has not called them).
    const changed = await keystone(
      'PATCH',
      `/users/${await keystoneUserId(userName)}`,
      { user: { password: 'changed-password-2' } },
      ksAdmin,
    );
    expect(changed.status).toBe(200);
    expect((await signIn({ username: userName, password: 'changed-password-2' })).token).toBeTruthy();

    const networks = await t.member.get('/networks');
    expect(networks.status, JSON.stringify(networks.body)).toBe(200);
    expect((await t.member.get('/volumes')).status).toBe(200);
    expect((await t.member.get('/servers')).status).toBe(200);
    const created = await t.member.post('/networks', { name: 'after-renewal' });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    expect(created.body.network.project_id).toBe(t.projectId);
    // The session is still the user's own: the same project, the same role, and it can still sign out.
    expect((await t.member.get(`/networks/${created.body.network.id}`)).status).toBe(200);
    expectError(await t.reader.post('/networks', { name: 'reader-still-reads-only' }), 403, 'forbidden');
    expect((await t.member.delete('/auth/tokens')).status).toBe(204);
    expectError(await t.member.get('/networks'), 401, 'unauthorized');
  });

  it('is renewed in the project switched to, and then asks to sign in again before switching further', async () => {
    const t = await newTenant(admin);
    const other = await newTenant(admin);
    const userId = await keystoneUserId(`m-${t.name.slice(2)}`);
    const roles = await keystone<{ roles: { id: string }[] }>('GET', '/roles?name=member', undefined, ksAdmin);
    expect(
      (
        await keystone(
          'PUT',
          `/projects/${other.projectId}/users/${userId}/roles/${roles.body.roles[0]!.id}`,
          undefined,
          ksAdmin,
        )
      ).status,
    ).toBe(204);
    const switched = await t.member.post('/auth/projects', { project_id: other.projectId });
    expect(switched.status, JSON.stringify(switched.body)).toBe(201);
    const inOther = client(switched.headers.get('x-subject-token')!);

    expect(
      (await keystone('PATCH', `/users/${userId}`, { user: { password: 'changed-password-3' } }, ksAdmin)).status,
    ).toBe(200);
    // The switched session renews from a credential of the project it is in: the user goes on there, unasked.
    const created = await inOther.post('/networks', { name: 'after-switch-and-renewal' });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    expect(created.body.network.project_id).toBe(other.projectId);
    expect((await inOther.get('/auth/projects')).status, 'the switcher still lists the projects').toBe(200);
    // A renewed token cannot be re-scoped: the console says so, and a new sign-in can switch again.
    const refused = expectError(await inOther.post('/auth/projects', { project_id: t.projectId }), 401, 'unauthorized');
    expect(refused.message).toMatch(/sign in again to switch/);
    const again = await signIn({ username: `m-${t.name.slice(2)}`, password: 'changed-password-3' });
    expect((await again.post('/auth/projects', { project_id: other.projectId })).status).toBe(201);
  });

  it('ends the session with a clear 401 when the user is gone from the cloud (nothing to renew from)', async () => {
    const t = await newTenant(admin);
    const id = await keystoneUserId(`m-${t.name.slice(2)}`);
    // Deleting the user deletes its application credentials and revokes its tokens.
    expect((await keystone('DELETE', `/users/${id}`, undefined, ksAdmin)).status).toBe(204);
    const e = expectError(await t.member.get('/networks'), 401, 'unauthorized');
    expect(e.message).toMatch(/sign in again/);
    // The reader of the same project is untouched.
    expect((await t.reader.get('/networks')).status).toBe(200);
  });
});
