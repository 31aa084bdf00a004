/**
 * A new administrator's first walkthrough on the simulator, in the browser (e2e/flows/new-admin.ts): a project, a
 * member in it, that member's first server made with the wizard while a host of its datacenter is in maintenance
 * (placed elsewhere), and a quota lowered below usage refused.
 */
import { expect, test, type APIRequestContext } from '@playwright/test';
import { newAdminWalkthrough, type Made } from './flows/new-admin';
import { apiToken, uniq, users } from './helpers';

const made: Partial<Made> = {};

async function remove(request: APIRequestContext, token: string, path: string) {
  await request.delete(`/api/v1${path}`, { headers: { 'X-Auth-Token': token } });
}

test.afterAll(async ({ request }) => {
  const token = await apiToken(request, 'admin');
  // A host left disabled by a failed run would steer every later test's servers.
  if (made.disabledHost) {
    const hosts = (await (await request.get('/api/v1/hosts', { headers: { 'X-Auth-Token': token } })).json()) as {
      hosts: { id: string; name: string }[];
    };
    const h = hosts.hosts.find((x) => x.name === made.disabledHost);
    if (h) await request.post(`/api/v1/hosts/${h.id}/enable`, { headers: { 'X-Auth-Token': token } });
  }
  if (made.serverId) {
    await remove(request, token, `/servers/${made.serverId}`);
    await expect
      .poll(async () =>
        (await request.get(`/api/v1/servers/${made.serverId}`, { headers: { 'X-Auth-Token': token } })).status(),
      )
      .toBe(404);
  }
  if (made.userId) await remove(request, token, `/users/${made.userId}`);
  if (made.projectId) await remove(request, token, `/projects/${made.projectId}`);
});

test('a new admin makes a project and a member; the member makes a server; a quota below usage is refused', async ({
  page,
  browser,
}) => {
  test.setTimeout(120_000);
  await newAdminWalkthrough(
    page,
    browser,
    {
      admin: users.admin,
      datacenter: 'dc-bj1',
      flavor: /s1\.small/,
      image: /cirros/,
      hostToDisable: 'dc-bj1-compute-1',
      activeWithinMs: 60_000,
    },
    { project: uniq('e2e-na'), user: uniq('e2e-na-u'), password: 'first-pass-2026', server: uniq('e2e-na-srv') },
    made,
  );
});
