import { waitForAction } from '../actions';
import crypto from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { expect, test } from '@playwright/test';
import { signIn } from './sign-in';
import { bestEffort, openstack, openstackJson, type Creds } from './cli';

/**
 * The console on a real OpenStack (playwright.openstack.config.ts), cross-checked with the `openstack` CLI: what the
 * console creates exists in OpenStack with the same attributes, and what the CLI creates shows in the console.
 * Each run gets its own Keystone project and member user (created with the CLI, removed afterwards with all they
 * hold), so runs neither collide nor depend on the demo project. The tests share that tenant and run in order in
 * one worker: the server the wizard creates is the one the volume is attached to and the load balancer balances
 * (without it those two are skipped; after a failure Playwright starts a new worker, hence a new tenant, and the
 * independent tests still run).
 *
 * Real services take seconds (a server boots in 20 s to 2.5 min on two shared cores, Octavia settles in seconds):
 * every wait is an expect with a generous timeout, never a sleep.
 */
const stamp = `${Date.now().toString(36)}${crypto.randomBytes(2).toString('hex')}`;
const tenant = {
  project: `e2eos-${stamp}`,
  username: `e2eos-u-${stamp}`,
  password: `pw-${crypto.randomBytes(8).toString('hex')}`,
  network: `e2eos-net-${stamp}`,
  subnet: `e2eos-sub-${stamp}`,
  cidr: '10.77.0.0/24',
};
const creds: Creds = { username: tenant.username, password: tenant.password, project: tenant.project };
/** A long wait for something a real service does (boot, attach, Octavia provisioning). */
const slow = { timeout: 180_000 };

const ids = {
  project: '',
  user: '',
  network: '',
  subnet: '',
  server: '',
  serverIp: '10.77.0.50',
  volume: '',
  lb: '',
  images: [] as string[],
};

/** Polls a CLI JSON read until `check` stops throwing (the CLI takes ~1-2 s a call). */
async function untilCli<T>(args: string[], check: (v: T) => void, what: string, timeout = 180_000): Promise<T> {
  let last: T | undefined;
  await expect
    .poll(
      async () => {
        last = await openstackJson<T>(args);
        try {
          check(last);
          return true;
        } catch (e) {
          return String(e).slice(0, 400);
        }
      },
      { message: what, timeout, intervals: [1000, 2000, 3000] },
    )
    .toBe(true);
  return last!;
}

test.beforeAll(async () => {
  test.setTimeout(120_000);
  // A fresh project and member user, made with the admin CLI as an operator would. The user also gets Octavia's
  // load-balancer_member role (Octavia checks its own roles); the project's network is made with the CLI too.
  ids.project = (
    await openstackJson<{ id: string }>([
      'project',
      'create',
      '--domain',
      'Default',
      '--description',
      'Yuntu e2e on OpenStack',
      tenant.project,
    ])
  ).id;
  await Promise.all([
    (async () => {
      ids.user = (
        await openstackJson<{ id: string }>([
          'user',
          'create',
          '--domain',
          'Default',
          '--project',
          ids.project,
          '--password',
          tenant.password,
          tenant.username,
        ])
      ).id;
      await Promise.all(
        ['member', 'load-balancer_member'].map((role) =>
          openstack(['role', 'add', '--user', ids.user, '--project', ids.project, role]),
        ),
      );
    })(),
    (async () => {
      ids.network = (
        await openstackJson<{ id: string }>(['network', 'create', '--project', ids.project, tenant.network])
      ).id;
      ids.subnet = (
        await openstackJson<{ id: string }>([
          'subnet',
          'create',
          '--project',
          ids.project,
          '--network',
          ids.network,
          '--subnet-range',
          tenant.cidr,
          tenant.subnet,
        ])
      ).id;
    })(),
  ]);
});

