import { expect, test as base, type APIRequestContext, type Page } from '@playwright/test';

export const users = {
  admin: { username: 'admin', password: 'admin-pass-2026' },
  alice: { username: 'alice', password: 'tenant-pass-2026' },
  bob: { username: 'bob', password: 'tenant-pass-2026' },
} as const;

/** Signs in through the form (the page must be the sign-in page or redirect to it). */
export async function signIn(page: Page, who: keyof typeof users) {
  await page.goto('/login');
  await page.getByLabel(/用户名|Username/).fill(users[who].username);
  await page.getByLabel(/密码|Password/).fill(users[who].password);
  const res = page.waitForResponse((r) => r.url().includes('/api/v1/auth/tokens') && r.request().method() === 'POST');
  await page.getByRole('button', { name: /^(登录|Sign in)$/ }).click();
  expect((await res).status(), 'sign-in answers 201').toBe(201);
  await expect(
    page.getByRole('navigation', { name: /主导航|Main navigation/ }),
    'the console shell appears after signing in',
  ).toBeVisible();
}

/** An API token for fixtures that create or clean up through the API directly. */
export async function apiToken(request: APIRequestContext, who: keyof typeof users): Promise<string> {
  const r = await request.post('/api/v1/auth/tokens', { data: users[who] });
  expect(r.status(), 'fixture sign-in').toBe(201);
  return r.headers()['x-subject-token']!;
}

interface Fixtures {
  /** Ids of servers created by a test; deleted afterwards. */
  createdServers: string[];
  createdImages: string[];
}

export const test = base.extend<Fixtures>({
  createdServers: async ({ request }, use) => {
    const ids: string[] = [];
    await use(ids);
    if (!ids.length) return;
    const token = await apiToken(request, 'admin');
    for (const id of ids) await request.delete(`/api/v1/servers/${id}`, { headers: { 'X-Auth-Token': token } });
  },
  createdImages: async ({ request }, use) => {
    const ids: string[] = [];
    await use(ids);
    if (!ids.length) return;
    const token = await apiToken(request, 'admin');
    for (const id of ids) {
      await request.patch(`/api/v1/images/${id}`, {
        headers: { 'X-Auth-Token': token, 'Content-Type': 'application/json-patch+json' },
        data: JSON.stringify([{ op: 'replace', path: '/protected', value: false }]),
      });
      await request.delete(`/api/v1/images/${id}`, { headers: { 'X-Auth-Token': token } });
    }
  },
});
export { expect };

/** Creates a server through the API and waits until it is active (fixtures for action tests). */
export async function createActiveServer(
  request: APIRequestContext,
  who: keyof typeof users,
  name: string,
): Promise<string> {
  const token = await apiToken(request, who);
  const headers = { 'X-Auth-Token': token };
  const flavors = await (await request.get('/api/v1/flavors', { headers })).json();
  const images = await (await request.get('/api/v1/images?name=cirros', { headers })).json();
  const r = await request.post('/api/v1/servers', {
    headers,
    data: { name, flavor_id: flavors.flavors[0].id, image_id: images.images[0].id, datacenter_id: 'dc-bj1' },
  });
  expect(r.status(), `create server ${name}: ${await r.text()}`).toBe(202);
  const { id } = await r.json();
  await expect
    .poll(async () => (await apiServer(request, token, id)).status, {
      message: `${name} becomes active`,
      timeout: 60_000,
    })
    .toBe('active');
  return id;
}

/** A server as the API reports it now (not as a page last fetched it). */
export async function apiServer(
  request: APIRequestContext,
  token: string,
  id: string,
): Promise<{ status: string; host?: string }> {
  const r = await request.get(`/api/v1/servers/${id}`, { headers: { 'X-Auth-Token': token } });
  return (await r.json()).server;
}

/** A small API client for the fixtures of the resource specs (create, wait, clean up). */
export async function apiAs(request: APIRequestContext, who: keyof typeof users) {
  const headers = { 'X-Auth-Token': await apiToken(request, who) };
  const call = async (method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE', path: string, data?: unknown) => {
    const r = await request.fetch(`/api/v1${path}`, { method, headers, data });
    const text = await r.text();
    return { status: r.status(), body: text ? JSON.parse(text) : undefined };
  };
  return {
    call,
    /** Polls GET path until `pick(body)` equals `want`. */
    async waitFor(path: string, pick: (b: Record<string, unknown>) => unknown, want: unknown, what: string) {
      await expect
        .poll(async () => pick((await call('GET', path)).body), { message: what, timeout: 60_000 })
        .toBe(want);
    },
    async projectNetwork(): Promise<{ id: string; subnetId: string }> {
      const nets = (await call('GET', '/networks?limit=100')).body.networks as Array<{
        id: string;
        external: boolean;
        project_id: string | null;
        subnets: Array<{ id: string }>;
      }>;
      const n = nets.find((x) => !x.external && x.project_id && x.subnets.length);
      expect(n, 'the demo project has a network with a subnet').toBeTruthy();
      return { id: n!.id, subnetId: n!.subnets[0]!.id };
    },
    /** A server on the project's network, active; returns its id and first private IP. */
    async activeServer(name: string, extra: Record<string, unknown> = {}): Promise<{ id: string; ip: string }> {
      const net = await this.projectNetwork();
      const images = (await call('GET', '/images?name=cirros')).body.images as Array<{ id: string }>;
      const r = await call('POST', '/servers', {
        name,
        flavor_id: 's1.small',
        image_id: images[0]!.id,
        datacenter_id: 'dc-bj1',
        networks: [{ network_id: net.id }],
        ...extra,
      });
      expect(r.status, `create server ${name}: ${JSON.stringify(r.body)}`).toBe(202);
      await this.waitFor(
        `/servers/${r.body.id}`,
        (b) => (b.server as { status: string }).status,
        'active',
        `${name} becomes active`,
      );
      const s = (await call('GET', `/servers/${r.body.id}`)).body.server as {
        addresses: Array<{ private_ip: string }>;
      };
      return { id: r.body.id as string, ip: s.addresses[0]?.private_ip ?? '' };
    },
  };
}
export type Api = Awaited<ReturnType<typeof apiAs>>;

/** A unique, readable name per test run. */
export const uniq = (prefix: string) => `${prefix}-${Date.now().toString(36)}${Math.floor(Math.random() * 1000)}`;
