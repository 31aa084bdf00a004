import crypto from 'node:crypto';
import { expect, test } from '@playwright/test';
import { waitForAction } from '../actions';
import { bestEffort, openstack, openstackJson } from './cli';
import { signIn } from './sign-in';

/**
 * The Projects page on a real OpenStack, cross-checked with the `openstack` CLI: a project created, renamed and
 * disabled in the console is what Keystone holds, and "delete everything in it" removes its network and the project
 * itself. Everything is uniquely named and removed afterwards (the cloud is shared).
 */
const stamp = `${Date.now().toString(36)}${crypto.randomBytes(2).toString('hex')}`;
const name = `e2epj-${stamp}`;
const renamed = `${name}-b`;
let projectId = '';
const adminUser = {
  username: process.env.YUNTU_TEST_ADMIN_USER ?? 'admin',
  password: process.env.YUNTU_TEST_ADMIN_PASSWORD ?? process.env.OS_ADMIN_PASSWORD ?? 'secret',
};

test.afterAll(async () => {
  if (projectId) await bestEffort(['project', 'delete', projectId]);
});

test('create, edit, disable and delete everything on the Projects page is what Keystone holds', async ({ page }) => {
  test.setTimeout(600_000);
  await signIn(page, adminUser);
  await page.goto('/admin/projects');

  await page.getByRole('button', { name: /创建项目|Create project/ }).click();
  const create = page.getByRole('dialog');
  await create.getByLabel(/^(项目名称|Project name)$/).fill(name);
  const created = waitForAction(page, 'createProject');
  await create.getByRole('button', { name: /^(创建|Create)$/ }).click();
  const made = await created;
  expect(made.status, JSON.stringify(made.error)).toBe(201);
  projectId = made.body.project.id;
  expect((await openstackJson<{ name: string }>(['project', 'show', projectId])).name).toBe(name);

  let row = page.getByTestId(`project-row-${name}`);
  await row.getByRole('button', { name: /^(编辑|Edit)$/ }).click();
  const edit = page.getByRole('dialog');
  await edit.getByLabel(/^(项目名称|Project name)$/).fill(renamed);
  await edit.getByLabel(/^(描述|Description)$/).fill('renamed in the console');
  const updated = waitForAction(page, 'updateProject');
  await edit.getByRole('button', { name: /^(保存|Save)$/ }).click();
  expect((await updated).status).toBe(200);
  expect(await openstackJson<{ name: string; description: string }>(['project', 'show', projectId])).toMatchObject({
    name: renamed,
    description: 'renamed in the console',
  });

  row = page.getByTestId(`project-row-${renamed}`);
  await row.getByRole('button', { name: /^(停用|Disable)$/ }).click();
  const disabled = waitForAction(page, 'disableProject');
  await page
    .getByRole('dialog')
    .getByRole('button', { name: /^(停用|Disable)$/ })
    .click();
  expect((await disabled).status).toBe(200);
  await expect(row.getByTestId('project-state')).toContainText(/已停用|Disabled/);
  expect((await openstackJson<{ enabled: boolean }>(['project', 'show', projectId])).enabled).toBe(false);

  // What it was given goes with it (its servers, volumes and IPs are the HTTP test's: tests/http/projects.test.ts).
  await row.getByRole('button', { name: /^(删除|Delete)$/ }).click();
  const confirm = page.getByRole('dialog');
  await confirm.getByRole('checkbox', { name: /删除其中的全部资源|Delete everything in it/ }).check();
  await expect(confirm.getByTestId('purge-list')).toContainText(`${name}-net`);
  await confirm.getByRole('textbox').fill(renamed);
  const purged = waitForAction(page, 'purgeProject');
  await confirm.getByRole('button', { name: /^(全部删除|Delete everything)$/ }).click();
  expect((await purged).status).toBe(202);
  await expect(row).toHaveCount(0, { timeout: 300_000 });
  await expect(openstack(['project', 'show', projectId])).rejects.toThrow();
  const nets = await openstackJson<unknown[]>(['network', 'list', '--project', projectId]).catch(() => []);
  expect(nets).toEqual([]);
  projectId = '';
});
