import type { Page } from '@playwright/test';
import { waitForAction } from './actions';
import { apiAs, createActiveServer, expect, signIn, test, uniq } from './helpers';

/*
 * All-project views (issue 14, part 5): on every list page an admin turns on "All projects", narrows the list to
 * one project with the Project filter (both in the URL), sees the Project column with the project's name, and
 * acts on another project's resource: deletes alice's volume from the volumes list.
 */

const lists = [
  { path: '/servers', key: 'servers' },
  { path: '/volumes', key: 'volumes' },
  { path: '/networks', key: 'networks' },
  { path: '/floating-ips', key: 'floating_ips' },
  { path: '/public-ips', key: 'public_ips' },
  { path: '/load-balancers', key: 'load_balancers' },
  { path: '/security-groups', key: 'security_groups' },
  { path: '/images', key: 'images' },
] as const;

/** Where a list page shows one resource: its table row, or (networks) its card. */
function entry(page: Page, path: string, label: string) {
  return path === '/networks'
    ? page.getByRole('list', { name: /^(网络|Networks)$/ }).getByRole('listitem', { name: label })
    : page.getByRole('row').filter({ hasText: label });
}

test('admin: every list page lists all projects, filters by project, shows the Project column and deletes another project’s volume', async ({
  page,
  request,
  createdServers,
}) => {
  test.setTimeout(240_000);
  const alice = await apiAs(request, 'alice');
  const admin = await apiAs(request, 'admin');
  const name = uniq('e2e-allproj');
  const made = (r: { status: number; body: Record<string, { id: string }> }, key: string) => {
    expect(r.status, `fixture ${key}: ${JSON.stringify(r.body)}`).toBeLessThan(300);
    return r.body[key]!;
  };
  // One of each resource type in alice's project, all findable by `name` (a floating IP by its description).
  createdServers.push(await createActiveServer(request, 'alice', name));
  const volume = made(await alice.call('POST', '/volumes', { size_gb: 1, name, datacenter_id: 'dc-bj1' }), 'volume');
  const network = made(await alice.call('POST', '/networks', { name }), 'network');
  const ext = (await alice.call('GET', '/networks?external=true')).body.networks[0].id as string;
  const fip = made(
    await alice.call('POST', '/floating-ips', { external_network_id: ext, description: name }),
    'floating_ip',
  ) as unknown as { id: string; floating_ip_address: string };
  const pip = made(await alice.call('POST', '/public-ips', { name }), 'public_ip');
  const lb = made(await alice.call('POST', '/load-balancers', { name }), 'load_balancer');
  const sg = made(await alice.call('POST', '/security-groups', { name }), 'security_group');
  const image = made(await alice.call('POST', '/images', { name }), 'image');
  const projectId = (volume as unknown as { project_id: string }).project_id;
  const projects = (await admin.call('GET', '/projects')).body.projects as { id: string; name: string }[];
  const own = projects.find((p) => p.id === projectId)!;
  const other = projects.find((p) => p.id !== projectId && p.name === 'gis-shanghai')!;
  expect(own && other, 'the demo projects').toBeTruthy();

  await signIn(page, 'admin');
  for (const { path } of lists) {
    const label = path === '/floating-ips' ? fip.floating_ip_address : name;
    // A floating IP has no name: the list's name filter matches its description (and address).
    await page.goto(`${path}?name=${encodeURIComponent(name)}`);
    await expect(entry(page, path, label), `${path}: not in the admin’s own project`).toHaveCount(0);
    // A click, not check(): the box follows the URL, which changes a moment later.
    await page.getByLabel(/全部项目|All projects/).click();
    await expect(page, `${path}: the scope is in the URL`).toHaveURL(/all_projects=true/);
    await expect(entry(page, path, label), `${path}: alice's resource with all projects`).toBeVisible();
    if (path === '/networks')
      await expect(entry(page, path, label), 'the card names the project').toContainText(own.name);
    else {
      await expect(
        page.getByRole('columnheader', { name: /^(项目|Project)$/ }),
        `${path}: Project column`,
      ).toBeVisible();
      await expect(entry(page, path, label).getByRole('cell', { name: own.name, exact: true })).toBeVisible();
    }
    const filter = page.getByRole('combobox', { name: /^(项目|Project)$/ });
    await filter.selectOption(other.id);
    await expect(page, `${path}: the project is in the URL`).toHaveURL(new RegExp(`project_id=${other.id}`));
    await expect(entry(page, path, label), `${path}: not in ${other.name}`).toHaveCount(0);
    await filter.selectOption(own.id);
    await expect(entry(page, path, label), `${path}: in ${own.name}`).toBeVisible();
  }

  // A link with the scope opens the same view (the projects page links there); the admin deletes alice's volume.
  await page.goto(`/volumes?project_id=${projectId}&name=${name}`);
  await expect(page.getByLabel(/全部项目|All projects/)).toBeChecked();
  await expect(page.getByRole('combobox', { name: /^(项目|Project)$/ })).toHaveValue(projectId);
  await alice.waitFor(`/volumes/${volume.id}`, (b) => (b.volume as { status: string }).status, 'available', 'ready');
  await expect(page.locator('[data-status="available"]')).toBeVisible();
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
  expect((await del).status, 'the admin deletes another project’s volume').toBeLessThan(300);
  await expect(entry(page, '/volumes', name), 'gone from the list').toHaveCount(0, { timeout: 30_000 });
  await expect.poll(async () => (await alice.call('GET', `/volumes/${volume.id}`)).status).toBe(404);

  // The projects page links to each project's lists.
  await page.goto('/admin/projects');
  await page
    .getByRole('navigation', { name: new RegExp(own.name) })
    .getByRole('link', { name: /安全组|Security groups/ })
    .click();
  await expect(page).toHaveURL(new RegExp(`/security-groups\\?project_id=${projectId}`));
  await expect(page.getByRole('columnheader', { name: /^(项目|Project)$/ })).toBeVisible();

  for (const [path, id] of [
    ['/networks', network.id],
    ['/floating-ips', fip.id],
    ['/public-ips', pip.id],
    ['/security-groups', sg.id],
    ['/images', image.id],
  ] as const)
    await admin.call('DELETE', `${path}/${id}`);
  await expect
    .poll(async () => (await admin.call('GET', `/load-balancers/${lb.id}`)).body?.load_balancer?.status, {
      timeout: 60_000,
    })
    .toBe('active');
  await admin.call('DELETE', `/load-balancers/${lb.id}`);
});

test('tenants have no all-projects toggle, and an admin’s link gives them their own list', async ({ page }) => {
  await signIn(page, 'alice');
  for (const { path } of lists) {
    const answered = page.waitForResponse((r) => r.url().includes(`/api/v1${path}?`));
    await page.goto(`${path}?all_projects=true&project_id=someone-else`);
    expect((await answered).status(), `${path}: the console asks for the tenant's own list`).toBe(200);
    await expect(page.getByLabel(/全部项目|All projects/)).toHaveCount(0);
  }
});
