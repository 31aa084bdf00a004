import type { APIRequestContext, Page } from '@playwright/test';
import { apiAs, expect, signIn, test, uniq } from './helpers';

/*
 * The presenter's panel in the browser (simulator, issue 17): a reset from the panel gives back exactly the seed
 * (a full export through the API before and after, times left out: the seed's ids are fixed), each fault switch
 * shows its banner to another signed-in user, and the read-only visitor sees "read-only demo" on a refused change.
 * The reset empties the cloud: the specs after this one start from the seed, as on a fresh console.
 */
test.describe.configure({ mode: 'serial' });

const visitor = { username: 'visitor', password: 'visitor-pass-2026' };

/** Every resource an administrator can list, without the fields a reset sets anew (times). */
async function exportCloud(request: APIRequestContext): Promise<string> {
  const admin = await apiAs(request, 'admin');
  const paths = [
    '/datacenters',
    '/hosts',
    '/flavors?limit=100',
    '/images?limit=100&all_projects=true',
    '/networks?limit=100&all_projects=true',
    '/security-groups?limit=100&all_projects=true',
    '/servers?limit=100&all_projects=true',
    '/volumes?limit=100&all_projects=true',
    '/floating-ips?limit=100&all_projects=true',
    '/public-ips?limit=100&all_projects=true',
    '/load-balancers?limit=100&all_projects=true',
    '/projects',
    '/users',
  ];
  const out: Record<string, unknown> = {};
  for (const p of paths) {
    const r = await admin.call('GET', p);
    expect(r.status, p).toBe(200);
    out[p] = r.body;
  }
  return JSON.stringify(out, (k, v: unknown) => (/_at$/.test(k) ? undefined : v));
}

async function resetFromPanel(page: Page) {
  await page.goto('/admin/demo');
  await page.getByTestId('demo-estate').selectOption('small');
  await page.getByTestId('demo-reset').click();
  await expect(page.getByTestId('demo-reset-result')).toContainText(/ms/, { timeout: 30_000 });
  const text = (await page.getByTestId('demo-reset-result').textContent()) ?? '';
  console.log(`reset from the panel: ${text}`);
}

test('a reset from the panel gives back exactly the seed', async ({ page, request }) => {
  await signIn(page, 'admin');
  await expect(page.getByTestId('demo-marker')).toBeVisible();
  await resetFromPanel(page);
  const seed = await exportCloud(request);
  const admin = await apiAs(request, 'admin');
  const alice = await apiAs(request, 'alice');
  expect((await alice.call('POST', '/security-groups', { name: uniq('before-reset') })).status).toBe(201);
  expect((await admin.call('PUT', '/demo/faults', { datacenter_unavailable: 'dc-sh1' })).status).toBe(200);
  expect(await exportCloud(request)).not.toEqual(seed);
  await resetFromPanel(page);
  expect(await exportCloud(request)).toEqual(seed);
  // The admin is still signed in after the reset (no sign-in page).
  await page.goto('/admin/hosts');
  await expect(page.getByRole('navigation', { name: /主导航|Main navigation/ })).toBeVisible();
});

test('each fault switch shows its banner to everyone while it is on', async ({ page, browser, request }) => {
  await signIn(page, 'admin');
  const other = await browser.newPage();
  await signIn(other, 'alice');
  const admin = await apiAs(request, 'admin');
  const hosts = (await admin.call('GET', '/hosts')).body.hosts as { id: string; name: string }[];
  const projects = (await admin.call('GET', '/projects')).body.projects as { id: string; name: string }[];
  const switches: [string, Record<string, unknown>][] = [
    ['latency_ms', { latency_ms: 200, latency_operations: ['servers.create'] }],
    ['failure_rate', { failure_rate: 0.5, failure_operations: ['volumes.create'] }],
    ['host_down', { host_down: hosts[0]!.id }],
    ['datacenter_unavailable', { datacenter_unavailable: 'dc-sh1' }],
    ['quota_nearly_exhausted', { quota_nearly_exhausted: projects.find((p) => p.name === 'gis-demo')!.id }],
    ['slow_uploads', { slow_uploads: true }],
  ];
  await other.goto('/');
  for (const [key, body] of switches) {
    expect((await admin.call('PUT', '/demo/faults', body)).status, key).toBe(200);
    await expect(other.getByTestId('demo-fault-banner').locator(`[data-fault="${key}"]`), key).toBeVisible({
      timeout: 15_000,
    });
  }
  // The host shows down on the hosts page.
  await page.goto('/admin/hosts');
  await expect(page.getByRole('row', { name: new RegExp(hosts[0]!.name) })).toContainText(/已停用|Down/);
  // The panel's "turn all off" clears every banner.
  await page.goto('/admin/demo');
  await page.getByTestId('demo-faults-clear').click();
  await expect(other.getByTestId('demo-fault-banner')).toHaveCount(0, { timeout: 15_000 });
  // A switch set in the panel's form shows too.
  await page.getByTestId('demo-fault-slow_uploads').check();
  await page.getByTestId('demo-faults-apply').click();
  await expect(other.locator('[data-fault="slow_uploads"]')).toBeVisible({ timeout: 15_000 });
  await page.getByTestId('demo-faults-clear').click();
  await other.close();
});

test('the read-only visitor looks everywhere and sees "read-only demo" on a refused change', async ({ page }) => {
  await page.goto('/login');
  await page.getByLabel(/用户名|Username/).fill(visitor.username);
  await page.getByLabel(/密码|Password/).fill(visitor.password);
  await page.getByRole('button', { name: /^(登录|Sign in)$/ }).click();
  await expect(page.getByRole('navigation', { name: /主导航|Main navigation/ })).toBeVisible();
  await expect(page.getByTestId('read-only-marker')).toBeVisible();
  await page.goto('/admin/hosts');
  await expect(page.getByRole('row', { name: /dc-bj1-compute-1/ })).toBeVisible();
  await page.goto('/admin/demo');
  await page.getByTestId('demo-faults-clear').click();
  await expect(page.getByRole('alert').filter({ hasText: /只读演示|read-only demo/ })).toBeVisible();
});
