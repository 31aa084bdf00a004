import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

/**
 * The real `openstack` CLI for the e2e on OpenStack: what the console creates is checked there, and what it
 * creates must show in the console. Admin credentials come from `$OS_DIR/openrc` (written by
 * scripts/openstack/up.sh; OS_DIR defaults to /tmp/openstack); `as` runs a command as another user in their project.
 */
export interface Creds {
  username: string;
  password: string;
  project: string;
}

const osDir = process.env.OS_DIR || '/tmp/openstack';

/** The `export KEY=VALUE` lines of an openrc file. */
function readOpenrc(file: string): Record<string, string> {
  const env: Record<string, string> = {};
  for (const line of fs.readFileSync(file, 'utf8').split('\n')) {
    const m = /^\s*export\s+([A-Z_][A-Z0-9_]*)=(.*)$/.exec(line);
    if (m) env[m[1]!] = m[2]!.trim().replace(/^(['"])(.*)\1$/, '$2');
  }
  return env;
}

/**
 * Admin credentials: the openrc of up.sh, or (a cloud reused from another OS_DIR) the loopback defaults that
 * scripts/openstack/fixtures.sh uses too.
 */
function adminCreds(): Record<string, string> {
  const file = path.join(osDir, 'openrc');
  if (fs.existsSync(file)) return readOpenrc(file);
  return {
    OS_AUTH_URL: process.env.OPENSTACK_AUTH_URL ?? 'http://127.0.0.1:5000/v3',
    OS_IDENTITY_API_VERSION: '3',
    OS_USERNAME: 'admin',
    OS_PASSWORD: process.env.OS_ADMIN_PASSWORD ?? 'secret',
    OS_PROJECT_NAME: 'admin',
    OS_USER_DOMAIN_NAME: 'Default',
    OS_PROJECT_DOMAIN_NAME: 'Default',
    OS_REGION_NAME: process.env.OPENSTACK_REGION ?? 'RegionOne',
    OS_INTERFACE: 'public',
  };
}

let adminEnv: Record<string, string> | undefined;
function baseEnv(): NodeJS.ProcessEnv {
  adminEnv ??= adminCreds();
  // Only the OS_* of the openrc: nothing of the caller's own OS_* (another cloud, a token) leaks in.
  const env = {} as NodeJS.ProcessEnv;
  for (const [k, v] of Object.entries(process.env)) if (v !== undefined && !k.startsWith('OS_')) env[k] = v;
  return { ...env, ...adminEnv };
}

/** Runs `openstack <args>` and answers its stdout; fails with the command and its stderr. */
export function openstack(args: string[], opts: { as?: Creds; timeoutMs?: number } = {}): Promise<string> {
  const env = baseEnv();
  if (opts.as)
    Object.assign(env, {
      OS_USERNAME: opts.as.username,
      OS_PASSWORD: opts.as.password,
      OS_PROJECT_NAME: opts.as.project,
    });
  return new Promise((resolve, reject) => {
    execFile(
      'openstack',
      args,
      { env, timeout: opts.timeoutMs ?? 120_000, maxBuffer: 16 * 1024 * 1024 },
      (err, stdout, stderr) => {
        if (err)
          reject(
            new Error(
              `openstack ${args.join(' ')}${opts.as ? ` (as ${opts.as.username})` : ''} failed: ${String(stderr).trim() || err.message}`,
            ),
          );
        else resolve(String(stdout));
      },
    );
  });
}

/** `openstack <args> -f json`, parsed. */
export async function openstackJson<T = Record<string, unknown>>(
  args: string[],
  opts: { as?: Creds; timeoutMs?: number } = {},
): Promise<T> {
  return JSON.parse(await openstack([...args, '-f', 'json'], opts)) as T;
}

/** Runs a clean-up command, reporting instead of failing (a resource may already be gone). */
export async function bestEffort(args: string[], opts: { as?: Creds; timeoutMs?: number } = {}): Promise<void> {
  try {
    await openstack(args, opts);
  } catch (e) {
    if (!/No .* found|could not be found|404/i.test(String(e))) console.warn(`clean-up: ${String(e).slice(0, 300)}`);
  }
}

/**
 * Removes test projects with what Neutron made in them on first use (each one's "default" security group, which
 * would outlive the project), and test users, side by side and in as few CLI runs as the CLI allows: each run
 * costs seconds on a busy machine, and a clean-up done one call after the other outlasted its hook's time limit.
 */
export async function removeProjectsAndUsers(projectIds: string[], userIds: string[] = []): Promise<void> {
  const projects = projectIds.filter(Boolean);
  const users = userIds.filter(Boolean);
  await Promise.all([
    ...projects.map(async (p) => {
      const groups = (
        await openstack(['security', 'group', 'list', '--project', p, '-f', 'value', '-c', 'ID']).catch(() => '')
      )
        .split('\n')
        .filter(Boolean);
      if (groups.length) await bestEffort(['security', 'group', 'delete', ...groups]);
    }),
    users.length ? bestEffort(['user', 'delete', ...users]) : Promise.resolve(),
  ]);
  if (projects.length) await bestEffort(['project', 'delete', ...projects]);
}
