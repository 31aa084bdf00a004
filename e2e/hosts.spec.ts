import { waitForAction } from './actions';
import { apiAs, apiServer, apiToken, expect, signIn, test, uniq } from './helpers';

/*
 * Hosts for maintenance in the browser (simulator): an administrator disables a host with a reason, sees it in the
 * hosts table, opens the server wizard and finds that host greyed with the reason, creates a server that the
 * scheduler places elsewhere, then empties a host with "Migrate all off" and reads the per-server results. Every host
 * disabled here is enabled again at the end, whatever happened (the API, in afterAll).
 */
const dc = 'dc-sh1';
const off = `${dc}-compute-2`;
const reason = uniq('replacing memory');

test.describe.configure({ mode: 'serial' });

test.afterAll(async ({ request }) => {
  const admin = await apiAs(request, 'admin');
  const hosts = (await admin.call('GET', '/hosts')).body.hosts as { id: string; status: string }[];
  for (const h of hosts.filter((x) => x.status === 'disabled')) await admin.call('POST', `/hosts/${h.id}/enable`);
});

test('disable a host with a reason, see the wizard avoid it, migrate all off another host', async ({
  page,
  request,
  createdServers,
}) => {
  await signIn(page, 'admin');
  await page.goto('/admin/hosts');
  const row = page.getByRole('row', { name: new RegExp(off) });
  await row.getByRole('button', { name: /^(停用|Disable)$/ }).click();
  const dialog = page.getByRole('dialog');
  // The reason is required: an empty one is refused in the form, naming the field.
  await dialog.getByRole('button', { name: /^(停用|Disable)$/ }).click();
  await expect(dialog.getByRole('alert').first(), 'an empty reason is refused').toBeVisible();
  await dialog.getByLabel(/^(停用原因|Reason)$/).fill(reason);
  const disabled = waitForAction(page, 'disableHost');
  await dialog.getByRole('button', { name: /^(停用|Disable)$/ }).click();
  expect((await disabled).status, 'the host is disabled').toBe(200);
  await expect(row, 'the table shows the reason').toContainText(reason);
  await expect(row.getByRole('button', { name: /^(启用|Enable)$/ }), 'and offers Enable').toBeVisible();

  // The wizard, as an administrator: the Placement choice greys the disabled host with its reason.
  await page.goto('/servers/new?step=basics');
  await page.getByRole('button', { name: /清空向导|Reset wizard/ }).click();
  const name = uniq('e2e-hosts');
  await page.getByLabel(/^(名称|Name)$/).fill(name);
  await page.getByLabel(/^(数据中心|Datacenter)$/).selectOption(dc);
  const placement = page.getByRole('group', { name: /放置位置|Placement/ });
  const greyed = placement.getByRole('radio', { name: new RegExp(off) });
  await expect(greyed, 'the disabled host cannot be chosen').toBeDisabled();
  await expect(placement.getByText(reason), 'its reason is shown beside it').toBeVisible();
  await expect(placement.getByRole('radio', { name: /自动调度|Automatic/ }), 'automatic by default').toBeChecked();
  await page.getByRole('button', { name: /^(下一步|Next)$/ }).click();
  await page.getByRole('radio', { name: /s1\.small/ }).check();
  await page.getByRole('button', { name: /^(下一步|Next)$/ }).click();
  await page.getByRole('radio', { name: /cirros/ }).check();
  for (const step of ['network', 'storage', 'security', 'advanced', 'review']) {
    await page.getByRole('button', { name: /^(下一步|Next)$/ }).click();
    await expect(page, `reaches ${step}`).toHaveURL(new RegExp(`step=${step}`));
  }
  const created = waitForAction(page, 'createServer');
  await page.getByRole('button', { name: /^(创建|Create)$/ }).click();
  const res = await created;
  expect(res.status, JSON.stringify(res.body)).toBe(202);
  const id = res.body.id as string;
  createdServers.push(id);
  const token = await apiToken(request, 'admin');
  await expect
    .poll(async () => (await apiServer(request, token, id)).status, { message: 'active', timeout: 60_000 })
    .toBe('active');
  const placed = (await apiServer(request, token, id)).host!;
  expect(placed, 'the scheduler placed it on another host').not.toBe(off);

  // The host page of where it landed: its servers, then "Migrate all off" with a result per server.
  await page.goto('/admin/hosts');
  await page.getByRole('link', { name: placed, exact: true }).click();
  await expect(page.getByRole('heading', { name: new RegExp(placed) })).toBeVisible();
  const servers = page.getByRole('table', { name: /该主机上的云主机|Servers on this host/ });
  await expect(servers.getByRole('link', { name }), 'the new server is listed on its host').toBeVisible();
  await page.getByRole('button', { name: /^(全部迁出|Migrate all off)$/ }).click();
  const migrate = page.getByRole('dialog');
  const batch = waitForAction(page, 'migrateServersOffHost');
  await migrate.getByRole('button', { name: /^(全部迁出|Migrate all off)$/ }).click();
  const outcome = await batch;
  expect(outcome.status, JSON.stringify(outcome.body)).toBe(202);
  const mine = (outcome.body.results as { server_id: string; outcome: string; target_host?: string }[]).find(
    (r) => r.server_id === id,
  );
  expect(mine?.outcome, 'our server is moved').toBe('started');
  expect(mine?.target_host, 'never to the disabled host').not.toBe(off);
  const results = migrate.getByRole('table', { name: /迁移结果|Migration results/ });
  await expect(results.getByRole('row', { name: new RegExp(name) }), 'the result is shown per server').toContainText(
    /已开始迁移|Migration started/,
  );
  await migrate.getByRole('button', { name: /^(关闭|Close)$/ }).click();
  await expect
    .poll(async () => (await apiServer(request, token, id)).host, { message: 'lands elsewhere', timeout: 60_000 })
    .toBe(mine!.target_host);

  // Enable again in the browser.
  await page.goto('/admin/hosts');
  const enabled = waitForAction(page, 'enableHost');
  await page
    .getByRole('row', { name: new RegExp(off) })
    .getByRole('button', { name: /^(启用|Enable)$/ })
    .click();
  expect((await enabled).status, 'enabled again').toBe(200);
  await expect(page.getByRole('row', { name: new RegExp(off) })).not.toContainText(reason);
});
