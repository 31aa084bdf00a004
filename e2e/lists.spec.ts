import { expect, test, type APIRequestContext, type Page } from '@playwright/test';
import { apiToken } from './helpers';

/**
 * Lists on a project of more than one API page: a URL asking for 200 rows a page is served 100 (the API's maximum)
 * and the pager counts pages of 100, so the last servers are reachable; and the pages' own /api/v1/servers requests:
 * the overview counts statuses in one request, the volumes page asks for no server when nothing is attached and for
 * exactly the attached ones otherwise.
 */

const servers = 110;
const password = 'lists-pass-2026';
let user = '';
let token = '';
let serverIds: string[] = [];

// any: the API's JSON body, whose fields each caller reads and asserts itself (as the HTTP tests' client does).
async function must(r: Awaited<ReturnType<APIRequestContext['get']>>, what: string): Promise<any> {
  expect(r.status(), `${what}: ${await r.text()}`).toBeLessThan(300);
  return r.json();
}

test.beforeAll(async ({ request }) => {
  test.setTimeout(300_000);
  const admin = { 'X-Auth-Token': await apiToken(request, 'admin') };
  const suffix = Date.now().toString(36);
  // A project of its own, with room for its servers, so its counts are exactly what this file created.
  const project = (
    await must(
      await request.post('/api/v1/projects', {
        headers: admin,
        data: {
          name: `lists-${suffix}`,
          quotas: { instances: 200, vcpus: 200, ram_mb: 400_000, volumes: 10, volume_gb: 100 },
        },
      }),
      'project',
    )
  ).project;
  user = `lists-${suffix}`;
  await must(
    await request.post('/api/v1/users', {
      headers: admin,
      data: { name: user, password, project_id: project.id, role: 'member' },
    }),
    'user',
  );
  const signed = await request.post('/api/v1/auth/tokens', { data: { username: user, password } });
  token = signed.headers()['x-subject-token']!;
  const headers = { 'X-Auth-Token': token };
  const imageId = (await must(await request.get('/api/v1/images?name=cirros', { headers }), 'images')).images[0].id;
  // Both datacenters: one datacenter's hosts hold 96 one-vCPU servers.
  const names = Array.from({ length: servers }, (_, i) => `page-${String(i + 1).padStart(3, '0')}`);
  serverIds = [];
  for (let i = 0; i < names.length; i += 10) {
    const batch = await Promise.all(
      names.slice(i, i + 10).map(async (name, j) => {
        const body = await must(
          await request.post('/api/v1/servers', {
            headers,
            data: { name, flavor_id: 's1.small', image_id: imageId, datacenter_id: (i + j) % 2 ? 'dc-sh1' : 'dc-bj1' },
          }),
          `server ${name}`,
        );
        return body.id as string;
      }),
    );
    serverIds.push(...batch);
  }
  await expect
    .poll(
      async () =>
        (await must(await request.get('/api/v1/servers?status=active&limit=1', { headers }), 'active')).total_count,
      { timeout: 120_000, message: 'every server becomes active' },
    )
    .toBe(servers);
});

test.afterAll(async ({ request }) => {
  const headers = { 'X-Auth-Token': token };
  for (const id of serverIds) await request.delete(`/api/v1/servers/${id}`, { headers });
});

async function signInAs(page: Page) {
  await page.goto('/login');
  await page.getByLabel(/用户名|Username/).fill(user);
  await page.getByLabel(/密码|Password/).fill(password);
  await page.getByRole('button', { name: /^(登录|Sign in)$/ }).click();
  await expect(page.getByRole('navigation', { name: /主导航|Main navigation/ })).toBeVisible();
}

/** The page's requests to /api/v1/servers (the list, one server, or the status counts), from now on. */
function watchServerRequests(page: Page): string[] {
  const seen: string[] = [];
  page.on('request', (r) => {
    const u = new URL(r.url());
    if (u.pathname === '/api/v1/servers' || u.pathname.startsWith('/api/v1/servers/'))
      seen.push(`${r.method()} ${u.pathname}${u.search}`);
  });
  return seen;
}

