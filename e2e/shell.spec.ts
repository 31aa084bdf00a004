import { waitForAction } from './actions';
import AxeBuilder from '@axe-core/playwright';
import { expect, signIn, test } from './helpers';

test('wrong password is refused without saying which part was wrong', async ({ page }) => {
  await page.goto('/login');
  await page.getByLabel(/用户名|Username/).fill('alice');
  await page.getByLabel(/密码|Password/).fill('not-the-password');
  const res = page.waitForResponse((r) => r.url().includes('/api/v1/auth/tokens'));
  await page.getByRole('button', { name: /^(登录|Sign in)$/ }).click();
  expect((await res).status(), 'wrong credentials answer 401').toBe(401);
  await expect(
    page.getByRole('alert').filter({ hasText: /用户名或密码错误|Wrong username or password/ }),
    'a generic error is shown',
  ).toBeVisible();
});

test('sign in, see the shell, sign out', async ({ page, context }) => {
  await signIn(page, 'alice');
  const cookie = (await context.cookies()).find((c) => c.name === 'yuntu_session');
  expect(cookie?.httpOnly, 'the session cookie is httpOnly').toBe(true);
  expect(cookie?.expires ?? -1, 'the session cookie expires').toBeGreaterThan(Date.now() / 1000);
  await page.getByRole('button', { name: /退出登录|Sign out/ }).click();
  await expect(page, 'signing out goes to the sign-in page').toHaveURL(/\/login/);
  await page.goto('/servers');
  await expect(page, 'the console needs a session again').toHaveURL(/\/login/);
});

test('a tenant sees no admin pages; an admin does', async ({ page }) => {
  await signIn(page, 'alice');
  const nav = page.getByRole('navigation', { name: /主导航|Main navigation/ });
  await expect(nav.getByRole('link', { name: /云主机|Servers/ }).first(), 'compute links are there').toBeVisible();
  await expect(nav.getByRole('link', { name: /物理主机|Hosts/ }), 'no host admin link for a tenant').toHaveCount(0);
  await expect(nav.getByRole('link', { name: /审计日志|Audit log/ }), 'no audit admin link for a tenant').toHaveCount(
    0,
  );
  const hosts = await page.request.get('/api/v1/hosts');
  expect(hosts.status(), 'the API refuses admin operations to tenants').toBe(403);
  await page.goto('/flavors');
  await expect(page.getByRole('heading', { name: /云主机规格|Flavors/ }), 'flavors are browsable').toBeVisible();
  await expect(
    page.getByRole('button', { name: /创建规格|Create flavor/ }),
    'tenants cannot create flavors',
  ).toHaveCount(0);
});

test('alice switches projects', async ({ page }) => {
  await signIn(page, 'alice');
  const switcher = page.getByRole('combobox', { name: /切换项目|Switch project/ });
  await expect(switcher, 'alice has a project switcher').toBeVisible();
  const res = waitForAction(page, 'switchProject');
  await switcher.selectOption({ label: 'gis-demo' });
  expect((await res).status, 'switching answers 201').toBe(201);
  await expect(switcher, 'the switcher shows the new project').toHaveValue(/.+/);
  const who = await (await page.request.get('/api/v1/auth/tokens')).json();
  expect(who.token.project.name, 'the cookie is scoped to the new project').toBe('gis-demo');
});

test('both languages, command palette and no serious accessibility violations', async ({ page }) => {
  await signIn(page, 'admin');
  await expect(page.getByRole('heading', { name: '概览' }), 'Chinese by default').toBeVisible();
  await page.getByRole('combobox', { name: '语言' }).selectOption('en');
  await expect(page.getByRole('heading', { name: 'Overview' }), 'English after switching').toBeVisible();
  await expect(page.getByRole('link', { name: 'Servers' }), 'the sidebar is translated').toBeVisible();
  await page.keyboard.press('Control+k');
  const palette = page.getByRole('combobox', { name: /Search pages or resources/ });
  await expect(palette, 'Ctrl-K opens the palette').toBeFocused();
  await palette.fill('Flavors');
  await page.keyboard.press('Enter');
  await expect(page, 'Enter jumps to the page').toHaveURL(/\/flavors$/);
  const results = await new AxeBuilder({ page }).analyze();
  const serious = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  expect(
    serious.map((v) => `${v.id}: ${v.nodes.length}`),
    'axe finds no serious violations',
  ).toEqual([]);
  await page.getByRole('combobox', { name: 'Language' }).selectOption('zh-CN');
  await expect(page.getByRole('heading', { name: '云主机规格' }), 'back to Chinese').toBeVisible();
});
