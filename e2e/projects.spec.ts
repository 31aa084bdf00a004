/**
 * The Projects admin page in the browser, on the simulator: an administrator creates a tenant project, sets its
 * quotas (a quota below what the project holds is refused under its field), and removes it — refused while it
 * still holds a volume, with the backend's sentence in the dialog, and done once the volume is gone.
 */
import { expect, test, type APIRequestContext } from '@playwright/test';
import { waitForAction } from './actions';
import { apiToken, signIn, uniq } from './helpers';

async function call(request: APIRequestContext, token: string, method: string, path: string, data?: unknown) {
  const r = await request.fetch(`/api/v1${path}`, { method, headers: { 'X-Auth-Token': token }, data });
  const text = await r.text();
  return { status: r.status(), body: text ? JSON.parse(text) : undefined };
}

test('an admin creates a project, sets its quotas and deletes it once it holds nothing', async ({ page, request }) => {
  const name = uniq('e2e-proj');
  await signIn(page, 'admin');
  // No request per row (issue 15): every project's usage bars come from one GET /projects/usage (the shell's own
  // quota of the session's project, without project_id, is not the page's).
  const quotaCalls: string[] = [];
  page.on('request', (r) => {
    const u = new URL(r.url());
    if (
      (u.pathname.startsWith('/api/v1/quotas/') && u.searchParams.has('project_id')) ||
      u.pathname === '/api/v1/projects/usage'
    )
      quotaCalls.push(u.pathname);
  });
  await page
    .getByRole('navigation', { name: /主导航|Main navigation/ })
    .getByRole('link', { name: /^(项目|Projects)$/ })
    .click();
  await expect(page).toHaveURL(/\/admin\/projects$/);
  await expect(page.getByRole('heading', { name: /项目管理|Projects/ })).toBeVisible();
  const rows = page.locator('[data-testid^="project-row-"]');
  await expect(rows.last().getByTestId('usage-instances')).toBeVisible();
  expect(await rows.count(), 'the demo cloud has several projects').toBeGreaterThan(2);
  expect(quotaCalls, 'one usage request for every row').toEqual(['/api/v1/projects/usage']);

  // Create: the name is checked in the form first, then the project is made with one quota given.
  await page.getByRole('button', { name: /创建项目|Create project/ }).click();
  const create = page.getByRole('dialog');
  await create.getByRole('button', { name: /^(创建|Create)$/ }).click();
  await expect(create.getByText(/^(必填|Required)$/)).toBeVisible();
  await create.getByLabel(/^(项目名称|Project name)$/).fill(name);
  await create.getByLabel(/^(描述|Description)$/).fill('made in the browser');
  await create.getByLabel(/^(云硬盘数|Volumes)$/).fill('3');
  const created = waitForAction(page, 'createProject');
  await create.getByRole('button', { name: /^(创建|Create)$/ }).click();
  const made = await created;
  expect(made.status).toBe(201);
  const projectId: string = made.body.project.id;

  const row = page.getByTestId(`project-row-${name}`);
  await expect(row).toBeVisible();
  await expect(row.getByText('made in the browser')).toBeVisible();
  await expect(row.getByTestId('usage-volumes')).toContainText('0 / 3');

  // Zero instances while it holds none is allowed.
  await row.getByRole('button', { name: /^(配额|Quotas)$/ }).click();
  let quotas = page.getByRole('dialog');
  const instances = quotas.getByLabel(/^(云主机数|Instances)$/);
  await expect(instances).toHaveAccessibleDescription(/已用 0|0 in use/);
  await instances.fill('0');
  const set = waitForAction(page, 'setProjectQuotas');
  await quotas.getByRole('button', { name: /^(保存|Save)$/ }).click();
  expect((await set).status).toBe(200);
  await expect(quotas).toHaveCount(0);
  await expect(row.getByTestId('usage-instances')).toContainText('0 / 0');

  // A member of the project makes a volume in it through the API.
  const admin = await apiToken(request, 'admin');
  const member = uniq('e2e-pm');
  const password = 'member-pass-2026';
  const u = await call(request, admin, 'POST', '/users', {
    name: member,
    password,
    project_id: projectId,
    role: 'member',
  });
  expect(u.status, JSON.stringify(u.body)).toBe(201);
  const signedIn = await request.post('/api/v1/auth/tokens', { data: { username: member, password } });
  expect(signedIn.status()).toBe(201);
  const memberToken = signedIn.headers()['x-subject-token']!;
  const v = await call(request, memberToken, 'POST', '/volumes', { name: 'held', size_gb: 2 });
  expect(v.status, JSON.stringify(v.body)).toBe(202);
  const volumeId: string = v.body.volume.id;
  await expect
    .poll(async () => (await call(request, memberToken, 'GET', `/volumes/${volumeId}`)).body.volume.status)
    .toBe('available');

  await page.reload();
  await expect(row.getByTestId('usage-volumes')).toContainText('1 / 3');
  await expect(row.getByTestId('usage-volume_gb')).toContainText('2 /');

  // Below the usage: refused by the API, the sentence shown under the field it names.
  await row.getByRole('button', { name: /^(配额|Quotas)$/ }).click();
  quotas = page.getByRole('dialog');
  const volumes = quotas.getByLabel(/^(云硬盘数|Volumes)$/);
  await expect(volumes).toHaveAccessibleDescription(/已用 1|1 in use/);
  await volumes.fill('0');
  const refused = waitForAction(page, 'setProjectQuotas');
  await quotas.getByRole('button', { name: /^(保存|Save)$/ }).click();
  const outcome = await refused;
  expect(outcome.status).toBe(400);
  expect(outcome.error?.details?.map((d) => d.path)).toEqual(['volumes']);
  await expect(volumes).toHaveAttribute('aria-invalid', 'true');
  await expect(volumes).toHaveAccessibleDescription('1 volume already exists; the quota cannot go below 1');
  await quotas.getByRole('button', { name: /^(取消|Cancel)$/ }).click();
  expect((await call(request, admin, 'GET', `/projects/${projectId}/quotas`)).body.quotas.volumes).toBe(3);

  // Delete while it holds the volume: refused, the backend's reason in the dialog.
  await row.getByRole('button', { name: /^(删除|Delete)$/ }).click();
  let confirm = page.getByRole('dialog');
  await confirm.getByRole('textbox').fill(name);
  const blocked = waitForAction(page, 'deleteProject');
  await confirm.getByRole('button', { name: /^(删除|Delete)$/ }).click();
  expect((await blocked).status).toBe(409);
  await expect(confirm.getByText(`project ${name} still holds 1 volumes: delete them first`)).toBeVisible();
  await confirm.getByRole('button', { name: /^(取消|Cancel)$/ }).click();
  await expect(row).toBeVisible();

  // Once the volume is gone the project can go.
  // 204 when removed at once, 202 while the backend is still deleting it (the contract's otherSuccess).
  expect([202, 204]).toContain((await call(request, memberToken, 'DELETE', `/volumes/${volumeId}`)).status);
  await expect.poll(async () => (await call(request, memberToken, 'GET', `/volumes/${volumeId}`)).status).toBe(404);
  await row.getByRole('button', { name: /^(删除|Delete)$/ }).click();
  confirm = page.getByRole('dialog');
  await confirm.getByRole('textbox').fill(name);
  const deleted = waitForAction(page, 'deleteProject');
  await confirm.getByRole('button', { name: /^(删除|Delete)$/ }).click();
  expect((await deleted).status).toBe(204);
  await expect(row).toHaveCount(0);
  expect((await call(request, admin, 'GET', `/projects/${projectId}/quotas`)).status).toBe(404);

  // The member stays, without the membership; removed here so runs do not pile up users.
  expect((await call(request, admin, 'DELETE', `/users/${u.body.user.id}`)).status).toBe(204);
});

