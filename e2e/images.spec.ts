import { waitForAction } from './actions';
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { expect, signIn, test } from './helpers';

test('a 50 MB image upload shows progress, pauses, resumes and ends active', async ({
  page,
  createdImages,
}, testInfo) => {
  const file = testInfo.outputPath('e2e-upload.qcow2');
  fs.writeFileSync(file, Buffer.alloc(52 * 1024 * 1024, 7));
  await signIn(page, 'alice');
  await page.goto('/images/new');
  await page.getByLabel(/镜像文件|Image file/).setInputFiles(file);
  await page.getByLabel(/^(名称|Name)$/).fill(`e2e-upload-${Date.now()}`);
  const created = waitForAction(page, 'createImage');
  await page.getByRole('button', { name: /开始上传|Start upload/ }).click();
  const res = await created;
  expect(res.status, 'metadata created').toBe(201);
  const id = res.body.image.id as string;
  createdImages.push(id);
  const bar = page.getByRole('progressbar', { name: /上传进度|Upload progress/ });
  await expect(bar, 'progress is visible').toBeVisible();
  // Interrupt after the first chunk has landed, then resume from the server's offset.
  await page.waitForResponse(
    (r) => r.url().includes('/api/v1/uploads/') && r.request().method() === 'PATCH' && r.status() === 204,
  );
  await page.getByRole('button', { name: /^(暂停|Pause)$/ }).click();
  const paused = Number(await bar.getAttribute('aria-valuenow'));
  expect(paused, 'paused part-way').toBeLessThan(100);
  await page.getByRole('button', { name: /^(继续|Resume)$/ }).click();
  await expect(page, 'ends on the image page').toHaveURL(new RegExp(`/images/${id}$`), { timeout: 120_000 });
  await expect(page.locator('[data-status="active"]').first(), 'the image is active').toBeVisible({ timeout: 60_000 });
  await expect(page.getByTestId('image-size'), 'size shown').toContainText(String(52 * 1024 * 1024));
  await expect(page.getByTestId('image-checksum'), 'checksum shown').toHaveText(/^[0-9a-f]{64}$/);
});

test('JSON-patch edits apply, and a refused op explains itself', async ({ page, request, createdImages }) => {
  await signIn(page, 'alice');
  // page.request shares the page's cookie but, unlike the page's own fetch, sends no Origin: the CSRF check wants one.
  const r = await page.request.post('/api/v1/images', {
    data: { name: `e2e-patch-${Date.now()}` },
    headers: { Origin: new URL(page.url()).origin },
  });
  expect(r.status(), 'fixture image').toBe(201);
  const id = (await r.json()).image.id as string;
  createdImages.push(id);
  void request;
  await page.goto(`/images/${id}`);
  const editor = page.getByLabel(/操作 \(JSON 数组\)|Operations \(JSON array\)/);
  await editor.fill(JSON.stringify([{ op: 'replace', path: '/description', value: 'patched by e2e' }]));
  let patch = waitForAction(page, 'patchImage');
  await page.getByRole('button', { name: /^(应用|Apply)$/ }).click();
  expect((await patch).status, 'the patch applies').toBe(200);
  await expect(page.getByText('patched by e2e').first(), 'the new description shows').toBeVisible();
  await editor.fill(JSON.stringify([{ op: 'replace', path: '/checksum', value: 'x' }]));
  patch = waitForAction(page, 'patchImage');
  await page.getByRole('button', { name: /^(应用|Apply)$/ }).click();
  expect((await patch).status, 'a read-only property is refused').toBe(403);
  await expect(page.getByRole('alert').filter({ hasText: /checksum/ }), "the API's message is shown").toBeVisible();
  await editor.fill(JSON.stringify([{ op: 'add', path: '/name', value: 'x' }]));
  patch = waitForAction(page, 'patchImage');
  await page.getByRole('button', { name: /^(应用|Apply)$/ }).click();
  expect((await patch).status, 'add on an existing property is refused').toBe(409);
});

