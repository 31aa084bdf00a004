import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import path from 'node:path';

/**
 * The loopback OpenStack as an outside actor sees it: its admin speaking to Keystone directly, and the project's
 * scripts stopping and starting its services. Only for tests of what the cloud does behind the console's back.
 */
const authUrl = process.env.OPENSTACK_AUTH_URL ?? 'http://127.0.0.1:5000/v3';
// From the project root, where both vitest and Playwright run (Playwright's ES modules have no __dirname).
const scripts = path.resolve('scripts/openstack');

export async function keystone<T = unknown>(
  method: string,
  pathName: string,
  body?: unknown,
  token?: string,
): Promise<{ status: number; body: T; token: string | null }> {
  const r = await fetch(`${authUrl}${pathName}`, {
    method,
    headers: { 'Content-Type': 'application/json', ...(token ? { 'X-Auth-Token': token } : {}) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await r.text();
  return {
    status: r.status,
    body: (text ? JSON.parse(text) : undefined) as T,
    token: r.headers.get('x-subject-token'),
  };
}

/** A Keystone token of the cloud's admin (YUNTU_TEST_ADMIN_USER, as the HTTP tests use). */
export async function adminToken(): Promise<string> {
  const r = await keystone('POST', '/auth/tokens', {
    auth: {
      identity: {
        methods: ['password'],
        password: {
          user: {
            name: process.env.YUNTU_TEST_ADMIN_USER ?? 'admin',
            domain: { name: 'Default' },
            password: process.env.YUNTU_TEST_ADMIN_PASSWORD ?? 'secret',
          },
        },
      },
      scope: { project: { name: 'admin', domain: { name: 'Default' } } },
    },
  });
  if (r.status !== 201 || !r.token) throw new Error(`admin sign-in to Keystone failed: ${r.status}`);
  return r.token;
}

/**
 * Runs scripts/openstack/<script> (down.sh NAME stops one service; up.sh starts whatever is not running).
 * Asynchronously: a test process blocked for the seconds up.sh takes would miss the console closing its idle
 * keep-alive sockets, and its next request would go out on a dead one ("other side closed").
 */
export async function openstackScript(script: 'up.sh' | 'down.sh', ...args: string[]): Promise<string> {
  const r = await promisify(execFile)('bash', [path.join(scripts, script), ...args], {
    encoding: 'utf8',
    timeout: 600_000,
    env: process.env,
  });
  return r.stdout;
}
