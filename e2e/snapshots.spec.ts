import { waitForAction } from './actions';
import { apiAs, expect, signIn, test, uniq } from './helpers';

test('snapshot: take one of a volume, the volume cannot go while it holds one, make a volume from it, rename, delete; change the volume type', async ({
  page,
  request,
}) => {
  const api = await apiAs(request, 'alice');
  const source = uniq('e2e-snapsrc');
  const created = await api.call('POST', '/volumes', { name: source, size_gb: 3, datacenter_id: 'dc-bj1' });
  expect(created.status, 'the source volume is accepted').toBe(202);
  const volumeId: string = created.body.volume.id;
  await api.waitFor(`/volumes/${volumeId}`, (b) => (b.volume as { status: string }).status, 'available', 'available');
  await signIn(page, 'alice');

  // From the volume's page: the dialog proposes a name; the snapshot appears in the volume's list by itself.
  await page.goto(`/volumes/${volumeId}`);
  await page.getByRole('button', { name: /^(创建快照|Create snapshot)$/ }).click();
  const dialog = page.getByRole('dialog');
  const snapName = uniq('e2e-snap');
  await dialog.getByLabel(/^(名称|Name)$/).fill(snapName);
  const taken = waitForAction(page, 'createSnapshot');
  await dialog.getByRole('button', { name: /^(创建快照|Take snapshot)$/ }).click();
  expect((await taken).status, 'the API accepts the snapshot').toBe(202);
  const ofVolume = page.getByRole('list', { name: /^(快照|Snapshots)$/ });
  await expect(ofVolume, 'the volume lists its snapshot').toContainText(snapName);
  await expect(ofVolume.locator('[data-status="available"]'), 'creating turns available without a reload').toBeVisible({
    timeout: 60_000,
  });

  // A volume holding a snapshot is refused deletion by the API (409): the console does not offer it, and says why.
  const deleteVolume = page.getByRole('button', { name: /^(删除云硬盘|Delete volume)$/ });
  await expect(deleteVolume, 'deleting a volume with snapshots is not offered').toBeDisabled();
  await expect(deleteVolume).toHaveAttribute('title', /快照|snapshots/);
  expect((await api.call('DELETE', `/volumes/${volumeId}`)).status, 'the API refuses it too').toBe(409);

  // The snapshots page: make a volume from it, at least the snapshot's size (the wizard preselects it).
  await page.goto(`/snapshots?volume_id=${volumeId}`);
  const row = page.getByRole('row', { name: new RegExp(snapName) });
  await expect(row).toBeVisible();
  await row.getByRole('link', { name: /^(创建云硬盘|Create volume)$/ }).click();
  await expect(page.getByLabel(/^(源快照|Source snapshot)$/), 'the snapshot is preselected').not.toHaveValue('');
  await expect(page.getByLabel(/^(容量 \(GB\)|Size \(GB\))$/), "the size starts at the snapshot's").toHaveValue('3');
  await page.getByLabel(/^(容量 \(GB\)|Size \(GB\))$/).fill('2');
  await expect(page.getByText(/小于快照的容量|Smaller than the snapshot/), 'too small is refused first').toBeVisible();
  await page.getByLabel(/^(容量 \(GB\)|Size \(GB\))$/).fill('4');
  const restored = uniq('e2e-fromsnap');
  await page.getByLabel(/^(名称|Name)$/).fill(restored);
  const made = waitForAction(page, 'createVolume');
  await page.getByRole('button', { name: /^(创建云硬盘|Create volume)$/ }).click();
  expect((await made).status, 'the API accepts the volume from the snapshot').toBe(202);
  await expect(page.getByRole('heading', { name: restored })).toBeVisible();
  await expect(page.getByText(/源快照|Source snapshot/), 'the new volume says where it came from').toBeVisible();
  const restoredId = new URL(page.url()).pathname.split('/').pop()!;

  // Rename on the snapshots page, then delete it: the source volume can go after.
  await page.goto(`/snapshots?volume_id=${volumeId}`);
  await page
    .getByRole('row', { name: new RegExp(snapName) })
    .getByRole('button', { name: /^(修改|Edit)$/ })
    .click();
  const renamed = `${snapName}-v2`;
  await page
    .getByRole('dialog')
    .getByLabel(/^(名称|Name)$/)
    .fill(renamed);
  await page
    .getByRole('dialog')
    .getByRole('button', { name: /^(保存|Save)$/ })
    .click();
  await expect(page.getByRole('row', { name: new RegExp(renamed) }), 'the new name is listed').toBeVisible();
  await page
    .getByRole('row', { name: new RegExp(renamed) })
    .getByRole('button', { name: /^(删除|Delete)$/ })
    .click();
  await page
    .getByRole('dialog')
    .getByRole('button', { name: /^(删除|Delete)$/ })
    .click();
  await expect(page.getByText(/还没有快照|No snapshots yet/), 'the list is empty after').toBeVisible();
  await page.goto(`/volumes/${volumeId}`);
  await expect(page.getByRole('button', { name: /^(删除云硬盘|Delete volume)$/ }), 'now it can go').toBeEnabled();

  // Change the source volume's type: the dialog offers the backend's other types; it is retyping, then the new one.
  await page.getByRole('button', { name: /^(修改类型|Change type)$/ }).click();
  await page
    .getByRole('dialog')
    .getByLabel(/^(新类型|New type)$/)
    .selectOption('SATA');
  await page
    .getByRole('dialog')
    .getByRole('button', { name: /^(修改类型|Change type)$/ })
    .click();
  await expect(page.locator('dd').getByText('SATA', { exact: true }), 'the new type is shown').toBeVisible({
    timeout: 60_000,
  });
  await expect(page.locator('[data-status="available"]').first(), 'back to available').toBeVisible({ timeout: 60_000 });

  for (const id of [restoredId, volumeId]) {
    await api.waitFor(`/volumes/${id}`, (b) => (b.volume as { status: string }).status, 'available', 'settled');
    expect([202, 204]).toContain((await api.call('DELETE', `/volumes/${id}`)).status);
  }
});

