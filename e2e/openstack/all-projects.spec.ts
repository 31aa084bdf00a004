import crypto from 'node:crypto';
import { expect, test } from '@playwright/test';
import { waitForAction } from '../actions';
import { bestEffort, openstack, openstackJson, removeProjectsAndUsers, type Creds } from './cli';
import { signIn } from './sign-in';

/**
 * All-project views on a real OpenStack, cross-checked with the `openstack` CLI: a volume made with the CLI by a
 * member of a fresh Keystone project is not in the admin's own list, is in the all-projects list with the
 * project's name in the Project column, stays under that project's filter, and the admin deletes it from the list;
 * the CLI then no longer finds it in the project. The project and user are made and removed with the CLI.
 */
const stamp = `${Date.now().toString(36)}${crypto.randomBytes(2).toString('hex')}`;
const tenant = {
  project: `e2eap-${stamp}`,
  username: `e2eap-u-${stamp}`,
  password: `pw-${crypto.randomBytes(8).toString('hex')}`,
  volume: `e2eap-vol-${stamp}`,
};
const creds: Creds = { username: tenant.username, password: tenant.password, project: tenant.project };
const admin = {
  username: process.env.YUNTU_TEST_ADMIN_USER ?? 'admin',
  password: process.env.YUNTU_TEST_ADMIN_PASSWORD ?? process.env.OS_ADMIN_PASSWORD ?? 'secret',
};
const ids = { project: '', user: '', volume: '' };

/** The volume ids the CLI (as the cloud's admin) lists in the tenant's project. */
const cliVolumes = async () =>
  (await openstack(['volume', 'list', '--all-projects', '--project', ids.project, '-f', 'value', '-c', 'ID']))
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean);

test.beforeAll(async () => {
  test.setTimeout(240_000);
  ids.project = (
    await openstackJson<{ id: string }>([
      'project',
      'create',
      '--domain',
      'Default',
      '--description',
      'Yuntu all-projects e2e',
      tenant.project,
    ])
  ).id;
  ids.user = (
    await openstackJson<{ id: string }>([
      'user',
      'create',
      '--domain',
      'Default',
      '--project',
      ids.project,
      '--password',
      tenant.password,
      tenant.username,
    ])
  ).id;
  await openstack(['role', 'add', '--user', ids.user, '--project', ids.project, 'member']);
  // The tenant makes the volume with the CLI, as a person using OpenStack directly would.
  ids.volume = (
    await openstackJson<{ id: string }>(['volume', 'create', '--size', '1', tenant.volume], { as: creds })
  ).id;
  await expect
    .poll(async () => (await openstackJson<{ status: string }>(['volume', 'show', ids.volume])).status, {
      message: 'the CLI volume becomes available',
      timeout: 180_000,
      intervals: [1000, 2000, 3000],
    })
    .toBe('available');
});

test.afterAll(async () => {
  test.setTimeout(300_000);
  if (ids.volume) await bestEffort(['volume', 'delete', ids.volume]);
  await removeProjectsAndUsers([ids.project], [ids.user]);
});

test('admin: a CLI-made volume of another project in the all-projects view, filtered by project, deleted from the list', async ({
  page,
}) => {
  test.setTimeout(300_000);
  await signIn(page, admin);
  await page.goto(`/volumes?name=${tenant.volume}`);
  const row = page.getByRole('row').filter({ hasText: tenant.volume });
  await expect(page.getByText(/还没有云硬盘|No volumes yet/), 'not in the admin’s own project').toBeVisible();
  // A click, not check(): the box follows the URL, which changes a moment later.
  await page.getByLabel(/全部项目|All projects/).click();
  await expect(page).toHaveURL(/all_projects=true/);
  await expect(row, 'listed with all projects').toBeVisible();
  await expect(page.getByRole('columnheader', { name: /^(项目|Project)$/ })).toBeVisible();
  await expect(row.getByRole('cell', { name: tenant.project, exact: true }), 'the project by its name').toBeVisible();

  // Narrowed to the tenant's project (Cinder's all_tenants + project_id), the volume stays; the URL says so.
  await page.getByRole('combobox', { name: /^(项目|Project)$/ }).selectOption(ids.project);
  await expect(page).toHaveURL(new RegExp(`project_id=${ids.project}`));
  await expect(row).toBeVisible();
  expect(await cliVolumes(), 'the CLI lists it in the project').toContain(ids.volume);

  await page.getByRole('checkbox', { name: new RegExp(tenant.volume) }).check();
  await page
    .getByRole('toolbar')
    .getByRole('button', { name: /^(删除|Delete)$/ })
    .click();
  const del = waitForAction(page, 'deleteVolume');
  await page
    .getByRole('dialog')
    .getByRole('button', { name: /^(删除|Delete)$/ })
    .click();
  expect((await del).status, 'the admin deletes another project’s volume').toBeLessThan(300);
  await expect
    .poll(cliVolumes, { message: 'the CLI no longer lists it', timeout: 120_000, intervals: [2000, 3000] })
    .not.toContain(ids.volume);
  await expect(row, 'gone from the console list').toHaveCount(0, { timeout: 60_000 });
  ids.volume = '';
});
