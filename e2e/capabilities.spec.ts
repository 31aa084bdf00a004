import type { Locator } from '@playwright/test';
import { waitForAction } from './actions';
import { createActiveServer, expect, signInWith, supportOf, test } from './capabilities-fixtures';

/**
 * What the configured backend cannot do is greyed out with its reason, never hidden and never an error. Runs on the
 * simulator (playwright.config.ts: everything enabled) and on the Huawei Cloud fake (playwright.huawei.config.ts:
 * live migration and floating IPs are missing by design, docs/public-clouds.md; image upload works there through
 * the OBS bucket that config sets).
 */

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** A control follows the table: enabled when the operation is supported, else disabled and described by the reason. */
async function expectGated(control: Locator, support: { supported: boolean; reason: string | null }, what: string) {
  if (support.supported) {
    await expect(control, `${what} is enabled: the backend supports it`).toBeEnabled();
    await expect(control, `${what} carries no "unavailable" description`).not.toHaveAttribute('aria-describedby', /.+/);
    return;
  }
  await expect(control, `${what} is shown, not hidden`).toBeVisible();
  await expect(control, `${what} is disabled: the backend lacks it`).toBeDisabled();
  await expect(control, `${what} is described by the backend's reason`).toHaveAccessibleDescription(
    new RegExp(escape(support.reason ?? '')),
  );
  await expect(control, `${what} shows the reason as its tooltip`).toHaveAttribute(
    'title',
    new RegExp(escape(support.reason ?? '')),
  );
}

test("a server's live migrate and resize follow the capabilities table", async ({
  page,
  request,
  backend,
  adminLogin,
  createdServers,
}) => {
  const id = await createActiveServer(request, adminLogin, `e2e-caps-${Date.now()}`);
  createdServers.push(id);
  await signInWith(page, adminLogin);
  const migrate = await supportOf(page, 'POST', '/servers/{id}/live-migrate');
  const resize = await supportOf(page, 'POST', '/servers/{id}/resize');
  expect(migrate.supported, `live migration is ${backend === 'sim' ? '' : 'not '}offered on ${backend}`).toBe(
    backend === 'sim',
  );
  expect(resize.supported, `resize is offered on ${backend}`).toBe(true);
  const tableRead = page.waitForResponse((r) => r.url().endsWith('/api/v1/capabilities') && r.status() === 200);
  await page.goto(`/servers/${id}`);
  await tableRead;
  await expect(
    page.locator('[data-status="active"]').first(),
    'the server is active, so only the backend can disable its actions',
  ).toBeVisible();
  await expectGated(page.getByRole('button', { name: /^(热迁移|Live migrate)$/ }), migrate, 'live migrate');
  await expectGated(page.getByRole('button', { name: /^(变更规格|Resize)$/ }), resize, 'resize');
});

test('image upload follows the table, on the images page and on the upload form', async ({
  page,
  backend,
  adminLogin,
  imageFiles,
}) => {
  await signInWith(page, adminLogin);
  // An upload needs both an empty image (a part of POST /images) and its file (PUT): the first one missing is the reason.
  const file = await supportOf(page, 'PUT', '/images/{id}/file');
  const empty = (await supportOf(page, 'POST', '/images')).parts.metadata ?? null;
  // The simulator offers it natively, Huawei through an OBS bucket: the console without one greys it, saying so.
  expect(file.supported && !empty, `image upload is ${imageFiles ? '' : 'not '}offered on ${backend}`).toBe(imageFiles);
  if (!imageFiles)
    expect(empty ?? file.reason, 'the reason names the missing setting').toMatch(/HUAWEICLOUD_OBS_BUCKET/);
  const upload = { supported: file.supported && !empty, reason: empty ?? file.reason };
  await page.goto('/images');
  const link = page.getByRole('link', { name: /^(上传镜像|Upload image)$/ });
  if (upload.supported) {
    await expect(link, 'the upload link leads to the form').toHaveAttribute('href', '/images/new');
  } else {
    await expect(link, 'the upload link is disabled, not hidden').toBeDisabled();
    await expect(link, 'the upload link is described by the reason').toHaveAccessibleDescription(
      new RegExp(escape(upload.reason ?? '')),
    );
  }
  // Reaching the form anyway (a bookmark) shows the reason and offers no way to start an upload that can only fail.
  await page.goto('/images/new');
  await expectGated(page.getByRole('button', { name: /^(开始上传|Start upload)$/ }), upload, 'start upload');
  if (!upload.supported)
    await expect(page.getByRole('note'), 'the form says why, visibly').toContainText(upload.reason ?? '');
  // The import from a URL (B.30 源镜像路径) needs the empty image too, then POST /images/{id}/import.
  const imported = await supportOf(page, 'POST', '/images/{id}/import');
  expect(imported.supported, `URL import is ${backend === 'sim' ? '' : 'not '}offered on ${backend}`).toBe(
    backend === 'sim',
  );
  const fromUrl = { supported: imported.supported && !empty, reason: empty ?? imported.reason };
  await expectGated(page.getByRole('radio', { name: /^(从 URL|From a URL)/ }), fromUrl, 'import from a URL');
});

