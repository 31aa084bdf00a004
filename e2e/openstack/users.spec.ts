import { waitForAction } from '../actions';
import crypto from 'node:crypto';
import { expect, test } from '@playwright/test';
import { signIn } from './sign-in';
import { bestEffort, openstack, openstackJson } from './cli';

/**
 * The user lifecycle in the console on a real OpenStack, cross-checked with the `openstack` CLI: what the Users
 * page does (disable, enable, remove from a project, delete) is what Keystone then holds, and a password changed in
 * "My account" is the one Keystone accepts. The user and projects are made with the CLI and removed afterwards.
 */
const stamp = `${Date.now().toString(36)}${crypto.randomBytes(2).toString('hex')}`;
const t = {
  project: `e2eus-${stamp}`,
  second: `e2eus2-${stamp}`,
  username: `e2eus-u-${stamp}`,
  password: `pw-${crypto.randomBytes(8).toString('hex')}`,
};
const ids = { project: '', second: '', user: '' };
const adminUser = {
  username: process.env.YUNTU_TEST_ADMIN_USER ?? 'admin',
  password: process.env.YUNTU_TEST_ADMIN_PASSWORD ?? process.env.OS_ADMIN_PASSWORD ?? 'secret',
};

test.describe.configure({ mode: 'serial' });

test.beforeAll(async () => {
  ids.project = (await openstackJson<{ id: string }>(['project', 'create', '--domain', 'Default', t.project])).id;
  ids.second = (await openstackJson<{ id: string }>(['project', 'create', '--domain', 'Default', t.second])).id;
  ids.user = (
    await openstackJson<{ id: string }>([
      'user',
      'create',
      '--domain',
      'Default',
      '--project',
      ids.project,
      '--password',
      t.password,
      t.username,
    ])
  ).id;
  await openstack(['role', 'add', '--project', ids.project, '--user', ids.user, 'member']);
  await openstack(['role', 'add', '--project', ids.second, '--user', ids.user, 'member']);
});

test.afterAll(async () => {
  await bestEffort(['user', 'delete', ids.user]);
  await bestEffort(['project', 'delete', ids.project]);
  await bestEffort(['project', 'delete', ids.second]);
});

const enabledInKeystone = async () => (await openstackJson<{ enabled: boolean }>(['user', 'show', ids.user])).enabled;
const assignments = async (project: string) =>
  openstackJson<unknown[]>(['role', 'assignment', 'list', '--user', ids.user, '--project', project]);

test('disable and enable on the Users page is what Keystone holds; a disabled user cannot sign in', async ({
  page,
  browser,
}) => {
  const other = await browser.newContext();
  const userPage = await other.newPage();
  await signIn(userPage, { username: t.username, password: t.password });

  await signIn(page, adminUser);
  await page.goto('/admin/users');
  const row = page.getByTestId(`user-row-${t.username}`);
  await expect(row).toBeVisible();
  await expect(row.getByText(t.project)).toBeVisible();

  const disabled = waitForAction(page, 'disableUser');
  await row.getByRole('button', { name: /^(禁用|Disable)$/ }).click();
  expect((await disabled).status).toBe(200);
  await expect(row.getByRole('button', { name: /^(启用|Enable)$/ })).toBeVisible();
  expect(await enabledInKeystone()).toBe(false);
  // Their console session is over, and Keystone refuses the user too.
  expect((await userPage.request.get('/api/v1/auth/tokens')).status()).toBe(401);
  await expect(
    openstack(['token', 'issue'], { as: { username: t.username, password: t.password, project: t.project } }),
  ).rejects.toThrow();
  await other.close();

  const enabled = waitForAction(page, 'enableUser');
  await row.getByRole('button', { name: /^(启用|Enable)$/ }).click();
  expect((await enabled).status).toBe(200);
  expect(await enabledInKeystone()).toBe(true);
});

test('removing the user from a project on the Users page removes their Keystone roles there', async ({ page }) => {
  expect((await assignments(ids.second)).length).toBeGreaterThan(0);
  await signIn(page, adminUser);
  await page.goto('/admin/users');
  const row = page.getByTestId(`user-row-${t.username}`);
  await expect(row.getByText(t.second)).toBeVisible();
  await row
    .locator('li', { hasText: t.second })
    .getByRole('button', { name: /^(移出|Remove)$/ })
    .click();
  const removed = waitForAction(page, 'removeMembership');
  await page
    .getByRole('dialog')
    .getByRole('button', { name: /^(移出|Remove)$/ })
    .click();
  expect((await removed).status).toBe(204);
  await expect(row.getByText(t.second)).toHaveCount(0);
  expect(await assignments(ids.second)).toEqual([]);
  expect((await assignments(ids.project)).length).toBeGreaterThan(0);
});

test('a password changed in My account is the one Keystone accepts', async ({ page }) => {
  const next = `new-${crypto.randomBytes(8).toString('hex')}`;
  await signIn(page, { username: t.username, password: t.password });
  await page.goto('/account');
  const form = page.getByRole('form', { name: /修改密码|Change password/ });
  await form.getByLabel(/^(当前密码|Current password)$/).fill(t.password);
  await form.getByLabel(/^(新密码|New password)$/).fill(next);
  await form.getByLabel(/^(确认新密码|Confirm the new password)$/).fill(next);
  const changed = waitForAction(page, 'changeOwnPassword');
  await form.getByRole('button', { name: /修改密码|Change password/ }).click();
  expect((await changed).status).toBe(200);
  // This session goes on with a fresh Keystone token: a call that reaches Nova works.
  expect((await page.request.get('/api/v1/servers')).status()).toBe(200);
  const as = (password: string) => ({ username: t.username, password, project: t.project });
  await expect(openstack(['token', 'issue'], { as: as(t.password) })).rejects.toThrow();
  expect(await openstack(['token', 'issue', '-f', 'value', '-c', 'id'], { as: as(next) })).toMatch(/\S/);
});
