/**
 * What a new administrator does first, in the browser, the same on every backend: create a project (with an
 * instance quota), create a user in it as a member, sign in as that user in another browser and create a server
 * there with the wizard while one host of its datacenter is disabled for maintenance (the scheduler places it
 * elsewhere), enable the host again, then try to lower the project's instance quota below what it now holds
 * (refused, the reason under the field). The specs (e2e/new-admin.spec.ts on the simulator, e2e/openstack/new-admin.spec.ts on
 * the loopback cloud) give the backend's names and cross-check each step where the backend can be asked directly.
 */
import { expect, type Browser, type Page } from '@playwright/test';
import { waitForAction } from '../actions';

export interface Backend {
  admin: { username: string; password: string };
  datacenter: string;
  flavor: RegExp;
  image: RegExp;
  /** A host of `datacenter` to take out of scheduling while the member creates their server (another must have room). */
  hostToDisable: string;
  /** How long a server may take to become active on this backend. */
  activeWithinMs: number;
}

export interface Made {
  projectId: string;
  userId: string;
  serverId: string;
  /** Where the scheduler put the member's server. */
  serverHost: string;
  /** Set while a host is disabled, so that clean-up enables it again after a failure. */
  disabledHost: string | undefined;
}

async function signInAs(page: Page, username: string, password: string) {
  await page.goto('/login');
  await page.getByLabel(/用户名|Username/).fill(username);
  await page.getByLabel(/^(密码|Password)$/).fill(password);
  const res = page.waitForResponse((r) => r.url().includes('/api/v1/auth/tokens') && r.request().method() === 'POST');
  await page.getByRole('button', { name: /^(登录|Sign in)$/ }).click();
  expect((await res).status(), `${username} signs in`).toBe(201);
  await expect(page.getByRole('navigation', { name: /主导航|Main navigation/ })).toBeVisible();
}