test.afterAll(async () => {
  test.setTimeout(300_000);
  if (!ids.project) return;
  // Everything the project holds, whichever test made it (and also what a failed test left), then the user and
  // project. Independent deletions run side by side: each CLI call costs a second or two.
  const list = async (args: string[], column = 'ID') =>
    (await openstack([...args, '-f', 'value', '-c', column]).catch(() => '')).split('\n').filter(Boolean);
  const [lbs, servers] = await Promise.all([
    list(['loadbalancer', 'list', '--project', ids.project], 'id'),
    list(['server', 'list', '--all-projects', '--project', ids.project]),
  ]);
  await Promise.all([
    ...lbs.map((lb) => bestEffort(['loadbalancer', 'delete', '--cascade', '--wait', lb], { timeoutMs: 240_000 })),
    servers.length ? bestEffort(['server', 'delete', '--wait', ...servers], { timeoutMs: 240_000 }) : undefined,
    ...ids.images.map((img) => bestEffort(['image', 'delete', img])),
  ]);
  const volumes = await list(['volume', 'list', '--all-projects', '--project', ids.project]);
  await Promise.all(
    volumes.map(async (v) => {
      // A volume of a deleted server is detached by Nova: wait until Cinder says so before deleting it.
      await expect
        .poll(
          async () =>
            (await openstackJson<{ status: string }>(['volume', 'show', v]).catch(() => ({ status: 'gone' }))).status,
          { timeout: 120_000 },
        )
        .not.toMatch(/in-use|detaching|attaching|creating/)
        .catch(() => undefined);
      await bestEffort(['volume', 'delete', v]);
    }),
  );
  // Neutron made the project a "default" security group on first use: it would outlive the project.
  const [networks, groups] = await Promise.all([
    list(['network', 'list', '--project', ids.project]),
    list(['security', 'group', 'list', '--project', ids.project]),
  ]);
  await Promise.all([
    ...networks.map((n) => bestEffort(['network', 'delete', n])),
    ...groups.map((g) => bestEffort(['security', 'group', 'delete', g])),
  ]);
  await bestEffort(['user', 'delete', ids.user]);
  await bestEffort(['project', 'delete', ids.project]);
});

test('signs in through the sign-in page as a Keystone user, into their project with their role', async ({ page }) => {
  const session = await signIn(page, tenant);
  expect(session.token.project, 'scoped to the user’s default project').toEqual({
    id: ids.project,
    name: tenant.project,
  });
  expect(session.token.user.id, 'the Keystone user').toBe(ids.user);
  expect(session.token.roles, 'Keystone member → console member').toEqual(['member']);
  await expect(page.getByTitle(/^(项目|Project)$/), 'the shell names the project').toHaveText(tenant.project);
});

