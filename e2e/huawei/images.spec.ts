import { createHash } from 'node:crypto';
import fs from 'node:fs';
import { waitForAction } from '../actions';
import { expect, signInWith, test } from '../capabilities-fixtures';

/**
 * Image upload on Huawei Cloud, in the browser (playwright.huawei.config.ts): the console's resumable upload takes
 * the file, the driver sends it to OBS as a multipart upload (the config's 100 KiB parts; the fake OBS checks every
 * signature and assembles the parts), IMS registers the object into the queued image, and the page shows it active
 * with the file's size and SHA-256. The download then comes back through IMS's export to OBS, byte for byte.
 */
test('an image uploaded in the browser goes through OBS and IMS and ends active, and downloads the same bytes', async ({
  page,
  backend,
  adminLogin,
}, testInfo) => {
  expect(backend, 'this spec runs on the Huawei Cloud fake').toBe('huaweicloud');
  const bytes = Buffer.alloc(350 * 1024 + 321);
  for (let i = 0; i < bytes.length; i++) bytes[i] = (i * 13 + (i >> 9)) % 251;
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  const file = testInfo.outputPath('huawei-upload.qcow2');
  fs.writeFileSync(file, bytes);

  await signInWith(page, adminLogin);
  await page.goto('/images/new');
  const start = page.getByRole('button', { name: /^(开始上传|Start upload)$/ });
  await expect(start, 'upload is offered: the console has an OBS bucket').toBeEnabled();
  await page.getByLabel(/镜像文件|Image file/).setInputFiles(file);
  await page.getByLabel(/^(名称|Name)$/).fill(`e2e-huawei-upload-${Date.now()}`);
  const created = waitForAction(page, 'createImage');
  await start.click();
  const res = await created;
  expect(res.status, `IMS created the image metadata: ${JSON.stringify(res.body)}`).toBe(201);
  const id = res.body.image.id as string;
  try {
    await expect(page, 'ends on the image page').toHaveURL(new RegExp(`/images/${id}$`), { timeout: 60_000 });
    await expect(page.locator('[data-status="active"]').first(), 'IMS imported the file: active').toBeVisible({
      timeout: 60_000,
    });
    await expect(page.getByTestId('image-size'), 'the size of the file').toContainText(String(bytes.length));
    await expect(page.getByTestId('image-checksum'), 'the SHA-256 of the file').toHaveText(sha256);

    // The download goes through IMS's export to OBS and the console streams it back.
    const file2 = await page.request.get(`/api/v1/images/${id}/file`);
    expect(file2.status(), 'the download answers 200').toBe(200);
    const back = await file2.body();
    expect(back.length, 'the same length').toBe(bytes.length);
    expect(createHash('sha256').update(back).digest('hex'), 'the same bytes').toBe(sha256);
  } finally {
    const del = await page.request.delete(`/api/v1/images/${id}`, { headers: { Origin: new URL(page.url()).origin } });
    expect([204, 404], 'the image is cleaned up').toContain(del.status());
  }
});