test('a URL asking for 200 rows a page gets pages of 100, and the pager reaches the last servers', async ({ page }) => {
  await signInAs(page);
  const lists: string[] = [];
  page.on('request', (r) => {
    const u = new URL(r.url());
    if (u.pathname === '/api/v1/servers') lists.push(u.search);
  });
  await page.goto('/servers?limit=200&sort=name');
  const pager = page.getByRole('navigation', { name: /第 \d+ \/ \d+ 页|Page \d+ of \d+/ });
  await expect(
    pager.getByText(/^(第 1 \/ 2 页|Page 1 of 2)$/),
    '110 servers in pages of 100 are two pages',
  ).toBeVisible();
  await expect(pager.getByText(/共 110 条|110 total/)).toBeVisible();
  await expect(pager.getByRole('combobox'), 'the page size shown is the one used').toHaveValue('100');
  await expect(page.getByText('page-001', { exact: true })).toBeVisible();
  expect(
    lists.every((q) => new URLSearchParams(q).get('limit') === '100'),
    `the list is asked 100 a page: ${lists.join(' ')}`,
  ).toBe(true);

  await pager.getByRole('button', { name: /下一页|Next page/ }).click();
  await expect(page).toHaveURL(/page=2/);
  await expect(pager.getByText(/^(第 2 \/ 2 页|Page 2 of 2)$/)).toBeVisible();
  for (const name of ['page-101', 'page-105', 'page-110'])
    await expect(page.getByText(name, { exact: true }), `${name} is reachable`).toBeVisible();
  await expect(page.getByText('page-100', { exact: true }), 'the first page is not repeated').toHaveCount(0);
  await expect(page.locator('tbody tr[data-row-id]')).toHaveCount(10);
  await expect(pager.getByRole('button', { name: /下一页|Next page/ }), 'no page beyond the last').toBeDisabled();

  // Choosing a size from the selector goes back to page 1 with pages of that size.
  await pager.getByRole('combobox').selectOption('50');
  await expect(pager.getByText(/^(第 1 \/ 3 页|Page 1 of 3)$/)).toBeVisible();
});

test('the overview counts statuses in one request', async ({ page, request }) => {
  await signInAs(page);
  // One server stopped, so the card has two statuses to show.
  const stopped = await request.post(`/api/v1/servers/${serverIds[0]}/stop`, { headers: { 'X-Auth-Token': token } });
  expect(stopped.status()).toBe(202);
  await expect
    .poll(
      async () =>
        (await (await request.get(`/api/v1/servers/${serverIds[0]}`, { headers: { 'X-Auth-Token': token } })).json())
          .server.status,
    )
    .toBe('stopped');
  // The events stream replays the last 5 s of changes when it connects, and a replayed change refreshes the card
  // (rightly): wait them out, so what is counted is the page's own requests.
  await page.waitForTimeout(6000);
  const seen = watchServerRequests(page);
  const counted = page.waitForResponse((r) => new URL(r.url()).pathname === '/api/v1/servers/status-counts');
  await page.goto('/');
  expect((await counted).status()).toBe(200);
  const card = page.locator('a[href="/servers?status=active"]');
  await expect(card).toContainText(String(servers - 1));
  await expect(page.locator('a[href="/servers?status=stopped"]')).toContainText('1');
  await page.waitForTimeout(1500);
  expect(seen, 'one status-count request and no other servers request').toEqual(['GET /api/v1/servers/status-counts']);
  await request.post(`/api/v1/servers/${serverIds[0]}/start`, { headers: { 'X-Auth-Token': token } });
});

test('the volumes page asks for no server when nothing is attached, and for just the attached one otherwise', async ({
  page,
  request,
}) => {
  const headers = { 'X-Auth-Token': token };
  await signInAs(page);
  const volume = (
    await must(
      await request.post('/api/v1/volumes', {
        headers,
        data: { name: 'lists-vol', size_gb: 1, datacenter_id: 'dc-bj1' },
      }),
      'volume',
    )
  ).volume;
  await expect
    .poll(async () => (await (await request.get(`/api/v1/volumes/${volume.id}`, { headers })).json()).volume.status)
    .toBe('available');
  try {
    let seen = watchServerRequests(page);
    const listed = page.waitForResponse((r) => new URL(r.url()).pathname === '/api/v1/volumes');
    await page.goto('/volumes');
    await listed;
    await expect(page.getByText('lists-vol', { exact: true })).toBeVisible();
    await page.waitForTimeout(1500);
    expect(seen, 'no servers request with nothing attached').toEqual([]);

    // page-001 is in dc-bj1 (even indexes): attach the volume to it; the page then asks for that server only.
    const serverId = serverIds[0]!;
    expect(
      (await request.post(`/api/v1/volumes/${volume.id}/attach`, { headers, data: { server_id: serverId } })).status(),
    ).toBe(202);
    await expect
      .poll(async () => (await (await request.get(`/api/v1/volumes/${volume.id}`, { headers })).json()).volume.status)
      .toBe('in-use');
    await page.goto('about:blank');
    seen = watchServerRequests(page);
    await page.goto('/volumes');
    await expect(page.getByRole('row').filter({ hasText: 'lists-vol' }), 'the attached server is named').toContainText(
      'page-001',
    );
    await page.waitForTimeout(1500);
    // The attachment's own events can reach the new page's stream (it reads back a short overlap) and refresh the
    // server once more: what matters is that no other server, and no list of them, is asked for.
    expect([...new Set(seen)], 'requests for the attached server only').toEqual([`GET /api/v1/servers/${serverId}`]);
    await request.post(`/api/v1/volumes/${volume.id}/detach`, { headers, data: { server_id: serverId } });
    await expect
      .poll(async () => (await (await request.get(`/api/v1/volumes/${volume.id}`, { headers })).json()).volume.status)
      .toBe('available');
  } finally {
    await request.delete(`/api/v1/volumes/${volume.id}`, { headers });
  }
});