test('floating IPs and flavor management follow the table, the nav entry greyed but still listed', async ({
  page,
  backend,
  adminLogin,
}) => {
  await signInWith(page, adminLogin);
  const list = await supportOf(page, 'GET', '/floating-ips');
  const allocate = await supportOf(page, 'POST', '/floating-ips');
  const createFlavor = await supportOf(page, 'POST', '/flavors');
  expect(list.supported, `floating IPs are ${backend === 'sim' ? '' : 'not '}offered on ${backend}`).toBe(
    backend === 'sim',
  );
  const nav = page
    .getByRole('navigation', { name: /主导航|Main navigation/ })
    .getByRole('link', { name: /^(浮动IP|Floating IPs)$/ });
  await expect(nav, 'the floating-IP entry stays in the sidebar').toBeVisible();
  if (list.supported)
    await expect(nav, 'the floating-IP entry has no "unavailable" description').not.toHaveAttribute(
      'aria-describedby',
      /.+/,
    );
  else {
    await expect(nav, 'the floating-IP entry is marked unsupported (greyed)').toHaveAttribute(
      'data-unsupported',
      'true',
    );
    await expect(nav, 'the floating-IP entry is described by the reason').toHaveAccessibleDescription(
      new RegExp(escape(list.reason ?? '')),
    );
  }
  await nav.click();
  await expect(page, 'the entry still leads to its page').toHaveURL(/\/floating-ips$/);
  await expectGated(
    page.getByRole('button', { name: /^(申请浮动IP|Allocate floating IP)$/ }),
    allocate,
    'allocate floating IP',
  );
  await page.goto('/flavors');
  await expectGated(page.getByRole('button', { name: /^(创建规格|Create flavor)$/ }), createFlavor, 'create flavor');
});

test('the capabilities page lists the options each operation has, and runs the self-test where the backend can', async ({
  page,
  backend,
  adminLogin,
}) => {
  test.setTimeout(300_000);
  await signInWith(page, adminLogin);
  const boot = await supportOf(page, 'POST', '/servers');
  await page.goto('/admin/capabilities');
  const row = page.getByRole('row').filter({ hasText: 'POST /servers' }).filter({ hasText: 'networks.port_id' });
  const options = row.getByRole('list', { name: /^(选项|Options)$/ });
  await expect(options).toBeVisible();
  // Every option of the row is listed; a refused one carries the backend's reason beside it.
  for (const [name, reason] of Object.entries(boot.parts))
    await expect(options.getByRole('listitem').filter({ hasText: name })).toContainText(reason);
  expect(Object.keys(boot.parts).length, `${backend} refuses some option of POST /servers`).toBeGreaterThan(0);

  const run = page.getByRole('button', { name: /^(运行自检|Run self-test)$/ });
  const projects = await supportOf(page, 'POST', '/projects');
  if (!projects.supported) {
    // A public cloud's projects live in its own IAM: the self-test cannot make its scratch project there.
    await expect(run).toBeDisabled();
    await expect(run).toHaveAccessibleDescription(new RegExp(escape(projects.reason ?? '')));
    return;
  }
  const done = waitForAction(page, 'runSelfTest');
  await run.click();
  await expect(
    page
      .getByRole('status')
      .filter({ hasText: /正在运行自检|Running the self-test/ })
      .first(),
  ).toBeVisible();
  const outcome = await done;
  expect(outcome.ok, JSON.stringify(outcome.error)).toBe(true);
  await expect(page.getByText(/(0 failed|失败 0 项)/)).toBeVisible({ timeout: 60_000 });
  const byOperation = page.getByRole('table', { name: /^(按接口|By operation)$/ });
  await expect(
    byOperation.getByRole('row').filter({ has: page.getByRole('cell', { name: 'POST /servers', exact: true }) }),
  ).toContainText(/通过|Passed/);
  await expect(
    page.getByText(/(临时项目 yuntu-selftest-[0-9a-f]+ 已删除|Scratch project yuntu-selftest-[0-9a-f]+ removed)/),
  ).toBeVisible();
});

