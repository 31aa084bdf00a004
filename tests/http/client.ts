import { inject } from 'vitest';

/** A minimal API caller for tests: every call returns status, headers and parsed JSON. */
export interface ApiResponse<T = any> {
  status: number;
  headers: Headers;
  body: T;
}

export function baseUrl(): string {
  return inject('baseUrl');
}

export function client(token?: string, base = baseUrl()) {
  async function call<T = any>(
    method: string,
    path: string,
    body?: unknown,
    headers: Record<string, string> = {},
  ): Promise<ApiResponse<T>> {
    const h: Record<string, string> = { ...headers };
    if (token) h['X-Auth-Token'] = token;
    let payload: BodyInit | undefined;
    if (body !== undefined) {
      if (typeof body === 'string' || body instanceof Uint8Array) payload = body as BodyInit;
      else {
        payload = JSON.stringify(body);
        h['Content-Type'] ??= 'application/json';
      }
    }
    const r = await fetch(base + '/api/v1' + path, { method, headers: h, body: payload });
    const text = await r.text();
    let parsed: unknown = text;
    try {
      parsed = text ? JSON.parse(text) : null;
    } catch {
      // not JSON: keep the text
    }
    return { status: r.status, headers: r.headers, body: parsed as T };
  }
  return {
    token,
    get: <T = any>(p: string, h?: Record<string, string>) => call<T>('GET', p, undefined, h),
    post: <T = any>(p: string, b?: unknown, h?: Record<string, string>) => call<T>('POST', p, b ?? {}, h),
    put: <T = any>(p: string, b?: unknown, h?: Record<string, string>) => call<T>('PUT', p, b, h),
    patch: <T = any>(p: string, b?: unknown, h?: Record<string, string>) => call<T>('PATCH', p, b, h),
    delete: <T = any>(p: string, h?: Record<string, string>) => call<T>('DELETE', p, undefined, h),
    call,
  };
}
export type Client = ReturnType<typeof client>;

/**
 * The backend's own accounts. The simulator's demo seed by default; on another backend (OpenStack: admin/secret,
 * demo/demo-secret) set YUNTU_TEST_ADMIN_USER/_PASSWORD and YUNTU_TEST_MEMBER_USER/_PASSWORD (the member plays alice).
 */
const env = process.env;
export const demo = {
  admin: {
    username: env.YUNTU_TEST_ADMIN_USER ?? 'admin',
    password: env.YUNTU_TEST_ADMIN_PASSWORD ?? env.DEMO_ADMIN_PASSWORD ?? 'admin-pass-2026',
  },
  alice: {
    username: env.YUNTU_TEST_MEMBER_USER ?? 'alice',
    password: env.YUNTU_TEST_MEMBER_PASSWORD ?? env.DEMO_TENANT_PASSWORD ?? 'tenant-pass-2026',
  },
  bob: { username: 'bob', password: env.DEMO_TENANT_PASSWORD ?? 'tenant-pass-2026' },
  carol: { username: 'carol', password: env.DEMO_TENANT_PASSWORD ?? 'tenant-pass-2026' },
};
/** The image and flavor every backend's tests boot (the loopback OpenStack's fixtures use the same names). */
export const bootable = { imageName: env.YUNTU_TEST_IMAGE ?? 'cirros', flavorId: env.YUNTU_TEST_FLAVOR ?? 's1.small' };
/** Which backend the console under test runs on, for the few expectations only the simulator can meet. */
export const backend = env.YUNTU_BACKEND ?? 'sim';

export async function signIn(
  creds: { username: string; password: string; project_id?: string },
  base = baseUrl(),
): Promise<Client> {
  const r = await client(undefined, base).post('/auth/tokens', creds);
  if (r.status !== 201) throw new Error(`sign-in of ${creds.username} failed: ${r.status} ${JSON.stringify(r.body)}`);
  return client(r.headers.get('x-subject-token')!, base);
}

let counter = 0;
/**
 * A fresh project with a member and a reader, so each test file owns its quota and resources. It gets a
 * network with a subnet (when the network API answers) like a new tenant would.
 */
export async function newTenant(admin: Client, opts: { quotas?: Record<string, number>; base?: string } = {}) {
  const suffix = `${process.pid}-${Date.now().toString(36)}-${counter++}`;
  const p = await admin.post('/projects', { name: `t-${suffix}`, description: 'test tenant', quotas: opts.quotas });
  if (p.status !== 201) throw new Error(`project create failed: ${p.status} ${JSON.stringify(p.body)}`);
  const projectId: string = p.body.project.id;
  const password = 'test-password-1';
  for (const [name, role] of [
    [`m-${suffix}`, 'member'],
    [`r-${suffix}`, 'reader'],
  ] as const) {
    const u = await admin.post('/users', { name, password, project_id: projectId, role });
    if (u.status !== 201) throw new Error(`user create failed: ${u.status} ${JSON.stringify(u.body)}`);
  }
  const member = await signIn({ username: `m-${suffix}`, password }, opts.base);
  const reader = await signIn({ username: `r-${suffix}`, password }, opts.base);
  return { projectId, member, reader, name: `t-${suffix}` };
}

/**
 * Polls `fn` until `until` holds. Statuses settle in milliseconds at SIM_SPEED=20; a real cloud's services (on the
 * loopback OpenStack, sharing two cores with everything else) take seconds, so they get longer.
 */
export async function waitFor<T>(
  fn: () => Promise<T>,
  until: (v: T) => boolean,
  timeoutMs = backend === 'sim' ? 20_000 : 90_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await fn();
    if (until(v)) return v;
    if (Date.now() > deadline)
      throw new Error(`condition not met in ${timeoutMs} ms; last value: ${JSON.stringify(v)}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/**
 * Deletes a resource whose deletion API.md lets answer `204` (done) or `202` (the backend is still tearing it
 * down: servers, volumes, load balancers), and waits until `GET` answers 404, so the next step sees it gone.
 */
export async function deleteAndWait(c: Client, path: string, timeoutMs = 60_000): Promise<number> {
  const r = await c.delete(path);
  if (r.status !== 204 && r.status !== 202)
    throw new Error(`DELETE ${path}: expected 204 or 202, got ${r.status}: ${JSON.stringify(r.body)}`);
  await waitFor(
    () => c.get(path),
    (x) => x.status === 404,
    timeoutMs,
  );
  return r.status;
}

/** Asserts the contract's error body and returns it. */
export function expectError(r: ApiResponse, status: number, type?: string) {
  if (r.status !== status) throw new Error(`expected ${status}, got ${r.status}: ${JSON.stringify(r.body)}`);
  const e = r.body?.error;
  if (!e || e.code !== status || typeof e.message !== 'string' || !e.request_id)
    throw new Error(`not a contract error body: ${JSON.stringify(r.body)}`);
  if (type && e.type !== type) throw new Error(`expected error type ${type}, got ${e.type}`);
  if (e.request_id !== r.headers.get('x-request-id'))
    throw new Error('request_id differs from the X-Request-Id header');
  return e as {
    code: number;
    type: string;
    message: string;
    request_id: string;
    details?: { path: string; message: string }[];
  };
}