test('a tenant has no Projects page nor its link', async ({ page }) => {
  await signIn(page, 'alice');
  await expect(
    page.getByRole('navigation', { name: /主导航|Main navigation/ }).getByRole('link', { name: /^(项目|Projects)$/ }),
    'no Projects link for tenants',
  ).toHaveCount(0);
  const r = await page.goto('/admin/projects');
  expect(r?.status(), 'the admin page does not exist for a tenant').toBe(404);
});

test('an admin edits, disables and enables a project, deletes everything in it, and sets the default quotas', async ({
  page,
  request,
}) => {
  const admin = await apiToken(request, 'admin');
  const name = uniq('e2e-proj');
  const p = await call(request, admin, 'POST', '/projects', { name, description: 'to be changed' });
  expect(p.status, JSON.stringify(p.body)).toBe(201);
  const projectId: string = p.body.project.id;
  const member = uniq('e2e-pm');
  const password = 'member-pass-2026';
  const u = await call(request, admin, 'POST', '/users', {
    name: member,
    password,
    project_id: projectId,
    role: 'member',
  });
  expect(u.status, JSON.stringify(u.body)).toBe(201);
  const memberSignIn = () => request.post('/api/v1/auth/tokens', { data: { username: member, password } });

  await signIn(page, 'admin');
  await page.goto('/admin/projects');
  let row = page.getByTestId(`project-row-${name}`);
  await expect(row.getByTestId('project-members')).toHaveText('1');
  await expect(row.getByTestId('project-state')).toContainText(/已启用|Enabled/);

  // Edit: a new name and description.
  const renamed = `${name}-b`;
  await row.getByRole('button', { name: /^(编辑|Edit)$/ }).click();
  const edit = page.getByRole('dialog');
  await edit.getByLabel(/^(项目名称|Project name)$/).fill(renamed);
  await edit.getByLabel(/^(描述|Description)$/).fill('changed in the browser');
  const updated = waitForAction(page, 'updateProject');
  await edit.getByRole('button', { name: /^(保存|Save)$/ }).click();
  expect((await updated).status).toBe(200);
  row = page.getByTestId(`project-row-${renamed}`);
  await expect(row.getByText('changed in the browser')).toBeVisible();

  // Disable: the member's session ends and their sign-in is refused naming the project; enable restores it.
  const memberToken = (await memberSignIn()).headers()['x-subject-token']!;
  await row.getByRole('button', { name: /^(停用|Disable)$/ }).click();
  const disabled = waitForAction(page, 'disableProject');
  await page
    .getByRole('dialog')
    .getByRole('button', { name: /^(停用|Disable)$/ })
    .click();
  expect((await disabled).status).toBe(200);
  await expect(row.getByTestId('project-state')).toContainText(/已停用|Disabled/);
  expect((await call(request, memberToken, 'GET', '/servers')).status).toBe(401);
  const refused = await memberSignIn();
  expect(refused.status()).toBe(401);
  expect(await refused.text()).toContain(`project ${renamed} is disabled`);
  const enabled = waitForAction(page, 'enableProject');
  await row.getByRole('button', { name: /^(启用|Enable)$/ }).click();
  expect((await enabled).status).toBe(200);
  await expect(row.getByTestId('project-state')).toContainText(/已启用|Enabled/);
  const again = await memberSignIn();
  expect(again.status()).toBe(201);
  const token = again.headers()['x-subject-token']!;

  // Delete everything in it: the dialog lists what will go; the task's progress shows until the project is gone.
  const v = await call(request, token, 'POST', '/volumes', { name: 'held', size_gb: 1 });
  expect(v.status, JSON.stringify(v.body)).toBe(202);
  await row.getByRole('button', { name: /^(删除|Delete)$/ }).click();
  const confirm = page.getByRole('dialog');
  await confirm.getByRole('checkbox', { name: /删除其中的全部资源|Delete everything in it/ }).check();
  const list = confirm.getByTestId('purge-list');
  await expect(list).toContainText(/云硬盘|Volume/);
  await expect(list).toContainText('held');
  await expect(list).toContainText(`${name}-net`);
  const go = confirm.getByRole('button', { name: /^(全部删除|Delete everything)$/ });
  await expect(go).toBeDisabled();
  await confirm.getByRole('textbox').fill(renamed);
  const purged = waitForAction(page, 'purgeProject');
  await go.click();
  expect((await purged).status).toBe(202);
  await expect(row).toHaveCount(0, { timeout: 30_000 });
  await page.getByRole('button', { name: /^(任务|Tasks)/ }).click();
  // The task tray's entry: the task by name, ended as succeeded.
  const entry = page.locator('#task-tray li', { hasText: renamed });
  await expect(entry).toContainText(/删除项目 .* 及其全部资源|Delete project .* and everything in it/);
  await expect(entry).toContainText(/成功|Succeeded/);
  const task = await call(request, admin, 'GET', `/projects/${projectId}/purge`);
  expect(task.body.purge).toMatchObject({ status: 'done' });
  expect(task.body.purge.steps.map((s: { name: string }) => s.name)).toContain('held');

  // Default quotas: set in the dialog, a new project gets them; the old value goes back after.
  const before = (await call(request, admin, 'GET', '/quotas/defaults')).body.quotas;
  await page.getByRole('button', { name: /^(默认配额|Default quotas)$/ }).click();
  const defaults = page.getByRole('dialog');
  await defaults.getByLabel(/^(云主机数|Instances)$/).fill(String(before.instances + 2));
  const set = waitForAction(page, 'setDefaultQuotas');
  await defaults.getByRole('button', { name: /^(保存|Save)$/ }).click();
  expect((await set).status).toBe(200);
  try {
    const n = await call(request, admin, 'POST', '/projects', { name: uniq('e2e-def'), description: '' });
    expect(n.status).toBe(201);
    const q = await call(request, admin, 'GET', `/projects/${n.body.project.id}/quotas`);
    expect(q.body.quotas.instances).toBe(before.instances + 2);
    expect((await call(request, admin, 'DELETE', `/projects/${n.body.project.id}`)).status).toBe(204);
  } finally {
    await call(request, admin, 'PUT', '/quotas/defaults', { instances: before.instances });
  }
  expect((await call(request, admin, 'DELETE', `/users/${u.body.user.id}`)).status).toBe(204);
});
