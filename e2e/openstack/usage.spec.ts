import fs from 'node:fs';
import { expect, test, type APIRequestContext } from '@playwright/test';
import { openstackJson } from './cli';
import { signIn } from './sign-in';

/**
 * Usage over time on the loopback OpenStack: a project of its own (made through the console's API) runs one server;
 * the admin opens its usage from the Projects page, the charts draw Nova's history, the table shows the API's points,
 * the CSV is the same, and Nova's own report (`openstack usage show`) has that one server.
 */
const admin = {
  username: process.env.YUNTU_TEST_ADMIN_USER ?? 'admin',
  password: process.env.YUNTU_TEST_ADMIN_PASSWORD ?? 'secret',
};
const slow = { timeout: 240_000 };
type Point = { at: string; vcpus: number; memory_mb: number; disk_gb: number; servers: number };

async function api(request: APIRequestContext, token: string, method: string, path: string, data?: unknown) {
  const r = await request.fetch(`/api/v1${path}`, { method, headers: { 'X-Auth-Token': token }, data });
  const text = await r.text();
  return { status: r.status(), body: text ? JSON.parse(text) : undefined };
}

async function tokenOf(request: APIRequestContext, creds: { username: string; password: string }) {
  const r = await request.post('/api/v1/auth/tokens', { data: creds });
  expect(r.status(), `sign-in of ${creds.username}`).toBe(201);
  return r.headers()['x-subject-token']!;
}

test("an admin reads a project's usage from Nova: charts, table, CSV and the CLI's report", async ({
  page,
  request,
}) => {
  test.setTimeout(600_000);
  const stamp = Date.now().toString(36);
  const adminToken = await tokenOf(request, admin);
  const name = `e2eos-usage-${stamp}`;
  const p = await api(request, adminToken, 'POST', '/projects', { name, description: 'usage e2e' });
  expect(p.status, JSON.stringify(p.body)).toBe(201);
  const projectId: string = p.body.project.id;
  const member = { username: `e2eos-uu-${stamp}`, password: `pw-${stamp}-usage` };
  const u = await api(request, adminToken, 'POST', '/users', {
    name: member.username,
    password: member.password,
    project_id: projectId,
    role: 'member',
  });
  expect(u.status, JSON.stringify(u.body)).toBe(201);
  const token = await tokenOf(request, member);
  let serverId = '';
  try {
    const image = (await api(request, token, 'GET', '/images?name=cirros')).body.images[0].id;
    const s = await api(request, token, 'POST', '/servers', {
      name: `usage-${stamp}`,
      flavor_id: 's1.small',
      image_id: image,
    });
    expect(s.status, JSON.stringify(s.body)).toBe(202);
    serverId = s.body.id;
    await expect
      .poll(async () => (await api(request, token, 'GET', `/servers/${serverId}`)).body.server.status, slow)
      .toBe('active');

    await signIn(page, admin);
    await page.goto('/admin/projects');
    await page
      .getByTestId(`project-row-${name}`)
      .getByRole('link', { name: /^(使用历史|Usage history)$/ })
      .click();
    await expect(page).toHaveURL(new RegExp(`/admin/usage\\?project=${projectId}$`));
    await page.getByRole('combobox', { name: /^(时间范围|Range)$/ }).selectOption('24h');
    for (const key of ['vcpus', 'memory_mb', 'disk_gb'])
      await expect(page.getByTestId(`usage-chart-${key}`).locator('.recharts-line-curve')).toHaveAttribute(
        'd',
        /^M.+L/,
      );

    const csvLink = page.getByRole('link', { name: /^(下载 CSV|Download CSV)$/ });
    const range = new URL((await csvLink.getAttribute('href'))!, 'http://x').searchParams;
    const q = `project_id=${projectId}&from=${encodeURIComponent(range.get('from')!)}&to=${encodeURIComponent(range.get('to')!)}`;
    const points = (await api(request, adminToken, 'GET', `/usage?${q}`)).body.usage.points as Point[];
    expect(points).toHaveLength(24);
    // Nova's started_at is the launch: the server shows in the last hour, before it nothing.
    expect(points.at(-1)!.vcpus).toBeGreaterThan(0);
    expect(points.slice(0, -1).every((x) => x.vcpus === 0)).toBe(true);

    await page.getByRole('button', { name: /^(以表格显示|Show as table)$/ }).click();
    const rows = page.getByRole('table', { name: /使用历史数据表|Usage data/ }).locator('tbody tr');
    await expect(rows).toHaveCount(24);
    const last = rows.nth(23);
    await expect(last.locator('time')).toHaveAttribute('datetime', points[23]!.at);
    await expect(last.locator('td').nth(1)).toHaveText(String(points[23]!.vcpus));
    await expect(last.locator('td').nth(2)).toHaveText(String(points[23]!.memory_mb));

    const download = page.waitForEvent('download');
    await csvLink.click();
    const lines = fs
      .readFileSync((await (await download).path())!, 'utf8')
      .trimEnd()
      .split('\r\n');
    expect(lines[0]).toBe('at,vcpus,memory_mb,disk_gb,servers');
    expect(lines.slice(1)).toEqual(points.map((x) => `${x.at},${x.vcpus},${x.memory_mb},${x.disk_gb},${x.servers}`));

    // Nova's own report for today names the project's one server.
    const day = new Date().toISOString().slice(0, 10);
    const next = new Date(Date.parse(day) + 86_400_000).toISOString().slice(0, 10);
    const report = await openstackJson<Record<string, unknown>>([
      'usage',
      'show',
      '--project',
      projectId,
      '--start',
      day,
      '--end',
      next,
    ]);
    const servers = report['Servers'];
    expect(Array.isArray(servers) ? servers.length : Number(servers)).toBe(1);
  } finally {
    if (serverId) {
      await api(request, token, 'DELETE', `/servers/${serverId}`);
      await expect
        .poll(async () => (await api(request, adminToken, 'GET', `/servers/${serverId}`)).status, slow)
        .toBe(404);
    }
    await api(request, adminToken, 'DELETE', `/projects/${projectId}`);
  }
});