test('snapshot: the server wizard adds a disk made from one, deleted with the server', async ({
  page,
  request,
  createdServers,
}) => {
  const api = await apiAs(request, 'alice');
  const created = await api.call('POST', '/volumes', {
    name: uniq('e2e-bootsrc'),
    size_gb: 2,
    datacenter_id: 'dc-bj1',
  });
  const volumeId: string = created.body.volume.id;
  await api.waitFor(`/volumes/${volumeId}`, (b) => (b.volume as { status: string }).status, 'available', 'available');
  const snapName = uniq('e2e-disksnap');
  const snap = await api.call('POST', '/snapshots', { volume_id: volumeId, name: snapName });
  expect(snap.status).toBe(202);
  const snapId: string = snap.body.snapshot.id;
  await api.waitFor(`/snapshots/${snapId}`, (b) => (b.snapshot as { status: string }).status, 'available', 'ready');

  await signIn(page, 'alice');
  await page.goto('/servers/new?step=basics');
  await page.getByRole('button', { name: /清空向导|Reset wizard/ }).click();
  const name = uniq('e2e-snapdisk');
  await page.getByLabel(/^(名称|Name)$/).fill(name);
  await page.getByLabel(/^(数据中心|Datacenter)$/).selectOption('dc-bj1');
  await page.getByRole('button', { name: /^(下一步|Next)$/ }).click();
  await page.getByRole('radio', { name: /s1\.small/ }).check();
  await page.getByRole('button', { name: /^(下一步|Next)$/ }).click();
  await page.getByRole('radio', { name: /cirros/ }).check();
  for (const step of ['network', 'storage']) {
    await page.getByRole('button', { name: /^(下一步|Next)$/ }).click();
    await expect(page).toHaveURL(new RegExp(`step=${step}`));
  }
  await page.getByRole('button', { name: /^(从快照添加云硬盘|Add a disk from a snapshot)$/ }).click();
  await page.getByLabel(/^(快照云硬盘|Disk from snapshot) 1$/).selectOption(snapId);
  for (const step of ['security', 'advanced', 'review']) {
    await page.getByRole('button', { name: /^(下一步|Next)$/ }).click();
    await expect(page).toHaveURL(new RegExp(`step=${step}`));
  }
  await expect(page.getByLabel(/API 请求|API request/), 'the request names the snapshot').toContainText(snapId);
  const made = waitForAction(page, 'createServer');
  await page.getByRole('button', { name: /^(创建|Create)$/ }).click();
  const res = await made;
  expect(res.status, 'the API accepts the server').toBe(202);
  createdServers.push(res.body.id);
  await expect(page.locator('[data-status="active"]').first()).toBeVisible({ timeout: 60_000 });
  const server = (await api.call('GET', `/servers/${res.body.id}`)).body.server as { volume_ids: string[] };
  expect(server.volume_ids.length, 'the server has the disk').toBe(1);
  const disk = (await api.call('GET', `/volumes/${server.volume_ids[0]}`)).body.volume as {
    source_snapshot_id: string;
    size_gb: number;
  };
  expect(disk).toMatchObject({ source_snapshot_id: snapId, size_gb: 2 });

  // The disk goes with the server; then the snapshot and its volume can go.
  expect([202, 204]).toContain((await api.call('DELETE', `/servers/${res.body.id}`)).status);
  await expect
    .poll(async () => (await api.call('GET', `/volumes/${server.volume_ids[0]}`)).status, { timeout: 60_000 })
    .toBe(404);
  expect([202, 204]).toContain((await api.call('DELETE', `/snapshots/${snapId}`)).status);
  await expect.poll(async () => (await api.call('GET', `/snapshots/${snapId}`)).status, { timeout: 60_000 }).toBe(404);
  expect([202, 204]).toContain((await api.call('DELETE', `/volumes/${volumeId}`)).status);
});