test('custom properties: add one in the browser, see it after reload, edit it, remove it', async ({
  page,
  createdImages,
}) => {
  await signIn(page, 'alice');
  const r = await page.request.post('/api/v1/images', {
    data: { name: `e2e-props-${Date.now()}` },
    headers: { Origin: new URL(page.url()).origin },
  });
  expect(r.status(), 'fixture image').toBe(201);
  const id = (await r.json()).image.id as string;
  createdImages.push(id);
  await page.goto(`/images/${id}`);
  const table = page.getByRole('table', { name: /自定义属性|Custom properties/ });
  await expect(table, 'an image without custom properties says so').toContainText(
    /暂无自定义属性|No custom properties/,
  );

  // The form names a bad key under its field before anything is sent.
  await page.getByRole('button', { name: /^(添加属性|Add property)$/ }).click();
  let dialog = page.getByRole('dialog', { name: /添加属性|Add property/ });
  await dialog.getByLabel(/^(键|Key)$/).fill('os_distro');
  await dialog.getByLabel(/^(值|Value)$/).fill('ubuntu');
  await dialog.getByRole('button', { name: /^(保存|Save)$/ }).click();
  await expect(dialog.getByRole('alert'), 'a reserved key is refused by field').toContainText(/保留名称|Reserved/);
  await dialog.getByLabel(/^(键|Key)$/).fill('9lives');
  await dialog.getByRole('button', { name: /^(保存|Save)$/ }).click();
  await expect(dialog.getByRole('alert'), 'a key starting with a digit is refused').toContainText(
    /须以字母开头|Start with a letter/,
  );

  await dialog.getByLabel(/^(键|Key)$/).fill('gis_crs');
  await dialog.getByLabel(/^(值|Value)$/).fill('EPSG:4490');
  let patch = waitForAction(page, 'patchImage');
  await dialog.getByRole('button', { name: /^(保存|Save)$/ }).click();
  let res = await patch;
  expect(res.status, 'the add applies').toBe(200);
  expect(res.body.image.properties).toEqual({ gis_crs: 'EPSG:4490' });
  await expect(dialog, 'the dialog closes').toBeHidden();
  const row = table.locator('tr[data-property="gis_crs"]');
  await expect(row).toContainText('EPSG:4490');

  await page.reload();
  await expect(row, 'the property is stored: it shows after a reload').toContainText('EPSG:4490');

  await row.getByRole('button', { name: /编辑属性 gis_crs|Edit property gis_crs/ }).click();
  dialog = page.getByRole('dialog', { name: /编辑属性 gis_crs|Edit property gis_crs/ });
  await expect(dialog.getByLabel(/^(键|Key)$/), 'the key of an edited property stays').toHaveValue('gis_crs');
  await dialog.getByLabel(/^(值|Value)$/).fill('EPSG:4326');
  patch = waitForAction(page, 'patchImage');
  await dialog.getByRole('button', { name: /^(保存|Save)$/ }).click();
  res = await patch;
  expect(res.status, 'the replace applies').toBe(200);
  await expect(row).toContainText('EPSG:4326');

  // Adding the same key again is caught by the form (B.35: add only a property the image lacks).
  await page.getByRole('button', { name: /^(添加属性|Add property)$/ }).click();
  dialog = page.getByRole('dialog', { name: /添加属性|Add property/ });
  await dialog.getByLabel(/^(键|Key)$/).fill('gis_crs');
  await dialog.getByRole('button', { name: /^(保存|Save)$/ }).click();
  await expect(dialog.getByRole('alert')).toContainText(/已有此属性|already has/);
  await dialog.getByRole('button', { name: /^(取消|Cancel)$/ }).click();

  await row.getByRole('button', { name: /删除属性 gis_crs|Remove property gis_crs/ }).click();
  patch = waitForAction(page, 'patchImage');
  await page
    .getByRole('dialog', { name: /删除属性|Remove property/ })
    .getByRole('button', { name: /^(删除|Delete)$/ })
    .click();
  res = await patch;
  expect(res.status, 'the remove applies').toBe(200);
  expect(res.body.image.properties).toEqual({});
  await expect(row, 'the row is gone').toHaveCount(0);
  await page.reload();
  await expect(table).toContainText(/暂无自定义属性|No custom properties/);
});

test("another project's public image shows its properties, greyed with the reason", async ({ page }) => {
  await signIn(page, 'alice');
  await page.goto('/images');
  await page
    .getByRole('link', { name: /cirros/ })
    .first()
    .click();
  await expect(page.getByRole('table', { name: /自定义属性|Custom properties/ })).toBeVisible();
  const add = page.getByRole('button', { name: /^(添加属性|Add property)$/ });
  await expect(add, 'not the owner: greyed').toBeDisabled();
  await expect(add).toHaveAttribute('title', /其他项目|another project/);
});

