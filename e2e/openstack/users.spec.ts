import { waitForAction } from '../actions';
import crypto from 'node:crypto';
import { expect, test } from '@playwright/test';
import { signIn } from './sign-in';
import { openstack, openstackJson, removeProjectsAndUsers } from './cli';

/**
 * The user lifecycle in the console on a real OpenStack, cross-checked with the `openstack` CLI: what the Users
 * page does (disable, enable, remove from a project, delete) is what Keystone then holds, and a password changed in
 * "My account" is the one Keystone accepts; a user made with a one-time link sets a Keystone password with it, and a
 * role changed in place and a rename are what Keystone then holds. The user and projects are made with the CLI (the
 * link's user on the page) and removed afterwards.
 */
const stamp = `${Date.now().toString(36)}${crypto.randomBytes(2).toString('hex')}`;
const t = {
  project: `e2eus-${stamp}`,
  second: `e2eus2-${stamp}`,
  username: `e2eus-u-${stamp}`,
  password: `pw-${crypto.randomBytes(8).toString('hex')}`,
};
const ids = { project: '', second: '', user: '', linkUser: '' };
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
  test.setTimeout(300_000);
  await removeProjectsAndUsers([ids.project, ids.second], [ids.user, ids.linkUser]);
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

test('a user created with a one-time link sets their Keystone password; role changed in place and rename are what Keystone holds', async ({
  page,
  browser,
}) => {
  const name = `e2eus-l-${stamp}`;
  const chosen = `pw-${crypto.randomBytes(8).toString('hex')}`;
  await signIn(page, adminUser);
  await page.goto('/admin/users');
  await page.getByRole('button', { name: /创建用户|Create user/ }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByLabel(/用户名|User name/).fill(name);
  await dialog.getByLabel(/一次性设置链接|One-time set-up link/).check();
  await dialog.getByLabel(/项目|Project/).selectOption({ label: t.project });
  const created = waitForAction(page, 'createUser');
  await dialog.getByRole('button', { name: /^(创建|Create)$/ }).click();
  const outcome = await created;
  expect(outcome.status, JSON.stringify(outcome.error)).toBe(201);
  ids.linkUser = outcome.body.user.id;
  const url = outcome.body.setup_link.url as string;
  const shown = page.getByRole('dialog', { name: /设置密码链接|Set-up link/ });
  await expect(shown.getByRole('textbox')).toHaveValue(url);
  await shown.getByRole('button', { name: /^(关闭|Close)$/ }).click();

  // The link in a browser of the user's own: they choose the password and are signed in.
  const theirs = await browser.newContext();
  const userPage = await theirs.newPage();
  await userPage.goto(url);
  const form = userPage.getByRole('form', { name: /设置您的密码|Choose your password/ });
  await form.getByLabel(/^(新密码|New password)$/).fill(chosen);
  await form.getByLabel(/^(确认新密码|Confirm the new password)$/).fill(chosen);
  const consumed = userPage.waitForResponse((r) => r.url().includes('/api/v1/auth/setup-link'));
  await form.getByRole('button', { name: /设置密码并登录|Set password and sign in/ }).click();
  expect((await consumed).status()).toBe(201);
  await expect(userPage.getByRole('navigation', { name: /主导航|Main navigation/ })).toBeVisible();
  expect((await userPage.request.get('/api/v1/servers')).status()).toBe(200);
  await theirs.close();
  // Keystone accepts the chosen password.
  const as = { username: name, password: chosen, project: t.project };
  expect(await openstack(['token', 'issue', '-f', 'value', '-c', 'id'], { as })).toMatch(/\S/);

  // The role changed in place on the page is the Keystone assignment.
  const row = page.getByTestId(`user-row-${name}`);
  const select = row.getByLabel(new RegExp(t.project));
  await expect(select).toHaveValue('member');
  const changed = waitForAction(page, 'setMembership');
  await select.selectOption('reader');
  expect((await changed).status).toBe(200);
  await expect(row.getByRole('status')).toContainText(/只读|reader/);
  const roles = (
    await openstackJson<{ Role: string }[]>([
      'role',
      'assignment',
      'list',
      '--user',
      ids.linkUser,
      '--project',
      ids.project,
      '--names',
    ])
  ).map((a) => a.Role);
  expect(roles).toContain('reader');
  expect(roles).not.toContain('member');

  // Edit: the new name is Keystone's.
  const renamed = `${name}-x`;
  await row.getByRole('button', { name: /^(编辑|Edit)$/ }).click();
  const edit = page.getByRole('dialog');
  await edit.getByLabel(/用户名|User name/).fill(renamed);
  const updated = waitForAction(page, 'updateUser');
  await edit.getByRole('button', { name: /^(保存|Save)$/ }).click();
  expect((await updated).status).toBe(200);
  await expect(page.getByTestId(`user-row-${renamed}`)).toBeVisible();
  expect((await openstackJson<{ name: string }>(['user', 'show', ids.linkUser])).name).toBe(renamed);
});