/** Projects page → Create project, with an instance quota of one. */
export async function createProject(page: Page, name: string): Promise<string> {
  await page
    .getByRole('navigation', { name: /主导航|Main navigation/ })
    .getByRole('link', { name: /^(项目|Projects)$/ })
    .click();
  await expect(page).toHaveURL(/\/admin\/projects$/);
  await page.getByRole('button', { name: /创建项目|Create project/ }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByLabel(/^(项目名称|Project name)$/).fill(name);
  await dialog.getByLabel(/^(描述|Description)$/).fill('a new tenant, made by the new-admin walkthrough');
  await dialog.getByLabel(/^(云主机数|Instances)$/).fill('1');
  const created = waitForAction(page, 'createProject');
  await dialog.getByRole('button', { name: /^(创建|Create)$/ }).click();
  const made = await created;
  expect(made.status, JSON.stringify(made.error)).toBe(201);
  await expect(page.getByTestId(`project-row-${name}`)).toBeVisible();
  return made.body.project.id as string;
}

/** Users page → Create user, a member of the project. */
export async function createMember(page: Page, username: string, password: string, project: string): Promise<string> {
  await page.getByRole('link', { name: /^(用户|Users)$/ }).click();
  await expect(page).toHaveURL(/\/admin\/users$/);
  await page.getByRole('button', { name: /创建用户|Create user/ }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByLabel(/用户名|User name/).fill(username);
  await dialog.getByLabel(/^(密码|Password)$/).fill(password);
  await dialog.getByLabel(/项目|Project/).selectOption({ label: project });
  await dialog.getByLabel(/角色|Role/).selectOption('member');
  const created = waitForAction(page, 'createUser');
  await dialog.getByRole('button', { name: /^(创建|Create)$/ }).click();
  const made = await created;
  expect(made.status, JSON.stringify(made.error)).toBe(201);
  const row = page.getByTestId(`user-row-${username}`);
  await expect(row.getByText(project)).toBeVisible();
  await expect(row.getByRole('combobox', { name: new RegExp(project) })).toHaveValue('member');
  return made.body.user.id as string;
}

/** The wizard, as the new member: basics, flavor, image, then the defaults to the end. */
export async function createServerAs(page: Page, backend: Backend, name: string): Promise<string> {
  await page.goto('/servers/new?step=basics');
  await page.getByRole('button', { name: /清空向导|Reset wizard/ }).click();
  await page.getByLabel(/^(名称|Name)$/).fill(name);
  await page.getByLabel(/^(数据中心|Datacenter)$/).selectOption(backend.datacenter);
  await page.getByRole('button', { name: /^(下一步|Next)$/ }).click();
  await expect(page).toHaveURL(/step=flavor/);
  await page.getByRole('radio', { name: backend.flavor }).first().check();
  await page.getByRole('button', { name: /^(下一步|Next)$/ }).click();
  await expect(page).toHaveURL(/step=image/);
  await page.getByRole('radio', { name: backend.image }).first().check();
  for (const step of ['network', 'storage', 'security', 'advanced', 'review']) {
    await page.getByRole('button', { name: /^(下一步|Next)$/ }).click();
    await expect(page, `reaches ${step}`).toHaveURL(new RegExp(`step=${step}`));
  }
  const created = waitForAction(page, 'createServer');
  await page.getByRole('button', { name: /^(创建|Create)$/ }).click();
  const res = await created;
  expect(res.status, `the API accepts the server: ${JSON.stringify(res.error)}`).toBe(202);
  await expect(page.getByRole('heading', { name })).toBeVisible();
  await expect(page.locator('[data-status="active"]').first(), 'the server becomes active').toBeVisible({
    timeout: backend.activeWithinMs,
  });
  return (res.body as { id: string }).id;
}

/** The hosts table's row of a host, by its name in the first cell. */
const hostRow = (page: Page, host: string) =>
  page.getByRole('row').filter({ has: page.getByRole('cell', { name: host, exact: true }) });

/** Hosts page → Disable, with a reason; the table then shows it. */
export async function disableHost(page: Page, host: string, reason: string) {
  await page.goto('/admin/hosts');
  const row = hostRow(page, host);
  await row.getByRole('button', { name: /^(停用|Disable)$/ }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByLabel(/^(停用原因|Reason)$/).fill(reason);
  const disabled = waitForAction(page, 'disableHost');
  await dialog.getByRole('button', { name: /^(停用|Disable)$/ }).click();
  expect((await disabled).status, `${host} is disabled`).toBe(200);
  await expect(row).toContainText(reason);
}

/** Hosts page → Enable. */
export async function enableHost(page: Page, host: string) {
  await page.goto('/admin/hosts');
  const row = hostRow(page, host);
  const enabled = waitForAction(page, 'enableHost');
  await row.getByRole('button', { name: /^(启用|Enable)$/ }).click();
  expect((await enabled).status, `${host} is enabled again`).toBe(200);
  await expect(row.getByRole('button', { name: /^(停用|Disable)$/ })).toBeVisible();
}

/** Projects page → Quotas: instances below what the project holds is refused, the reason under the field. */
export async function lowerInstancesBelowUsage(page: Page, project: string) {
  await page.goto('/admin/projects');
  const row = page.getByTestId(`project-row-${project}`);
  await expect(row.getByTestId('usage-instances')).toContainText('1 / 1');
  await row.getByRole('button', { name: /^(配额|Quotas)$/ }).click();
  const dialog = page.getByRole('dialog');
  const instances = dialog.getByLabel(/^(云主机数|Instances)$/);
  await expect(instances).toHaveAccessibleDescription(/已用 1|1 in use/);
  await instances.fill('0');
  const refused = waitForAction(page, 'setProjectQuotas');
  await dialog.getByRole('button', { name: /^(保存|Save)$/ }).click();
  const outcome = await refused;
  expect(outcome.status).toBe(400);
  expect(outcome.error?.details?.map((d) => d.path)).toEqual(['instances']);
  await expect(instances).toHaveAttribute('aria-invalid', 'true');
  await expect(instances).toHaveAccessibleDescription(/cannot go below 1/);
  await dialog.getByRole('button', { name: /^(取消|Cancel)$/ }).click();
  await expect(row.getByTestId('usage-instances')).toContainText('1 / 1');
}

/** The whole walkthrough; `made` is filled as it goes so the spec can clean up after a failure. */
export async function newAdminWalkthrough(
  page: Page,
  browser: Browser,
  backend: Backend,
  names: { project: string; user: string; password: string; server: string },
  made: Partial<Made>,
) {
  await signInAs(page, backend.admin.username, backend.admin.password);
  made.projectId = await createProject(page, names.project);
  made.userId = await createMember(page, names.user, names.password, names.project);

  await disableHost(page, backend.hostToDisable, `maintenance: ${names.project}`);
  made.disabledHost = backend.hostToDisable;
  const context = await browser.newContext();
  try {
    const member = await context.newPage();
    await signInAs(member, names.user, names.password);
    await expect(member.getByTitle(/^(项目|Project)$/), 'the member works in the new project').toHaveText(
      names.project,
    );
    made.serverId = await createServerAs(member, backend, names.server);
  } finally {
    await context.close();
  }
  // Where it runs is for administrators: the admin's session reads it.
  const placed = await page.request.get(`/api/v1/servers/${made.serverId}`);
  expect(placed.status()).toBe(200);
  const host = ((await placed.json()) as { server: { host?: string } }).server.host;
  expect(host, 'the server is placed on a host').toBeTruthy();
  expect(host, 'never on the disabled host').not.toBe(backend.hostToDisable);
  made.serverHost = host;
  await enableHost(page, backend.hostToDisable);
  made.disabledHost = undefined;

  await lowerInstancesBelowUsage(page, names.project);
}
