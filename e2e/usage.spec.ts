/**
 * Usage over time in the browser, on the simulator: an administrator opens a project's usage from the Projects
 * page; the three charts draw the project's series, the table alternative shows the API's numbers point by point,
 * and Download CSV gives the API's file (header row, one row per point).
 */
import fs from 'node:fs';
import { expect, test, type APIRequestContext } from '@playwright/test';
import { apiToken, signIn, uniq } from './helpers';

async function call(request: APIRequestContext, token: string, method: string, path: string, data?: unknown) {
  const r = await request.fetch(`/api/v1${path}`, { method, headers: { 'X-Auth-Token': token }, data });
  const text = await r.text();
  return { status: r.status(), body: text ? JSON.parse(text) : undefined };
}

type Point = { at: string; vcpus: number; memory_mb: number; disk_gb: number; servers: number };

test("an admin opens a project's usage: charts, the table of the API's points and the CSV", async ({
  page,
  request,
}) => {
  // A project of its own with one running server, so its series is known.
  const admin = await apiToken(request, 'admin');
  const name = uniq('e2e-usage');
  const p = await call(request, admin, 'POST', '/projects', { name, description: 'usage e2e' });
  expect(p.status, JSON.stringify(p.body)).toBe(201);
  const projectId: string = p.body.project.id;
  const member = uniq('e2e-um');
  const password = 'member-pass-2026';
  expect(
    (await call(request, admin, 'POST', '/users', { name: member, password, project_id: projectId, role: 'member' }))
      .status,
  ).toBe(201);
  const signedIn = await request.post('/api/v1/auth/tokens', { data: { username: member, password } });
  const token = signedIn.headers()['x-subject-token']!;
  const image = (await call(request, token, 'GET', '/images?name=cirros')).body.images[0].id;
  const s = await call(request, token, 'POST', '/servers', {
    name: 'usage-web',
    flavor_id: 's1.small',
    image_id: image,
  });
  expect(s.status, JSON.stringify(s.body)).toBe(202);
  const serverId: string = s.body.id;
  await expect
    .poll(async () => (await call(request, token, 'GET', `/servers/${serverId}`)).body.server.status)
    .toBe('active');
  const flavor = (await call(request, admin, 'GET', '/flavors/s1.small')).body.flavor;

  await signIn(page, 'admin');
  await page.goto('/admin/projects');
  const row = page.getByTestId(`project-row-${name}`);
  await row.getByRole('link', { name: /^(使用历史|Usage history)$/ }).click();
  await expect(page).toHaveURL(new RegExp(`/admin/usage\\?project=${projectId}$`));
  await expect(page.getByRole('heading', { name: /资源使用历史|Usage over time/ })).toBeVisible();
  await page.getByRole('combobox', { name: /^(时间范围|Range)$/ }).selectOption('24h');

  // Three charts, each with its title, each drawing a line through the points.
  for (const key of ['vcpus', 'memory_mb', 'disk_gb']) {
    const chart = page.getByTestId(`usage-chart-${key}`);
    await expect(chart.locator('figcaption')).toBeVisible();
    await expect(chart.locator('.recharts-line-curve')).toHaveAttribute('d', /^M.+L/);
  }
  await expect(page.getByTestId('usage-summary')).toContainText(/24/);

  // The CSV link carries the page's fixed range: the API's answer for it is what the table must show.
  const csvLink = page.getByRole('link', { name: /^(下载 CSV|Download CSV)$/ });
  const href = (await csvLink.getAttribute('href'))!;
  const range = new URL(href, 'http://x').searchParams;
  expect(range.get('project_id')).toBe(projectId);
  const api = await call(
    request,
    admin,
    'GET',
    `/usage?project_id=${projectId}&from=${encodeURIComponent(range.get('from')!)}&to=${encodeURIComponent(range.get('to')!)}`,
  );
  expect(api.status).toBe(200);
  const points = api.body.usage.points as Point[];
  expect(points).toHaveLength(24);
  // The server runs since a moment before the range's end: the last hour holds a share of it, earlier ones nothing.
  expect(points.at(-1)!.vcpus).toBeGreaterThan(0);
  expect(points.at(-1)!.vcpus).toBeLessThanOrEqual(flavor.vcpus);
  expect(points.slice(0, -1).every((x) => x.vcpus === 0)).toBe(true);

  const table = page.getByRole('table', { name: /使用历史数据表|Usage data/ });
  await expect(table).toBeHidden();
  await page.getByRole('button', { name: /^(以表格显示|Show as table)$/ }).click();
  await expect(table).toBeVisible();
  const rows = table.locator('tbody tr');
  await expect(rows).toHaveCount(24);
  for (const [i, x] of points.entries()) {
    const r = rows.nth(i);
    await expect(r.locator('time')).toHaveAttribute('datetime', x.at);
    await expect(r.locator('td').nth(1)).toHaveText(String(x.vcpus));
    await expect(r.locator('td').nth(2)).toHaveText(String(x.memory_mb));
    await expect(r.locator('td').nth(3)).toHaveText(String(x.disk_gb));
    await expect(r.locator('td').nth(4)).toHaveText(String(x.servers));
  }

  const download = page.waitForEvent('download');
  await csvLink.click();
  const file = await (await download).path();
  const lines = fs.readFileSync(file, 'utf8').trimEnd().split('\r\n');
  expect(lines[0]).toBe('at,vcpus,memory_mb,disk_gb,servers');
  expect(lines.slice(1)).toEqual(points.map((x) => `${x.at},${x.vcpus},${x.memory_mb},${x.disk_gb},${x.servers}`));

  // Clean up: the server, then the project.
  expect([202, 204]).toContain((await call(request, token, 'DELETE', `/servers/${serverId}`)).status);
  await expect.poll(async () => (await call(request, token, 'GET', `/servers/${serverId}`)).status).toBe(404);
  expect((await call(request, admin, 'DELETE', `/projects/${projectId}`)).status).toBe(204);
});

test("the overview charts the tenant's own project over the last 24 h", async ({ page }) => {
  await signIn(page, 'alice');
  const usage = page.waitForResponse((r) => r.url().includes('/api/v1/usage?') && r.request().method() === 'GET');
  await page.goto('/');
  expect((await usage).status(), "a member reads their own project's usage").toBe(200);
  await expect(page.getByText(/本项目用量|This project's usage/)).toBeVisible();
  await expect(page.getByTestId('project-usage-summary'), 'the figures as text').toContainText(/[\d.]+ vCPU/);
  await expect(page.getByTestId('project-usage-vcpus').locator('svg').first(), 'the chart is drawn').toBeVisible();
});
