import { waitForAction } from './actions';
/**
 * The user lifecycle in the browser, on the simulator: an admin creates a user on the Users page and disables it
 * there, and that user can then not sign in; a user changes their own password in "My account".
 */
import { expect, test, type APIRequestContext, type Page } from '@playwright/test';
import { apiToken } from './helpers';

const stamp = () => `${Date.now().toString(36)}${Math.floor(Math.random() * 1e4)}`;

/** Signs in through the form and returns the sign-in call's status (the page stays on /login when refused). */
async function signInAs(page: Page, username: string, password: string): Promise<number> {
  await page.goto('/login');
  await page.getByLabel(/用户名|Username/).fill(username);
  await page.getByLabel(/^(密码|Password)$/).fill(password);
  const res = page.waitForResponse((r) => r.url().includes('/api/v1/auth/tokens') && r.request().method() === 'POST');
  await page.getByRole('button', { name: /^(登录|Sign in)$/ }).click();
  return (await res).status();
}

async function projectId(request: APIRequestContext, token: string, name: string): Promise<string> {
  const r = await request.get('/api/v1/projects', { headers: { 'X-Auth-Token': token } });
  const p = ((await r.json()) as { projects: { id: string; name: string }[] }).projects.find((x) => x.name === name);
  if (!p) throw new Error(`no project ${name}`);
  return p.id;
}

test('an admin creates a user on the Users page and disables it; the user then cannot sign in', async ({
  page,
  browser,
}) => {
  const name = `e2e-u-${stamp()}`;
  const password = 'first-pass-2026';
  expect(await signInAs(page, 'admin', 'admin-pass-2026')).toBe(201);
  await page.getByRole('link', { name: /^(用户|Users)$/ }).click();
  await expect(page).toHaveURL(/\/admin\/users$/);
  await expect(page.getByRole('heading', { name: /用户管理|Users/ })).toBeVisible();

  await page.getByRole('button', { name: /创建用户|Create user/ }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByLabel(/用户名|User name/).fill(name);
  // The form checks the policy before the API does: too short is refused in the dialog.
  await dialog.getByLabel(/^(密码|Password)$/).fill('short');
  await dialog.getByLabel(/项目|Project/).selectOption({ label: 'gis-beijing' });
  await dialog.getByRole('button', { name: /^(创建|Create)$/ }).click();
  await expect(dialog.getByText(/至少 8 个字符|At least 8 characters/)).toBeVisible();
  await dialog.getByLabel(/^(密码|Password)$/).fill(password);
  const created = waitForAction(page, 'createUser');
  await dialog.getByRole('button', { name: /^(创建|Create)$/ }).click();
  expect((await created).status).toBe(201);

  const row = page.getByTestId(`user-row-${name}`);
  await expect(row).toBeVisible();
  await expect(row.getByText('gis-beijing')).toBeVisible();

  // The user signs in elsewhere before being disabled: that session must end at once.
  const other = await browser.newContext();
  const userPage = await other.newPage();
  expect(await signInAs(userPage, name, password)).toBe(201);
  await expect(userPage.getByRole('navigation', { name: /主导航|Main navigation/ })).toBeVisible();

  const disabled = waitForAction(page, 'disableUser');
  await row.getByRole('button', { name: /^(禁用|Disable)$/ }).click();
  expect((await disabled).status).toBe(200);
  await expect(row.getByRole('button', { name: /^(启用|Enable)$/ })).toBeVisible();
  await expect(row.getByText(/^(禁用|disabled)$/i)).toBeVisible();

  // Their open session is over: the next API call answers 401.
  const probe = await userPage.request.get('/api/v1/auth/tokens');
  expect(probe.status()).toBe(401);
  // And signing in again is refused (the API's message says the user is disabled; the form words every 401 alike).
  await other.clearCookies();
  expect(await signInAs(userPage, name, password)).toBe(401);
  await expect(userPage.getByRole('alert').filter({ hasText: /用户名或密码错误|wrong/i })).toBeVisible();
  await expect(userPage).toHaveURL(/\/login/);
  await other.close();

  // Deleting asks first, with the name typed.
  await row.getByRole('button', { name: /^(删除|Delete)$/ }).click();
  const confirm = page.getByRole('dialog');
  await expect(confirm.getByText(name).first()).toBeVisible();
  await confirm.getByRole('textbox').fill(name);
  const deleted = waitForAction(page, 'deleteUser');
  await confirm.getByRole('button', { name: /^(删除|Delete)$/ }).click();
  expect((await deleted).status).toBe(204);
  await expect(row).toHaveCount(0);
});

test('a user changes their password in My account; the old one stops working and the new one works', async ({
  page,
  request,
}) => {
  const token = await apiToken(request, 'admin');
  const name = `e2e-pw-${stamp()}`;
  const oldPassword = 'old-pass-2026';
  const newPassword = 'new-pass-2026-x';
  const r = await request.post('/api/v1/users', {
    headers: { 'X-Auth-Token': token },
    data: { name, password: oldPassword, project_id: await projectId(request, token, 'gis-demo'), role: 'member' },
  });
  expect(r.status()).toBe(201);
  // A second session of the same user, through the API: it must end when the password changes.
  const second = await request.post('/api/v1/auth/tokens', { data: { username: name, password: oldPassword } });
  const secondToken = second.headers()['x-subject-token']!;

  expect(await signInAs(page, name, oldPassword)).toBe(201);
  await page
    .getByRole('link', { name: /^(我的账户|My account)$/ })
    .first()
    .click();
  await expect(page).toHaveURL(/\/account$/);
  await expect(page.getByTestId('account-user')).toHaveText(name);

  const form = page.getByRole('form', { name: /修改密码|Change password/ });
  // A wrong current password is refused by the API, naming the field.
  await form.getByLabel(/^(当前密码|Current password)$/).fill('not-my-password');
  await form.getByLabel(/^(新密码|New password)$/).fill(newPassword);
  await form.getByLabel(/^(确认新密码|Confirm the new password)$/).fill(newPassword);
  await form.getByRole('button', { name: /修改密码|Change password/ }).click();
  await expect(form.getByRole('alert').filter({ hasText: 'current_password' })).toBeVisible();

  await form.getByLabel(/^(当前密码|Current password)$/).fill(oldPassword);
  const changed = waitForAction(page, 'changeOwnPassword');
  await form.getByRole('button', { name: /修改密码|Change password/ }).click();
  expect((await changed).status).toBe(200);
  await expect(page.getByRole('status').filter({ hasText: /1/ })).toBeVisible();

  // This session goes on; the other one has ended.
  expect((await page.request.get('/api/v1/servers')).status()).toBe(200);
  expect((await request.get('/api/v1/auth/tokens', { headers: { 'X-Auth-Token': secondToken } })).status()).toBe(401);

  await page.context().clearCookies();
  expect(await signInAs(page, name, oldPassword)).toBe(401);
  expect(await signInAs(page, name, newPassword)).toBe(201);

  // Sign out everywhere from the same page ends this session too.
  await page.goto('/account');
  await page.getByRole('button', { name: /在所有设备上退出|Sign out everywhere/ }).click();
  await page
    .getByRole('dialog')
    .getByRole('button', { name: /在所有设备上退出|Sign out everywhere/ })
    .click();
  await expect(page).toHaveURL(/\/login/);
  expect((await page.request.get('/api/v1/auth/tokens')).status()).toBe(401);
});
