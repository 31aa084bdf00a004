import { waitForAction } from '../actions';
import { expect, test } from '@playwright/test';
import { signIn } from './sign-in';
import { openstack, openstackJson } from './cli';

/**
 * Host maintenance on a real OpenStack: disabling os-local in the console disables its nova-compute service with
 * the reason (`openstack compute service list --service nova-compute --long` shows both), and Enable puts it back.
 * The cloud is shared: the service is enabled again in afterAll whatever happened.
 */
const host = 'os-local';
const reason = `e2e maintenance ${Date.now().toString(36)}`;
const adminUser = {
  username: process.env.YUNTU_TEST_ADMIN_USER ?? 'admin',
  password: process.env.YUNTU_TEST_ADMIN_PASSWORD ?? process.env.OS_ADMIN_PASSWORD ?? 'secret',
};

interface ServiceRow {
  Host: string;
  Status: string;
  'Disabled Reason'?: string | null;
}
const service = async () =>
  (await openstackJson<ServiceRow[]>(['compute', 'service', 'list', '--service', 'nova-compute', '--long'])).find(
    (s) => s.Host === host,
  );

test.afterAll(async () => {
  if ((await service())?.Status !== 'enabled')
    await openstack(['compute', 'service', 'set', '--enable', host, 'nova-compute']);
});

test('disable os-local with a reason in the browser, see it in Nova, enable it again', async ({ page }) => {
  expect((await service())?.Status, 'os-local is enabled to begin with').toBe('enabled');
  await signIn(page, adminUser);
  await page.goto('/admin/hosts');
  const row = page.getByRole('row', { name: new RegExp(`^${host} `) });
  await row.getByRole('button', { name: /^(停用|Disable)$/ }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByLabel(/^(停用原因|Reason)$/).fill(reason);
  const disabled = waitForAction(page, 'disableHost');
  await dialog.getByRole('button', { name: /^(停用|Disable)$/ }).click();
  expect((await disabled).status, 'the console disables the host').toBe(200);
  await expect(row, 'the table shows the reason').toContainText(reason);
  expect(await service(), 'Nova holds the disabled service and its reason').toMatchObject({
    Status: 'disabled',
    'Disabled Reason': reason,
  });

  const enabled = waitForAction(page, 'enableHost');
  await row.getByRole('button', { name: /^(启用|Enable)$/ }).click();
  expect((await enabled).status, 'the console enables the host').toBe(200);
  await expect(row.getByRole('button', { name: /^(停用|Disable)$/ })).toBeVisible();
  expect((await service())?.Status, 'Nova holds the enabled service').toBe('enabled');
});