test("an image's custom properties follow the table (PATCH /images/{id}#properties)", async ({
  page,
  request,
  backend,
  adminLogin,
  createdServers,
}) => {
  const serverId = await createActiveServer(request, adminLogin, `e2e-caps-img-${Date.now()}`);
  createdServers.push(serverId);
  await signInWith(page, adminLogin);
  const patch = await supportOf(page, 'PATCH', '/images/{id}');
  const reason = patch.parts.properties ?? null;
  expect(patch.supported, `renaming an image is offered on ${backend}`).toBe(true);
  expect(reason === null, `custom properties are ${backend === 'sim' ? '' : 'not '}offered on ${backend}`).toBe(
    backend === 'sim',
  );
  // An image of the admin's own project, captured from its server, so only the backend can grey the controls.
  const origin = { Origin: new URL(page.url()).origin };
  const r = await page.request.post('/api/v1/images', {
    data: { server_id: serverId, name: `e2e-caps-img-${Date.now()}` },
    headers: origin,
  });
  expect(r.status(), `capture an image: ${await r.text()}`).toBe(202);
  const imageId = (await r.json()).image.id as string;
  try {
    await expect
      .poll(async () => (await (await page.request.get(`/api/v1/images/${imageId}`)).json()).image.status, {
        message: 'the captured image becomes active',
        timeout: 60_000,
      })
      .toBe('active');
    const tableRead = page.waitForResponse((x) => x.url().endsWith('/api/v1/capabilities') && x.status() === 200);
    await page.goto(`/images/${imageId}`);
    await tableRead;
    await expectGated(
      page.getByRole('button', { name: /^(添加属性|Add property)$/ }),
      { supported: reason === null, reason },
      'add property',
    );
  } finally {
    await page.request.delete(`/api/v1/images/${imageId}`, { headers: origin });
  }
});

test('the Projects page follows the table: its nav entry and buttons greyed with the reason where projects are not offered', async ({
  page,
  adminLogin,
}) => {
  await signInWith(page, adminLogin);
  const list = await supportOf(page, 'GET', '/projects');
  const create = await supportOf(page, 'POST', '/projects');
  const nav = page
    .getByRole('navigation', { name: /主导航|Main navigation/ })
    .getByRole('link', { name: /^(项目|Projects)$/ });
  await expect(nav, 'the Projects entry stays in the sidebar').toBeVisible();
  if (list.supported)
    await expect(nav, 'the Projects entry has no "unavailable" description').not.toHaveAttribute(
      'aria-describedby',
      /.+/,
    );
  else {
    await expect(nav, 'the Projects entry is marked unsupported (greyed)').toHaveAttribute('data-unsupported', 'true');
    await expect(nav, 'the Projects entry is described by the reason').toHaveAccessibleDescription(
      new RegExp(escape(list.reason ?? '')),
    );
  }
  await nav.click();
  await expect(page, 'the entry still leads to its page').toHaveURL(/\/admin\/projects$/);
  await expectGated(page.getByRole('button', { name: /^(创建项目|Create project)$/ }), create, 'create project');
  if (!list.supported)
    await expect(page.getByRole('note').filter({ hasText: list.reason ?? '' }), 'the page says why').toBeVisible();
  else
    await expect(
      page
        .getByRole('table', { name: /项目管理|Projects/ })
        .getByRole('row')
        .nth(1),
    ).toBeVisible();
});