test('an upload survives a dropped connection: the client asks the server for its offset and goes on', async ({
  page,
  createdImages,
}, testInfo) => {
  const file = testInfo.outputPath('e2e-drop.qcow2');
  fs.writeFileSync(file, Buffer.alloc(24 * 1024 * 1024, 9));
  await signIn(page, 'alice');
  // The second chunk's connection drops once, mid-flight.
  let dropped = 0;
  let patches = 0;
  await page.route(/\/api\/v1\/uploads\/.+/, async (route) => {
    if (route.request().method() === 'PATCH' && ++patches === 2 && dropped === 0) {
      dropped++;
      return route.abort('connectionreset');
    }
    return route.continue();
  });
  await page.goto('/images/new');
  await page.getByLabel(/镜像文件|Image file/).setInputFiles(file);
  await page.getByLabel(/^(名称|Name)$/).fill(`e2e-drop-${Date.now()}`);
  const created = waitForAction(page, 'createImage');
  const resumedFrom = page.waitForResponse(
    (r) => r.url().includes('/api/v1/uploads/') && r.request().method() === 'HEAD',
  );
  await page.getByRole('button', { name: /开始上传|Start upload/ }).click();
  const id = (await created).body.image.id as string;
  createdImages.push(id);
  const head = await resumedFrom;
  expect(
    Number(head.headers()['upload-offset']),
    'after the drop the client asks for the offset the server has',
  ).toBeGreaterThan(0);
  await expect(page, 'ends on the image page').toHaveURL(new RegExp(`/images/${id}$`), { timeout: 120_000 });
  await expect(page.locator('[data-status="active"]').first(), 'the image is active').toBeVisible({ timeout: 60_000 });
  await expect(page.getByTestId('image-size'), 'all bytes arrived').toContainText(String(24 * 1024 * 1024));
  expect(dropped, 'one connection was dropped').toBe(1);
});

test.describe('an image imported from a URL (B.30 源镜像路径)', () => {
  let source: http.Server;
  let url: string;
  const bytes = Buffer.alloc(2 * 1024 * 1024 + 17, 9);
  test.beforeAll(async () => {
    // The file the console fetches: served slowly from 127.0.0.1 (the e2e console allows that address only), so
    // the task tray has progress to show before the image is active.
    source = http.createServer((_req, res) => {
      res.writeHead(200, { 'content-length': String(bytes.length) });
      const piece = Math.ceil(bytes.length / 20);
      let off = 0;
      const next = () => {
        if (res.destroyed) return;
        if (off >= bytes.length) return void res.end();
        res.write(bytes.subarray(off, off + piece));
        off += piece;
        setTimeout(next, 300);
      };
      next();
    });
    await new Promise<void>((r) => source.listen(0, '127.0.0.1', r));
    url = `http://127.0.0.1:${(source.address() as AddressInfo).port}/disk.raw`;
  });
  test.afterAll(() => {
    source.closeAllConnections();
    source.close();
  });

  test('a refused URL shows its reason under the field; an allowed one imports, with progress in the task tray', async ({
    page,
    createdImages,
  }) => {
    await signIn(page, 'alice');
    await page.goto('/images/new');
    await page.getByLabel(/^(从 URL|From a URL)$/).check();
    await page.getByLabel(/^(名称|Name)$/).fill(`e2e-import-${Date.now()}`);
    const field = page.getByLabel(/源镜像路径 \(URL\)|Source image URL/);
    // The browser refuses what the contract refuses, before any call.
    await field.fill('ftp://127.0.0.1/disk.raw');
    await page.getByRole('button', { name: /^(开始导入|Start import)$/ }).click();
    await expect(
      page.getByRole('alert').filter({ hasText: /http or https/ }),
      'the schema names the rule',
    ).toBeVisible();
    // The metadata address: only the server knows it is refused, and says why under the field.
    await field.fill('http://169.254.169.254/latest/meta-data/');
    const created = waitForAction(page, 'createImage');
    let imported = waitForAction(page, 'importImage');
    await page.getByRole('button', { name: /^(开始导入|Start import)$/ }).click();
    const image = await created;
    expect(image.status, 'the empty image is made first').toBe(201);
    const id = image.body.image.id as string;
    createdImages.push(id);
    const refused = await imported;
    expect(refused.status, 'refused by the server').toBe(400);
    expect(refused.error?.details?.[0]?.path).toBe('source_url');
    await expect(field, 'the field is marked invalid').toHaveAttribute('aria-invalid', 'true');
    await expect(
      page.getByRole('alert').filter({ hasText: /metadata address/ }),
      'the reason under the field',
    ).toBeVisible();
    // The corrected URL goes into the same image (no second one is made).
    await field.fill(url);
    imported = waitForAction(page, 'importImage');
    await page.getByRole('button', { name: /^(开始导入|Start import)$/ }).click();
    const ok = await imported;
    expect(ok.status, 'the import starts').toBe(202);
    expect(ok.body.image.id, 'into the image made before').toBe(id);
    await expect(page, 'goes to the image').toHaveURL(new RegExp(`/images/${id}$`));
    await page.getByRole('button', { name: /^(任务|Tasks)/ }).click();
    const task = page.locator('#task-tray li').filter({ hasText: /导入镜像|Import image/ });
    await expect(task.getByRole('progressbar'), 'progress shows in the tray while importing').toBeVisible();
    await expect(task, 'the task ends done').toHaveAttribute('data-task-state', 'done', { timeout: 30_000 });
    await expect(page.locator('[data-status="active"]').first(), 'the image is active').toBeVisible();
    await expect(page.getByTestId('image-size')).toContainText(String(bytes.length));
    await expect(page.getByTestId('image-import')).toHaveAttribute('data-import-status', 'succeeded');
  });
});
