import { actionNameOf, waitForAction } from './actions';
import { apiServer, apiToken, createActiveServer, expect, signIn, test } from './helpers';

test('the wizard creates a server that becomes active without a reload', async ({ page, createdServers }) => {
  await signIn(page, 'alice');
  await page.goto('/servers/new?step=basics');
  await page.getByRole('button', { name: /清空向导|Reset wizard/ }).click();
  const name = `e2e-wizard-${Date.now()}`;
  await page.getByLabel(/^(名称|Name)$/).fill(name);
  await page.getByLabel(/^(数据中心|Datacenter)$/).selectOption('dc-bj1');
  await page.getByRole('button', { name: /^(下一步|Next)$/ }).click();
  await expect(page, 'the step is in the URL').toHaveURL(/step=flavor/);
  // A flavor beyond alice's quota is disabled and says why.
  const big = page.getByRole('radio', { name: /m1\.2xlarge/ });
  await expect(big, 'a quota-exceeding flavor is disabled').toBeDisabled();
  await expect(page.getByText(/超出配额|Exceeds quota/).first(), 'the reason is shown').toBeVisible();
  await page.getByRole('radio', { name: /s1\.small/ }).check();
  await page.getByRole('button', { name: /^(下一步|Next)$/ }).click();
  await expect(page, 'image step').toHaveURL(/step=image/);
  // Going back keeps what was chosen.
  await page.getByRole('button', { name: /^(上一步|Back)$/ }).click();
  await expect(page.getByRole('radio', { name: /s1\.small/ }), 'the draft survives going back').toBeChecked();
  await page.getByRole('button', { name: /^(下一步|Next)$/ }).click();
  await page.getByRole('radio', { name: /cirros/ }).check();
  for (const step of ['network', 'storage', 'security', 'advanced', 'review']) {
    await page.getByRole('button', { name: /^(下一步|Next)$/ }).click();
    await expect(page, `reaches ${step}`).toHaveURL(new RegExp(`step=${step}`));
  }
  await expect(page.getByLabel(/API 请求|API request/), 'the request JSON is shown').toContainText(name);
  const created = waitForAction(page, 'createServer');
  await page.getByRole('button', { name: /^(创建|Create)$/ }).click();
  const res = await created;
  expect(res.status, 'the API accepts the request').toBe(202);
  createdServers.push(res.body.id);
  await expect(page.getByRole('heading', { name }), 'lands on the detail page').toBeVisible();
  await expect(page.locator('[data-status="active"]').first(), 'building turns active by itself').toBeVisible({
    timeout: 60_000,
  });
});

test('reboot and resize from the detail page', async ({ page, request, createdServers }) => {
  const id = await createActiveServer(request, 'alice', `e2e-actions-${Date.now()}`);
  createdServers.push(id);
  const token = await apiToken(request, 'alice');
  await signIn(page, 'alice');
  await page.goto(`/servers/${id}`);
  // What the API would refuse (start an active server: 409) is greyed, and says in which status it would do.
  const start = page.getByRole('button', { name: /^(启动|Start)$/ });
  await expect(start, 'start is not offered for an active server').toBeDisabled();
  await expect(start, 'the reason names the status that would do').toHaveAttribute('title', /已关机|Stopped/);
  // The console changes things through server actions: a Next-Action POST to the page, no /api/v1 mutation.
  const apiChanges: string[] = [];
  const actionCalls: string[] = [];
  page.on('request', (r) => {
    if (r.method() !== 'GET' && new URL(r.url()).pathname.startsWith('/api/v1/'))
      apiChanges.push(`${r.method()} ${r.url()}`);
    void actionNameOf(r).then((name) => name && actionCalls.push(name));
  });
  const reboot = waitForAction(page, 'rebootServer');
  await page.getByRole('button', { name: /^(软重启|Soft reboot)$/ }).click();
  expect((await reboot).status, 'reboot accepted').toBe(202);
  expect(actionCalls, 'the reboot was the rebootServer action').toContain('rebootServer');
  expect(apiChanges, 'no change went to /api/v1').toEqual([]);
  // The badge can still show the pre-reboot "active" until the page refetches, so wait on the API, then the page.
  await expect
    .poll(async () => (await apiServer(request, token, id)).status, {
      message: 'back to active after rebooting',
      timeout: 60_000,
    })
    .toBe('active');
  await expect(page.locator('[data-status="active"]').first(), 'the page shows it active').toBeVisible({
    timeout: 60_000,
  });
  // A refetch still in flight may answer "rebooting" and disable the button under the click: click until the dialog opens.
  await expect(async () => {
    await page.getByRole('button', { name: /^(变更规格|Resize)$/ }).click();
    await expect(page.getByRole('dialog')).toBeVisible({ timeout: 2_000 });
  }, 'the resize dialog opens').toPass({ timeout: 30_000 });
  await page.getByRole('radio', { name: /s1\.medium/ }).check();
  await expect(page.getByText(/vCPU 1 → 2/), 'the change is shown').toBeVisible();
  const resize = waitForAction(page, 'resizeServer');
  await page
    .getByRole('dialog')
    .getByRole('button', { name: /^(变更规格|Resize)$/ })
    .click();
  expect((await resize).status, 'resize accepted').toBe(202);
  await expect(page.getByText('s1.medium').first(), 'the new flavor shows').toBeVisible({ timeout: 60_000 });
});

test('admin live-migrates a server to a host with room', async ({ page, request, createdServers }) => {
  const id = await createActiveServer(request, 'admin', `e2e-migrate-${Date.now()}`);
  createdServers.push(id);
  const token = await apiToken(request, 'admin');
  const server = () => apiServer(request, token, id);
  const from = (await server()).host;
  await signIn(page, 'admin');
  await page.goto(`/servers/${id}`);
  await page.getByRole('button', { name: /^(热迁移|Live migrate)$/ }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByRole('radio', { disabled: false }).first().check();
  const migrate = waitForAction(page, 'liveMigrateServer');
  await dialog.getByRole('button', { name: /^(热迁移|Live migrate)$/ }).click();
  expect((await migrate).status, 'migration accepted').toBe(202);
  // The badge said "active" before the migration too: wait on the API for the move, then on the page for the new host.
  await expect
    .poll(
      async () => {
        const s = await server();
        return s.status === 'active' && s.host !== from;
      },
      { message: 'active on another host', timeout: 60_000 },
    )
    .toBe(true);
  await expect(page.getByText((await server()).host!, { exact: true }), 'the page shows the new host').toBeVisible({
    timeout: 30_000,
  });
});

test('batch stop reports each server', async ({ page, request, createdServers }) => {
  const stamp = Date.now();
  for (const n of [1, 2]) createdServers.push(await createActiveServer(request, 'alice', `e2e-batch-${stamp}-${n}`));
  await signIn(page, 'alice');
  await page.goto(`/servers?name=e2e-batch-${stamp}`);
  // Select-all only selects the rows shown: wait for both before using it.
  await expect(page.locator('tbody tr[data-row-id]'), 'both servers are listed').toHaveCount(2);
  await page.getByRole('checkbox', { name: /全选|Select all/ }).check();
  await page
    .getByRole('toolbar')
    .getByRole('button', { name: /^(关机|Stop)$/ })
    .click();
  await expect(
    page.getByRole('status').filter({ hasText: /2 台成功|2 succeeded/ }),
    'both stops are reported',
  ).toBeVisible();
  await expect(page.locator('[data-status="stopped"]'), 'both servers end stopped').toHaveCount(2, { timeout: 60_000 });
});
