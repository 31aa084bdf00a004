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

test('a user created with a one-time link sets their password in a fresh browser and signs in; role changed in place; edit', async ({
  page,
  browser,
  request,
}) => {
  const name = `e2e-link-${stamp()}`;
  const chosen = 'chosen-pass-2026';
  await page.context().grantPermissions(['clipboard-read', 'clipboard-write']);
  expect(await signInAs(page, 'admin', 'admin-pass-2026')).toBe(201);
  await page.goto('/admin/users');
  await page.getByRole('button', { name: /创建用户|Create user/ }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByLabel(/用户名|User name/).fill(name);
  await dialog.getByLabel(/一次性设置链接|One-time set-up link/).check();
  // No password is asked for a link.
  await expect(dialog.getByLabel(/^(密码|Password)$/)).toHaveCount(0);
  await dialog.getByLabel(/项目|Project/).selectOption({ label: 'gis-beijing' });
  const created = waitForAction(page, 'createUser');
  await dialog.getByRole('button', { name: /^(创建|Create)$/ }).click();
  const outcome = await created;
  expect(outcome.status).toBe(201);
  const url = outcome.body.setup_link.url as string;

  // Shown once, with a Copy button, saying it will not be shown again.
  const shown = page.getByRole('dialog', { name: /设置密码链接|Set-up link/ });
  await expect(shown.getByText(/只显示这一次|will not be shown again/)).toBeVisible();
  await expect(shown.getByRole('textbox')).toHaveValue(url);
  await shown.getByRole('button', { name: /^(复制|Copy)$/ }).click();
  await expect(shown.getByRole('button', { name: /^(已复制|Copied)$/ })).toBeVisible();
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(url);
  await shown.getByRole('button', { name: /^(关闭|Close)$/ }).click();
  await expect(page.getByText(url)).toHaveCount(0);
  const row = page.getByTestId(`user-row-${name}`);
  await expect(row).toBeVisible();

  // The user opens the link in a browser of their own, chooses a password and is signed in.
  const theirs = await browser.newContext();
  const userPage = await theirs.newPage();
  await userPage.goto(url);
  // The token is dropped from the address bar as soon as it is read.
  await expect(userPage).toHaveURL(/\/setup$/);
  const form = userPage.getByRole('form', { name: /设置您的密码|Choose your password/ });
  await form.getByLabel(/^(新密码|New password)$/).fill(chosen);
  await form.getByLabel(/^(确认新密码|Confirm the new password)$/).fill('not-the-same-1');
  await form.getByRole('button', { name: /设置密码并登录|Set password and sign in/ }).click();
  await expect(form.getByText(/两次输入的新密码不一致|The two new passwords differ/)).toBeVisible();
  await form.getByLabel(/^(确认新密码|Confirm the new password)$/).fill(chosen);
  const consumed = userPage.waitForResponse((r) => r.url().includes('/api/v1/auth/setup-link'));
  await form.getByRole('button', { name: /设置密码并登录|Set password and sign in/ }).click();
  expect((await consumed).status()).toBe(201);
  await expect(userPage.getByRole('navigation', { name: /主导航|Main navigation/ })).toBeVisible();
  const me = await userPage.request.get('/api/v1/auth/tokens');
  expect(((await me.json()) as { token: { user: { name: string } } }).token.user.name).toBe(name);
  await theirs.close();

  // Used: the same link, opened again, says it does not work (and not why).
  const again = await browser.newContext();
  const againPage = await again.newPage();
  await againPage.goto(url);
  const retry = againPage.getByRole('form', { name: /设置您的密码|Choose your password/ });
  await retry.getByLabel(/^(新密码|New password)$/).fill('another-pass-2026');
  await retry.getByLabel(/^(确认新密码|Confirm the new password)$/).fill('another-pass-2026');
  await retry.getByRole('button', { name: /设置密码并登录|Set password and sign in/ }).click();
  await expect(againPage.getByRole('alert').getByText(/此链接无法使用|This link does not work/)).toBeVisible();
  await again.close();
  // The password they chose is the one that signs in.
  const signedIn = await request.post('/api/v1/auth/tokens', { data: { username: name, password: chosen } });
  expect(signedIn.status()).toBe(201);

  // The role is changed in place, with its status beside the Select.
  const select = row.getByLabel(/gis-beijing/);
  await expect(select).toHaveValue('member');
  const changed = waitForAction(page, 'setMembership');
  await select.selectOption('reader');
  expect((await changed).status).toBe(200);
  await expect(row.getByRole('status')).toContainText(/只读|reader/);
  await expect(select).toHaveValue('reader');
  const token = await apiToken(request, 'admin');
  const user = await request.get(`/api/v1/users/${outcome.body.user.id}`, { headers: { 'X-Auth-Token': token } });
  expect(((await user.json()) as { user: { projects: { role: string }[] } }).user.projects[0]!.role).toBe('reader');

  // Edit: a new name, which then signs in.
  const renamed = `${name}-x`;
  await row.getByRole('button', { name: /^(编辑|Edit)$/ }).click();
  const edit = page.getByRole('dialog');
  await edit.getByLabel(/用户名|User name/).fill(renamed);
  const updated = waitForAction(page, 'updateUser');
  await edit.getByRole('button', { name: /^(保存|Save)$/ }).click();
  expect((await updated).status).toBe(200);
  const renamedRow = page.getByTestId(`user-row-${renamed}`);
  await expect(renamedRow).toBeVisible();
  expect((await request.post('/api/v1/auth/tokens', { data: { username: renamed, password: chosen } })).status()).toBe(
    201,
  );

  // An admin cannot lower their own role in the project they are signed in to: the Select is disabled there.
  const adminRow = page.getByTestId('user-row-admin');
  await expect(adminRow.locator('select:disabled')).toHaveCount(1);

  // A new set-up link: asked first, shown once.
  await renamedRow.getByRole('button', { name: /新设置链接|New set-up link/ }).click();
  const issued = waitForAction(page, 'issueSetupLink');
  await page
    .getByRole('dialog')
    .getByRole('button', { name: /新设置链接|New set-up link/ })
    .click();
  const second = await issued;
  expect(second.status).toBe(200);
  await expect(page.getByRole('dialog', { name: /设置密码链接|Set-up link/ }).getByRole('textbox')).toHaveValue(
    second.body.setup_link.url,
  );
  // The password they had no longer signs in.
  expect((await request.post('/api/v1/auth/tokens', { data: { username: renamed, password: chosen } })).status()).toBe(
    401,
  );
  await request.delete(`/api/v1/users/${outcome.body.user.id}`, { headers: { 'X-Auth-Token': token } });
});