test('the wizard creates a server that `openstack server show` reports with the same attributes', async ({ page }) => {
  test.setTimeout(300_000);
  await signIn(page, tenant);
  await page.goto('/servers/new?step=basics');
  await page.getByRole('button', { name: /清空向导|Reset wizard/ }).click();
  const name = `e2eos-srv-${stamp}`;
  await page.getByLabel(/^(名称|Name)$/).fill(name);
  // Datacenters are Nova's availability zones: the loopback cloud has one ("nova").
  await page.getByLabel(/^(数据中心|Datacenter)$/).selectOption('nova');
  await page.getByRole('button', { name: /^(下一步|Next)$/ }).click();
  await expect(page, 'flavor step').toHaveURL(/step=flavor/);
  await page.getByRole('radio', { name: /^s1\.small\b/ }).check();
  await page.getByRole('button', { name: /^(下一步|Next)$/ }).click();
  await expect(page, 'image step').toHaveURL(/step=image/);
  await page
    .getByRole('radio', { name: /^cirros\b/ })
    .first()
    .check();
  await page.getByRole('button', { name: /^(下一步|Next)$/ }).click();
  await expect(page, 'network step').toHaveURL(/step=network/);
  // The network the CLI made for the project is offered, with its subnet.
  await page.getByRole('combobox', { name: /^(网络|Network)$/ }).selectOption({ label: tenant.network });
  await expect(page.getByRole('combobox', { name: /^(子网|Subnet)$/ }), 'its subnet is chosen').toHaveValue(ids.subnet);
  await page.getByRole('textbox', { name: /指定 IP|Fixed IP/ }).fill(ids.serverIp);
  for (const step of ['storage', 'security', 'advanced']) {
    await page.getByRole('button', { name: /^(下一步|Next)$/ }).click();
    await expect(page, `reaches ${step}`).toHaveURL(new RegExp(`step=${step}`));
  }
  await page.getByRole('button', { name: /^(添加元数据|Add metadata)$/ }).click();
  await page.getByLabel(/^(键|Key) 1$/).fill('e2e');
  await page.getByLabel(/^(值|Value) 1$/).fill(`run-${stamp}`);
  await page.getByRole('button', { name: /^(下一步|Next)$/ }).click();
  await expect(page, 'review').toHaveURL(/step=review/);
  const created = waitForAction(page, 'createServer');
  await page.getByRole('button', { name: /^(创建|Create)$/ }).click();
  const res = await created;
  expect(res.status, `the API accepts the request: ${JSON.stringify(res.error)}`).toBe(202);
  ids.server = (res.body as { id: string }).id;
  await expect(page.getByRole('heading', { name }), 'lands on the detail page').toBeVisible();
  await expect(page.locator('[data-status="active"]').first(), 'building turns active by itself').toBeVisible(slow);
  await expect(page.getByText(ids.serverIp).first(), 'the fixed IP shows').toBeVisible();

  const cirros = await openstackJson<{ id: string }>(['image', 'show', 'cirros']);
  const s = await untilCli<{
    id: string;
    name: string;
    status: string;
    flavor: unknown;
    image: unknown;
    addresses: unknown;
    properties: unknown;
    project_id: string;
    'OS-EXT-AZ:availability_zone': string;
  }>(['server', 'show', ids.server], (v) => expect(v.status).toBe('ACTIVE'), 'Nova reports the server ACTIVE');
  expect(s.name, 'name').toBe(name);
  expect(s.project_id, 'in the user’s project').toBe(ids.project);
  expect(JSON.stringify(s.flavor), 'flavor').toContain('s1.small');
  expect(JSON.stringify(s.image), 'image').toContain(cirros.id);
  expect(s['OS-EXT-AZ:availability_zone'], 'availability zone').toBe('nova');
  expect(JSON.stringify(s.addresses), 'on the CLI-made network with the fixed IP').toMatch(
    new RegExp(`${tenant.network}.*${ids.serverIp.replace(/\./g, '\\.')}`),
  );
  expect(JSON.stringify(s.properties), 'metadata').toMatch(new RegExp(`"?e2e"?\\s*[:=]\\s*'?"?run-${stamp}`));
  const ports = await openstackJson<Array<{ 'Fixed IP Addresses': unknown }>>(['port', 'list', '--server', ids.server]);
  expect(JSON.stringify(ports), 'Neutron has the port with that address on the subnet').toContain(ids.subnet);
});

