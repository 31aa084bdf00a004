import { expect, signIn, test } from './helpers';

test('admin: hosts with usage, audit filters and CSV export; tenants get no admin pages', async ({ page, browser }) => {
  await signIn(page, 'admin');
  await page.goto('/admin/hosts');
  await expect(
    page
      .getByRole('table', { name: /物理主机|Hosts/ })
      .getByRole('meter')
      .first(),
    'hosts show capacity meters',
  ).toBeVisible();
  await page.goto('/admin/audit');
  await page.getByRole('combobox', { name: /结果|Result/ }).selectOption('failure');
  await expect(page, 'the filter is in the URL').toHaveURL(/result=failure/);
  await expect(
    page.getByRole('table', { name: /审计日志|Audit log/ }).locator('[data-status="success"]'),
    'only failures are listed',
  ).toHaveCount(0);
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: /导出 CSV|Export CSV/ }).click();
  const file = await download;
  const csv = await (await file.createReadStream()).toArray();
  const text = Buffer.concat(csv).toString('utf8');
  expect(text.split('\r\n')[0], 'the CSV has a header').toContain('action');
  expect(text, 'only failures are exported').not.toMatch(/,success,/);

  const tenant = await browser.newPage();
  await signIn(tenant, 'alice');
  await expect(tenant.getByRole('link', { name: /审计日志|Audit log/ }), 'no admin links for tenants').toHaveCount(0);
  const r = await tenant.goto('/admin/hosts');
  expect(r?.status(), 'the admin page does not exist for a tenant').toBe(404);
  await tenant.close();
});
