/**
 * A new administrator's first walkthrough on the loopback OpenStack, in the browser (e2e/flows/new-admin.ts), each
 * step cross-checked with the `openstack` CLI: the project is in Keystone with the quota in Nova, the user holds the
 * member role there, the member's server is ACTIVE in that project on the host that was not in maintenance, the host
 * is enabled again in Nova, and the refused quota change left Nova's quota as it was.
 */
import crypto from 'node:crypto';
import { expect, test, type APIRequestContext } from '@playwright/test';
import { newAdminWalkthrough, type Made } from '../flows/new-admin';
import { bestEffort, openstackJson } from './cli';

const stamp = `${Date.now().toString(36)}${crypto.randomBytes(2).toString('hex')}`;
const names = {
  project: `e2ena-${stamp}`,
  user: `e2ena-u-${stamp}`,
  password: `pw-${crypto.randomBytes(8).toString('hex')}`,
  server: `e2ena-srv-${stamp}`,
};
const admin = {
  username: process.env.YUNTU_TEST_ADMIN_USER ?? 'admin',
  password: process.env.YUNTU_TEST_ADMIN_PASSWORD ?? process.env.OS_ADMIN_PASSWORD ?? 'secret',
};
const made: Partial<Made> = {};

async function adminToken(request: APIRequestContext): Promise<string> {
  const r = await request.post('/api/v1/auth/tokens', { data: admin });
  expect(r.status()).toBe(201);
  return r.headers()['x-subject-token']!;
}

test.afterAll(async ({ request }) => {
  test.setTimeout(300_000);
  // The loopback cloud's other users (and the rest of this run) need both hosts.
  if (made.disabledHost) await bestEffort(['compute', 'service', 'set', '--enable', made.disabledHost, 'nova-compute']);
  if (made.serverId) await bestEffort(['server', 'delete', '--wait', made.serverId], { timeoutMs: 180_000 });
  if (made.userId) await bestEffort(['user', 'delete', made.userId]);
  // Through the console: it also removes the network, router and security groups it gave the project.
  if (made.projectId) {
    const token = await adminToken(request);
    const r = await request.delete(`/api/v1/projects/${made.projectId}`, { headers: { 'X-Auth-Token': token } });
    if (r.status() !== 204) await bestEffort(['project', 'delete', made.projectId]);
  }
});

test('a new admin makes a project and a member, the member a server; Keystone and Nova agree at each step', async ({
  page,
  browser,
}) => {
  test.setTimeout(420_000);
  await newAdminWalkthrough(
    page,
    browser,
    {
      admin,
      datacenter: 'nova',
      flavor: /^s1\.small\b/,
      image: /^cirros\b/,
      hostToDisable: 'os-local',
      activeWithinMs: 240_000,
    },
    names,
    made,
  );

  const project = await openstackJson<{ id: string; name: string; enabled: boolean }>([
    'project',
    'show',
    names.project,
  ]);
  expect(project.id, 'Keystone has the project the console made').toBe(made.projectId);
  expect(project.enabled).toBe(true);

  const roles = await openstackJson<Array<{ Role: string; Project: string }>>([
    'role',
    'assignment',
    'list',
    '--user',
    made.userId!,
    '--project',
    made.projectId!,
    '--names',
  ]);
  expect(
    roles.map((r) => r.Role),
    'the user holds member in the project',
  ).toContain('member');

  const server = await openstackJson<{
    id: string;
    name: string;
    status: string;
    project_id: string;
    'OS-EXT-SRV-ATTR:host': string;
  }>(['server', 'show', made.serverId!]);
  expect(server.name).toBe(names.server);
  expect(server.status, 'Nova reports the member’s server ACTIVE').toBe('ACTIVE');
  expect(server.project_id, 'in the new project').toBe(made.projectId);
  expect(server['OS-EXT-SRV-ATTR:host'], 'Nova placed it off the host in maintenance').toBe('os-local-2');
  expect(server['OS-EXT-SRV-ATTR:host'], 'where the console said').toBe(made.serverHost);

  const services = await openstackJson<Array<{ Host: string; Status: string }>>([
    'compute',
    'service',
    'list',
    '--service',
    'nova-compute',
  ]);
  expect(services.find((x) => x.Host === 'os-local')?.Status, 'the host is enabled again in Nova').toBe('enabled');

  // The quota the console set at creation, still 1 after the refused lowering.
  const quota = await openstackJson<{ instances: number }>(['quota', 'show', made.projectId!]);
  expect(quota.instances, 'Nova’s instance quota is unchanged').toBe(1);
});
