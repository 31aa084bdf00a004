import { waitForAction } from './actions';
import { apiAs, expect, signIn, test, uniq } from './helpers';

test('volume: wizard with quota, attach to a server, delete disabled while attached, detach, extend', async ({
  page,
  request,
  createdServers,
}) => {
  const api = await apiAs(request, 'alice');
  const server = await api.activeServer(uniq('e2e-volsrv'));
  createdServers.push(server.id);
  await signIn(page, 'alice');

  await page.goto('/volumes/new');
  const name = uniq('e2e-vol');
  await page.getByLabel(/^(名称|Name)$/).fill(name);
  await page.getByLabel(/^(数据中心|Datacenter)$/).selectOption('dc-bj1');
  await page.getByLabel(/^(容量 \(GB\)|Size \(GB\))$/).fill('2000');
  await expect(
    page.getByText(/超出剩余配额|Exceeds the remaining quota/),
    'a size beyond the quota is refused before submitting',
  ).toBeVisible();
  await page.getByLabel(/^(容量 \(GB\)|Size \(GB\))$/).fill('10');
  await expect(
    page.getByRole('meter', { name: /硬盘容量|Volume capacity|quota/i }).first(),
    'the quota meter is shown',
  ).toBeVisible();
  const created = waitForAction(page, 'createVolume');
  await page.getByRole('button', { name: /^(创建云硬盘|Create volume)$/ }).click();
  expect((await created).status, 'the API accepts the volume').toBe(202);
  await expect(page.getByRole('heading', { name }), 'lands on the detail page').toBeVisible();
  await expect(page.locator('[data-status="available"]'), 'creating turns available without a reload').toBeVisible({
    timeout: 60_000,
  });

  // Attach: the picker offers the active server of the same datacenter.
  await page.getByRole('button', { name: /^(挂载|Attach)$/ }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByLabel(/^(云主机|Server)$/).selectOption(server.id);
  await dialog.getByLabel(/设备名|Device/).fill('bad-device');
  await dialog.getByRole('button', { name: /^(挂载|Attach)$/ }).click();
  await expect(dialog.getByText(/设备名形如|A device looks like/), 'the device path is validated').toBeVisible();
  await dialog.getByLabel(/设备名|Device/).fill('/dev/vdc');
  await dialog.getByLabel(/只读|Read-only/).check();
  await dialog.getByRole('button', { name: /^(挂载|Attach)$/ }).click();
  await expect(page.locator('[data-status="in-use"]'), 'the volume becomes in-use by itself').toBeVisible({
    timeout: 60_000,
  });
  await expect(
    page.getByRole('list', { name: /挂载信息|Attachments/ }),
    'the attachment lists the device',
  ).toContainText('/dev/vdc');

  // Delete while attached: the API refuses (409), so the console does not offer it and says why.
  const deleteVolume = page.getByRole('button', { name: /^(删除云硬盘|Delete volume)$/ });
  await expect(deleteVolume, 'deleting an attached volume is not offered').toBeDisabled();
  await expect(deleteVolume, 'the reason names the status and what would do').toHaveAttribute('title', /使用中|In use/);
  const volumeId = new URL(page.url()).pathname.split('/').pop();
  expect((await api.call('DELETE', `/volumes/${volumeId}`)).status, 'the API refuses deleting an attached volume').toBe(
    409,
  );

  // Detach, then extend (a size not above the current one is refused client-side).
  await page
    .getByRole('list', { name: /挂载信息|Attachments/ })
    .getByRole('button', { name: /^(卸载|Detach)$/ })
    .click();
  await page
    .getByRole('dialog')
    .getByRole('button', { name: /^(卸载|Detach)$/ })
    .click();
  await expect(page.locator('[data-status="available"]'), 'detached').toBeVisible({ timeout: 60_000 });
  await page.getByRole('button', { name: /^(扩容|Extend)$/ }).click();
  await page
    .getByRole('dialog')
    .getByLabel(/新容量|New size/)
    .fill('10');
  await page
    .getByRole('dialog')
    .getByRole('button', { name: /^(扩容|Extend)$/ })
    .click();
  await expect(
    page.getByRole('dialog').getByText(/新容量必须大于当前容量|must exceed the current size/),
    'not larger is refused',
  ).toBeVisible();
  await page
    .getByRole('dialog')
    .getByLabel(/新容量|New size/)
    .fill('15');
  await expect(page.getByTestId('extend-quota'), 'the quota after extending is shown').toContainText('5');
  await page
    .getByRole('dialog')
    .getByRole('button', { name: /^(扩容|Extend)$/ })
    .click();
  await expect(page.getByText(/^15 GB$/), 'the new size appears').toBeVisible({ timeout: 60_000 });

  // Clean up through the list's batch delete.
  await page.goto(`/volumes?name=${name}`);
  await expect(page.locator('[data-status="available"]'), 'listed').toBeVisible({ timeout: 60_000 });
  await page.getByRole('checkbox', { name: new RegExp(name) }).check();
  await page
    .getByRole('toolbar')
    .getByRole('button', { name: /^(删除|Delete)$/ })
    .click();
  const del = waitForAction(page, 'deleteVolume');
  await page
    .getByRole('dialog')
    .getByRole('button', { name: /^(删除|Delete)$/ })
    .click();
  expect((await del).status, 'batch delete').toBeLessThan(300);
});

test('admins see volumes of all projects; tenants have no toggle', async ({ page, request }) => {
  const alice = await apiAs(request, 'alice');
  const name = uniq('e2e-allproj');
  const v = await alice.call('POST', '/volumes', { size_gb: 1, name, datacenter_id: 'dc-bj1' });
  expect(v.status, 'fixture volume').toBe(202);
  await signIn(page, 'admin');
  await page.goto(`/volumes?name=${name}`);
  await expect(page.getByText(/还没有云硬盘|No volumes yet/), 'not in the admin’s own project').toBeVisible();
  await page.getByLabel(/全部项目|All projects/).click();
  await expect(page.getByRole('link', { name }), 'shown with all projects').toBeVisible();
  await alice.waitFor(
    `/volumes/${v.body.volume.id}`,
    (b) => (b.volume as { status: string }).status,
    'available',
    'fixture volume ready',
  );
  await alice.call('DELETE', `/volumes/${v.body.volume.id}`);
});