test('a volume created and attached in the console is in Cinder with its size, attached to that server', async ({
  page,
}) => {
  // Skipped only when the wizard test failed (the run is red then anyway): without its server there is nothing to use.
  test.skip(!ids.server, 'needs the server of the wizard test');
  test.setTimeout(300_000);
  await signIn(page, tenant);
  await page.goto('/volumes/new');
  const name = `e2eos-vol-${stamp}`;
  await page.getByLabel(/^(名称|Name)$/).fill(name);
  await page.getByLabel(/^(数据中心|Datacenter)$/).selectOption('nova');
  await page.getByLabel(/^(容量 \(GB\)|Size \(GB\))$/).fill('2');
  const created = waitForAction(page, 'createVolume');
  await page.getByRole('button', { name: /^(创建云硬盘|Create volume)$/ }).click();
  const res = await created;
  expect(res.status, `the API accepts the volume: ${JSON.stringify(res.error)}`).toBe(202);
  ids.volume = (res.body as { volume: { id: string } }).volume.id;
  await expect(page.getByRole('heading', { name }), 'lands on the detail page').toBeVisible();
  await expect(page.locator('[data-status="available"]'), 'creating turns available without a reload').toBeVisible(
    slow,
  );

  await page.getByRole('button', { name: /^(挂载|Attach)$/ }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByLabel(/^(云主机|Server)$/).selectOption(ids.server);
  await dialog.getByRole('button', { name: /^(挂载|Attach)$/ }).click();
  await expect(page.locator('[data-status="in-use"]'), 'the volume becomes in-use by itself').toBeVisible(slow);
  const attachments = page.getByRole('list', { name: /挂载信息|Attachments/ });
  await expect(attachments, 'the attachment names the server').toContainText(`e2eos-srv-${stamp}`);

  const v = await untilCli<{
    name: string;
    size: number;
    status: string;
    attachments: Array<{ server_id: string; device: string }>;
    availability_zone: string;
    'os-vol-tenant-attr:tenant_id'?: string;
  }>(['volume', 'show', ids.volume], (x) => expect(x.status).toBe('in-use'), 'Cinder reports the volume in-use');
  expect(v.name, 'name').toBe(name);
  expect(v.size, 'size').toBe(2);
  expect(v.availability_zone, 'zone').toBe('nova');
  if (v['os-vol-tenant-attr:tenant_id'])
    expect(v['os-vol-tenant-attr:tenant_id'], 'in the user’s project').toBe(ids.project);
  expect(
    v.attachments.map((a) => a.server_id),
    'attached to the wizard’s server',
  ).toEqual([ids.server]);
  await expect(attachments, 'the console shows the device Nova chose').toContainText(v.attachments[0]!.device);
  const srv = await openstackJson<{ volumes_attached: unknown }>(['server', 'show', ids.server]);
  expect(JSON.stringify(srv.volumes_attached), 'Nova lists the volume on the server').toContain(ids.volume);
});

test('a load balancer made in the console balances the server: Octavia lists it as a pool member', async ({ page }) => {
  // Skipped only when the wizard test failed (the run is red then anyway): without its server there is nothing to use.
  test.skip(!ids.server, 'needs the server of the wizard test');
  test.setTimeout(300_000);
  await signIn(page, tenant);
  await page.goto('/load-balancers');
  const name = `e2eos-lb-${stamp}`;
  await page.getByRole('button', { name: /^(创建负载均衡|Create load balancer)$/ }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByLabel(/^(名称|Name)$/).fill(name);
  await dialog.getByLabel(/^(子网|Subnet)$/).selectOption(ids.subnet);
  const created = waitForAction(page, 'createLoadBalancer');
  await dialog.getByRole('button', { name: /^(创建|Create)$/ }).click();
  const res = await created;
  expect(res.status, `the API accepts the load balancer: ${JSON.stringify(res.error)}`).toBeLessThan(300);
  await expect(page.getByRole('heading', { name }), 'opens the editor').toBeVisible();
  ids.lb = /\/load-balancers\/([^/?#]+)/.exec(page.url())![1]!;
  await expect(page.locator('[data-status="active"]'), 'provisioning turns active without a reload').toBeVisible(slow);

  const members = page.getByRole('form', { name: /添加节点|Add member/ });
  await members.getByLabel(/^(云主机|Server)$/).selectOption(ids.server);
  await members.getByLabel(/^(端口|Port)$/).fill('8080');
  await members.getByRole('button', { name: /添加节点|Add member/ }).click();
  // Octavia applies member changes asynchronously: the member shows, and the load balancer settles, in its time.
  await expect(page.getByRole('table', { name: /后端节点|Members/ }), 'the member shows its address').toContainText(
    `${ids.serverIp}:8080`,
    slow,
  );
  await expect(page.locator('[data-status="active"]'), 'settles again').toBeVisible(slow);

  const lb = await untilCli<{ name: string; provisioning_status: string; vip_subnet_id: string; project_id: string }>(
    ['loadbalancer', 'show', ids.lb],
    (x) => expect(x.provisioning_status).toBe('ACTIVE'),
    'Octavia reports the load balancer ACTIVE',
  );
  expect(lb.name, 'name').toBe(name);
  expect(lb.vip_subnet_id, 'on the chosen subnet').toBe(ids.subnet);
  expect(lb.project_id, 'in the user’s project').toBe(ids.project);
  const pools = await openstackJson<Array<{ id: string }>>(['loadbalancer', 'pool', 'list', '--loadbalancer', ids.lb]);
  expect(pools.length, 'a pool holds the members').toBeGreaterThan(0);
  const all: Array<{ address: string; protocol_port: number; provisioning_status: string }> = [];
  for (const p of pools) {
    const ms = await untilCli<Array<{ address: string; protocol_port: number; provisioning_status: string }>>(
      ['loadbalancer', 'member', 'list', p.id],
      (x) => expect(x.map((m) => m.provisioning_status).filter((st) => st !== 'ACTIVE')).toEqual([]),
      `the members of pool ${p.id} settle ACTIVE`,
    );
    all.push(...ms);
  }
  expect(
    all.map((m) => `${m.address}:${m.protocol_port}`),
    'Octavia has the server as a member on port 8080',
  ).toContain(`${ids.serverIp}:8080`);
});

test('an image uploaded in the console is active in Glance with its size, formats and bytes', async ({
  page,
}, testInfo) => {
  test.setTimeout(300_000);
  const file = testInfo.outputPath('e2eos-upload.raw');
  const bytes = crypto.randomBytes(3 * 1024 * 1024 + 123);
  fs.writeFileSync(file, bytes);
  await signIn(page, tenant);
  await page.goto('/images/new');
  await page.getByLabel(/镜像文件|Image file/).setInputFiles(file);
  const name = `e2eos-img-${stamp}`;
  await page.getByLabel(/^(名称|Name)$/).fill(name);
  await page.getByLabel(/磁盘格式|Disk format/).selectOption('raw');
  await page.getByLabel(/容器格式|Container format/).selectOption('bare');
  const created = waitForAction(page, 'createImage');
  await page.getByRole('button', { name: /开始上传|Start upload/ }).click();
  const res = await created;
  expect(res.status, `metadata created: ${JSON.stringify(res.error)}`).toBe(201);
  const id = (res.body as { image: { id: string } }).image.id;
  ids.images.push(id);
  await expect(page, 'ends on the image page').toHaveURL(new RegExp(`/images/${id}$`), slow);
  await expect(page.locator('[data-status="active"]').first(), 'the image is active').toBeVisible(slow);
  const sha256 = crypto.createHash('sha256').update(bytes).digest('hex');
  await expect(page.getByTestId('image-size'), 'size shown').toContainText(String(bytes.length));
  await expect(page.getByTestId('image-checksum'), 'the SHA-256 of the file').toHaveText(sha256);

  const img = await untilCli<{
    name: string;
    status: string;
    size: number;
    disk_format: string;
    container_format: string;
    checksum: string;
    owner: string;
    visibility: string;
    properties: unknown;
  }>(['image', 'show', id], (x) => expect(x.status).toBe('active'), 'Glance reports the image active');
  expect(img.name, 'name').toBe(name);
  expect(img.size, 'size').toBe(bytes.length);
  expect(img.disk_format, 'disk format').toBe('raw');
  expect(img.container_format, 'container format').toBe('bare');
  expect(img.owner, 'owned by the user’s project').toBe(ids.project);
  expect(img.visibility, 'private by default').toBe('private');
  expect(img.checksum, 'Glance’s MD5 of the bytes it stored').toBe(
    crypto.createHash('md5').update(bytes).digest('hex'),
  );
  expect(JSON.stringify(img.properties), 'the console’s SHA-256 property').toContain(sha256);
});

test('custom properties set in the console are Glance properties, and the CLI’s show in the console', async ({
  page,
}) => {
  test.setTimeout(180_000);
  await signIn(page, tenant);
  const r = await page.request.post('/api/v1/images', {
    data: { name: `e2eos-props-${stamp}` },
    headers: { Origin: new URL(page.url()).origin },
  });
  expect(r.status(), 'fixture image').toBe(201);
  const id = (await r.json()).image.id as string;
  ids.images.push(id);
  await page.goto(`/images/${id}`);
  const table = page.getByRole('table', { name: /自定义属性|Custom properties/ });

  await page.getByRole('button', { name: /^(添加属性|Add property)$/ }).click();
  const dialog = page.getByRole('dialog', { name: /添加属性|Add property/ });
  await dialog.getByLabel(/^(键|Key)$/).fill('gis_crs');
  await dialog.getByLabel(/^(值|Value)$/).fill('EPSG:4490');
  const patch = waitForAction(page, 'patchImage');
  await dialog.getByRole('button', { name: /^(保存|Save)$/ }).click();
  expect((await patch).status, 'the add applies').toBe(200);
  await expect(table.locator('tr[data-property="gis_crs"]')).toContainText('EPSG:4490');
  const shown = await untilCli<{ properties: Record<string, unknown> }>(
    ['image', 'show', id],
    (x) => expect(x.properties.gis_crs).toBe('EPSG:4490'),
    'Glance has the property the console added',
  );
  expect(Object.keys(shown.properties), 'Glance’s own properties are not the console’s').toContain('gis_crs');

  // Set and removed behind the console's back: what Glance holds is what the page shows after a reload.
  await openstack(['image', 'set', '--property', 'gis_source=cli-tianditu', id]);
  await page.reload();
  await expect(table.locator('tr[data-property="gis_source"]'), 'the CLI’s property shows').toContainText(
    'cli-tianditu',
  );
  await expect(table.locator('tr[data-property^="os_"]'), 'Glance’s os_* properties are not listed').toHaveCount(0);

  await table.getByRole('button', { name: /删除属性 gis_crs|Remove property gis_crs/ }).click();
  const removal = waitForAction(page, 'patchImage');
  await page
    .getByRole('dialog', { name: /删除属性|Remove property/ })
    .getByRole('button', { name: /^(删除|Delete)$/ })
    .click();
  expect((await removal).status, 'the remove applies').toBe(200);
  await expect(table.locator('tr[data-property="gis_crs"]')).toHaveCount(0);
  await untilCli<{ properties: Record<string, unknown> }>(
    ['image', 'show', id],
    (x) => {
      expect(x.properties.gis_crs).toBeUndefined();
      expect(x.properties.gis_source).toBe('cli-tianditu');
    },
    'Glance no longer has the removed property, and keeps the other',
  );
});

test('an image imported from a URL in the console is active in Glance with its size and bytes (web-download)', async ({
  page,
}) => {
  test.setTimeout(300_000);
  // The file Glance fetches: served from 127.0.0.1, the one host the console (playwright.openstack.config.ts) and
  // the loopback Glance's import filter (scripts/openstack/up.sh) allow.
  const bytes = crypto.randomBytes(2 * 1024 * 1024 + 7);
  const source = http.createServer((_req, res) => {
    res.writeHead(200, { 'content-length': String(bytes.length) }).end(bytes);
  });
  await new Promise<void>((r) => source.listen(0, '127.0.0.1', r));
  try {
    const url = `http://127.0.0.1:${(source.address() as AddressInfo).port}/e2eos-import.raw`;
    await signIn(page, tenant);
    // The form greys "From a URL" once the capabilities table says so; a choice made before the table arrives would
    // be dropped with it, so the table is read first.
    const table = page.waitForResponse((r) => r.url().endsWith('/api/v1/capabilities') && r.status() === 200);
    await page.goto('/images/new');
    await table;
    await expect(page.getByLabel(/^(从 URL|From a URL)$/), 'this Glance offers web-download').toBeEnabled();
    await page.getByLabel(/^(从 URL|From a URL)$/).check();
    const name = `e2eos-import-${stamp}`;
    await page.getByLabel(/^(名称|Name)$/).fill(name);
    await page.getByLabel(/磁盘格式|Disk format/).selectOption('raw');
    await page.getByLabel(/容器格式|Container format/).selectOption('bare');
    await page.getByLabel(/源镜像路径 \(URL\)|Source image URL/).fill(url);
    const created = waitForAction(page, 'createImage');
    const imported = waitForAction(page, 'importImage');
    await page.getByRole('button', { name: /^(开始导入|Start import)$/ }).click();
    const res = await created;
    expect(res.status, `metadata created: ${JSON.stringify(res.error)}`).toBe(201);
    const id = (res.body as { image: { id: string } }).image.id;
    ids.images.push(id);
    expect((await imported).status, 'Glance took the import').toBe(202);
    await expect(page, 'goes to the image').toHaveURL(new RegExp(`/images/${id}$`), slow);
    await expect(page.locator('[data-status="active"]').first(), 'the image becomes active').toBeVisible(slow);
    await expect(page.getByTestId('image-size'), 'size shown').toContainText(String(bytes.length));
    await expect(page.getByTestId('image-import')).toHaveAttribute('data-import-status', 'succeeded');
    const img = await untilCli<{ status: string; size: number; checksum: string; properties: unknown }>(
      ['image', 'show', id],
      (x) => expect(x.status).toBe('active'),
      'Glance reports the imported image active',
    );
    expect(img.size, 'size').toBe(bytes.length);
    expect(img.checksum, 'Glance’s MD5 of the bytes it fetched').toBe(
      crypto.createHash('md5').update(bytes).digest('hex'),
    );
    expect(JSON.stringify(img.properties), 'the console’s import marker').toContain('yuntu_import_at');
  } finally {
    source.closeAllConnections();
    source.close();
  }
});

test('what the CLI creates (network, volume, server, image) shows in the console’s lists', async ({
  page,
}, testInfo) => {
  test.setTimeout(300_000);
  const cli = {
    net: `cli-net-${stamp}`,
    sub: `cli-sub-${stamp}`,
    vol: `cli-vol-${stamp}`,
    srv: `cli-srv-${stamp}`,
    img: `cli-img-${stamp}`,
  };
  // As the tenant's own user, like a script of theirs would.
  const net = await openstackJson<{ id: string }>(['network', 'create', cli.net], { as: creds });
  await openstack(['subnet', 'create', '--network', net.id, '--subnet-range', '10.78.0.0/24', cli.sub], { as: creds });
  const vol = await openstackJson<{ id: string }>(
    ['volume', 'create', '--size', '1', '--availability-zone', 'nova', cli.vol],
    { as: creds },
  );
  const srv = await openstackJson<{ id: string }>(
    [
      'server',
      'create',
      '--flavor',
      's1.small',
      '--image',
      'cirros',
      '--network',
      net.id,
      '--property',
      'made-by=cli',
      cli.srv,
    ],
    { as: creds },
  );
  const file = testInfo.outputPath('cli-image.raw');
  fs.writeFileSync(file, crypto.randomBytes(512 * 1024));
  const img = await openstackJson<{ id: string }>(
    ['image', 'create', '--disk-format', 'raw', '--container-format', 'bare', '--file', file, cli.img],
    { as: creds, timeoutMs: 180_000 },
  );
  ids.images.push(img.id);
  const cliServer = await untilCli<{ status: string; addresses: unknown }>(
    ['server', 'show', srv.id],
    (x) => expect(x.status).toBe('ACTIVE'),
    'the CLI’s server boots',
  );
  const ip = /10\.78\.0\.\d+/.exec(JSON.stringify(cliServer.addresses))?.[0];
  expect(ip, 'the CLI’s server has an address on the CLI’s subnet').toBeTruthy();

  await signIn(page, tenant);
  await page.goto(`/networks?name=${cli.net}`);
  const netItem = page.getByRole('listitem', { name: cli.net, exact: true });
  await expect(netItem, 'the network is listed').toBeVisible(slow);
  await expect(netItem, 'with the same id').toContainText(net.id);
  await expect(
    netItem.getByRole('row', { name: new RegExp(`^${cli.sub} 10\\.78\\.0\\.0/24 10\\.78\\.0\\.1 `) }),
    'with its subnet, CIDR and gateway',
  ).toBeVisible();

  await page.goto(`/volumes?name=${cli.vol}`);
  const volLink = page.getByRole('link', { name: cli.vol, exact: true });
  await expect(volLink, 'the volume is listed').toBeVisible(slow);
  await expect(volLink, 'linking to the same id').toHaveAttribute('href', new RegExp(`/volumes/${vol.id}$`));
  await expect(
    page.locator(`tr[data-row-id="${vol.id}"] [data-status="available"]`),
    'available, as Cinder says',
  ).toBeVisible(slow);

  await page.goto(`/servers?name=${cli.srv}`);
  const srvLink = page.getByRole('link', { name: cli.srv, exact: true });
  await expect(srvLink, 'the server is listed').toBeVisible(slow);
  await expect(srvLink, 'linking to the same id').toHaveAttribute('href', new RegExp(`/servers/${srv.id}$`));
  const row = page.locator(`tr[data-row-id="${srv.id}"]`);
  await expect(row.locator('[data-status="active"]'), 'active, as Nova says').toBeVisible(slow);
  await expect(row, 'with the address Neutron gave it').toContainText(ip!);

  await page.goto(`/images?name=${cli.img}`);
  const imgLink = page.getByRole('link', { name: cli.img, exact: true });
  await expect(imgLink, 'the image is listed').toBeVisible(slow);
  await expect(imgLink, 'linking to the same id').toHaveAttribute('href', new RegExp(`/images/${img.id}$`));
  await imgLink.click();
  await expect(page.locator('[data-status="active"]').first(), 'active').toBeVisible();
  await expect(page.getByTestId('image-size'), 'the size Glance has').toContainText(String(512 * 1024));
});
