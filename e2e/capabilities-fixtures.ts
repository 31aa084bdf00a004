import { expect, test as base, type APIRequestContext, type Page } from '@playwright/test';
import { users } from './helpers';

/**
 * Options of the capabilities spec, so the same spec runs on the simulator (playwright.config.ts, the defaults)
 * and on the Huawei Cloud fake (playwright.huawei.config.ts sets them).
 */
export interface CapabilityOptions {
  /** The backend the console under test runs on, for the few expectations that name it. */
  backend: 'sim' | 'huaweicloud';
  /** An admin's sign-in: the demo admin on the simulator, an AK/SK listed in PUBLIC_CLOUD_ADMIN_KEYS on a public cloud. */
  adminLogin: { username: string; password: string };
  /** Whether the console can take image files: the simulator always, Huawei only with an OBS bucket configured. */
  imageFiles: boolean;
}

interface Fixtures {
  /** Ids of servers a test created through the API; deleted afterwards. */
  createdServers: string[];
}

export const test = base.extend<Fixtures, CapabilityOptions>({
  backend: ['sim', { option: true, scope: 'worker' }],
  adminLogin: [users.admin, { option: true, scope: 'worker' }],
  imageFiles: [true, { option: true, scope: 'worker' }],
  createdServers: async ({ request, adminLogin }, use) => {
    const ids: string[] = [];
    await use(ids);
    if (!ids.length) return;
    const headers = { 'X-Auth-Token': await tokenOf(request, adminLogin) };
    for (const id of ids) await request.delete(`/api/v1/servers/${id}`, { headers });
  },
});
export { expect };

async function tokenOf(request: APIRequestContext, login: CapabilityOptions['adminLogin']): Promise<string> {
  const r = await request.post('/api/v1/auth/tokens', { data: login });
  expect(r.status(), `fixture sign-in of ${login.username}`).toBe(201);
  return r.headers()['x-subject-token']!;
}

/** Signs in through the form: on a public cloud the username is the access key and the password its secret. */
export async function signInWith(page: Page, login: CapabilityOptions['adminLogin']) {
  await page.goto('/login');
  await page.getByLabel(/用户名|Username/).fill(login.username);
  await page.getByLabel(/密码|Password/).fill(login.password);
  const res = page.waitForResponse((r) => r.url().includes('/api/v1/auth/tokens') && r.request().method() === 'POST');
  await page.getByRole('button', { name: /^(登录|Sign in)$/ }).click();
  expect((await res).status(), 'sign-in answers 201').toBe(201);
  await expect(
    page.getByRole('navigation', { name: /主导航|Main navigation/ }),
    'the console shell appears after signing in',
  ).toBeVisible();
}

/** A server made through the API on whatever backend runs (its first flavor, a cirros image), waited until active. */
export async function createActiveServer(
  request: APIRequestContext,
  login: CapabilityOptions['adminLogin'],
  name: string,
): Promise<string> {
  const headers = { 'X-Auth-Token': await tokenOf(request, login) };
  const get = async (path: string) => (await request.get(`/api/v1${path}`, { headers })).json();
  const flavors = (await get('/flavors')).flavors as Array<{ id: string; ram_mb: number }>;
  const flavor = [...flavors].sort((a, b) => a.ram_mb - b.ram_mb)[0];
  const image = ((await get('/images?name=cirros')).images as Array<{ id: string }>)[0];
  const datacenter = ((await get('/datacenters')).datacenters as Array<{ id: string }>)[0];
  expect(flavor && image && datacenter, 'the backend offers a flavor, a cirros image and a datacenter').toBeTruthy();
  const r = await request.post('/api/v1/servers', {
    headers,
    data: { name, flavor_id: flavor!.id, image_id: image!.id, datacenter_id: datacenter!.id },
  });
  expect(r.status(), `create server ${name}: ${await r.text()}`).toBe(202);
  const { id } = (await r.json()) as { id: string };
  await expect
    .poll(async () => (await get(`/servers/${id}`)).server.status, {
      message: `${name} becomes active`,
      timeout: 60_000,
    })
    .toBe('active');
  return id;
}

/** One row of GET /api/v1/capabilities, read with the page's own session (what the console itself reads). */
export async function supportOf(
  page: Page,
  method: string,
  path: string,
): Promise<{ supported: boolean; reason: string | null; parts: Record<string, string> }> {
  const r = await page.request.get('/api/v1/capabilities');
  expect(r.status(), 'a signed-in user reads the capabilities table').toBe(200);
  const table = (await r.json()) as {
    operations: Array<{
      method: string;
      path: string;
      supported: boolean;
      reason: string | null;
      parts: Record<string, string>;
    }>;
  };
  const row = table.operations.find((o) => o.method === method && o.path === path);
  expect(row, `${method} ${path} is in the table`).toBeTruthy();
  return { supported: row!.supported, reason: row!.reason, parts: row!.parts };
}