test('the Usage page follows the table: its nav entry greyed and the page saying why where the cloud has no usage history', async ({
  page,
  adminLogin,
}) => {
  await signInWith(page, adminLogin);
  const usage = await supportOf(page, 'GET', '/usage');
  const nav = page
    .getByRole('navigation', { name: /主导航|Main navigation/ })
    .getByRole('link', { name: /^(使用历史|Usage history)$/ });
  await expect(nav, 'the Usage entry stays in the sidebar').toBeVisible();
  if (usage.supported)
    await expect(nav, 'the Usage entry has no "unavailable" description').not.toHaveAttribute('aria-describedby', /.+/);
  else {
    await expect(nav, 'the Usage entry is marked unsupported (greyed)').toHaveAttribute('data-unsupported', 'true');
    await expect(nav, 'the Usage entry is described by the reason').toHaveAccessibleDescription(
      new RegExp(escape(usage.reason ?? '')),
    );
  }
  await nav.click();
  await expect(page, 'the entry still leads to its page').toHaveURL(/\/admin\/usage$/);
  if (!usage.supported) {
    await expect(page.getByRole('note').filter({ hasText: usage.reason ?? '' }), 'the page says why').toBeVisible();
    await expect(page.getByRole('form', { name: /使用历史筛选|Usage filters/ }), 'no filters for nothing').toBeHidden();
  } else await expect(page.getByTestId('usage-chart-vcpus')).toBeVisible();
});

test("key pairs follow the table: the nav entry, the create button and the wizard's key pair select", async ({
  page,
  backend,
  adminLogin,
}) => {
  await signInWith(page, adminLogin);
  const list = await supportOf(page, 'GET', '/key-pairs');
  const create = await supportOf(page, 'POST', '/key-pairs');
  const onServer = (await supportOf(page, 'POST', '/servers')).parts.key_name ?? null;
  expect(list.supported, `key pairs are ${backend === 'sim' ? '' : 'not '}offered on ${backend}`).toBe(
    backend === 'sim',
  );
  const nav = page
    .getByRole('navigation', { name: /主导航|Main navigation/ })
    .getByRole('link', { name: /^(密钥对|Key pairs)$/ });
  await expect(nav, 'the key pair entry stays in the sidebar').toBeVisible();
  if (list.supported)
    await expect(nav, 'the key pair entry has no "unavailable" description').not.toHaveAttribute(
      'aria-describedby',
      /.+/,
    );
  else {
    await expect(nav, 'the key pair entry is marked unsupported (greyed)').toHaveAttribute('data-unsupported', 'true');
    await expect(nav, 'the key pair entry is described by the reason').toHaveAccessibleDescription(
      new RegExp(escape(list.reason ?? '')),
    );
  }
  await nav.click();
  await expect(page, 'the entry still leads to its page').toHaveURL(/\/key-pairs$/);
  if (!list.supported)
    await expect(page.getByRole('note').filter({ hasText: list.reason ?? '' }), 'the page says why').toBeVisible();
  await expectGated(page.getByRole('button', { name: /^(创建密钥对|Create key pair)$/ }), create, 'create key pair');
  await page.goto('/servers/new?step=security');
  const select = page.getByRole('combobox', { name: /^(密钥对|Key pair)$/ });
  if (list.supported && onServer === null)
    await expect(select, 'the wizard offers key pairs: the backend takes key_name').toBeEnabled();
  else {
    const reason = list.supported ? onServer! : list.reason!;
    await expect(select, 'the key pair select is shown, disabled').toBeDisabled();
    await expect(select, 'it is described by the reason').toHaveAccessibleDescription(new RegExp(escape(reason)));
  }
});
