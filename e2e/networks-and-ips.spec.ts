import { waitForAction } from './actions';
import { apiAs, expect, signIn, test, uniq } from './helpers';

test('networks: create, subnet validated client-side, overlap warned, remove subnet; topology shows a new server', async ({
  page,
  request,
  createdServers,
}) => {
  await signIn(page, 'alice');
  await page.goto('/networks');
  const net = uniq('e2e-net');
  await page.getByRole('button', { name: /^(创建网络|Create network)$/ }).click();
  await page
    .getByRole('dialog')
    .getByLabel(/^(名称|Name)$/)
    .fill(net);
  await page
    .getByRole('dialog')
    .getByRole('button', { name: /^(创建|Create)$/ })
    .click();
  const card = page.getByRole('listitem', { name: net });
  await expect(card, 'the new network is listed').toBeVisible();

  await card.getByRole('button', { name: /^(添加子网|Add subnet)$/ }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByLabel(/^(名称|Name)$/).fill('sub-a');
  await dialog.getByLabel('CIDR').fill('10.77.0.5/24');
  await expect(dialog.getByText(/主机位不为零|host bits set/), 'host bits are refused as typed').toBeVisible();
  await dialog.getByLabel('CIDR').fill('192.168.10.0/25');
  await expect(dialog.getByRole('status'), 'an overlap with the project’s subnet is warned about').toContainText(
    '192.168.10.0/24',
  );
  await dialog.getByLabel('CIDR').fill('10.77.0.0/24');
  await dialog.getByLabel(/^(网关|Gateway)$/).fill('10.78.0.1');
  await expect(
    dialog.getByText(/网关不在该网段|not a usable address/),
    'a gateway outside the CIDR is refused',
  ).toBeVisible();
  await dialog.getByLabel(/^(网关|Gateway)$/).fill('10.77.0.1');
  await dialog.getByRole('button', { name: /^(添加子网|Add subnet)$/ }).click();
  await expect(card.getByRole('table'), 'the subnet appears in its network').toContainText('10.77.0.0/24');

  await card.getByRole('button', { name: /删除子网 sub-a|Remove subnet sub-a/ }).click();
  await page
    .getByRole('dialog')
    .getByRole('button', { name: /^(删除|Delete)$/ })
    .click();
  await expect(card.getByText(/没有子网|No subnets/), 'the subnet is gone').toBeVisible();
  // A network still holding addresses is refused with the API's reason.
  const api = await apiAs(request, 'alice');
  const server = await api.activeServer(uniq('e2e-topo'));
  createdServers.push(server.id);
  const projectNet = await api.projectNetwork();
  const netName = (
    (await api.call('GET', '/networks?limit=100')).body.networks as Array<{ id: string; name: string }>
  ).find((n) => n.id === projectNet.id)!.name;
  const projectCard = page.getByRole('listitem', { name: netName });
  await projectCard.getByRole('button', { name: /^(删除网络|Delete network)$/ }).click();
  await page
    .getByRole('dialog')
    .getByRole('button', { name: /^(删除|Delete)$/ })
    .click();
  await expect(
    page.getByRole('dialog').getByRole('alert'),
    'deleting a network in use is refused, naming what uses it',
  ).toContainText(/in use/);
  await page
    .getByRole('dialog')
    .getByRole('button', { name: /^(取消|Cancel)$/ })
    .click();
  await card.getByRole('button', { name: /^(删除网络|Delete network)$/ }).click();
  await page
    .getByRole('dialog')
    .getByRole('button', { name: /^(删除|Delete)$/ })
    .click();
  await expect(card, 'the empty network is deleted').toHaveCount(0);

  // The topology shows the server created in this test, and clicking it opens its page.
  await page.goto('/topology');
  const node = page
    .getByRole('group', { name: /web|server/i })
    .or(page.locator('.react-flow__node'))
    .filter({ hasText: server.ip })
    .first();
  await expect(node, 'the new server is a node with its address').toBeVisible({ timeout: 30_000 });
  await node.click();
  await expect(page, 'clicking a node opens the server').toHaveURL(new RegExp(`/servers/${server.id}`));
});

test('floating IP: allocate, refused address, associate to a server port, disassociate, release', async ({
  page,
  request,
  createdServers,
}) => {
  const api = await apiAs(request, 'alice');
  const server = await api.activeServer(uniq('e2e-fip'));
  createdServers.push(server.id);
  await signIn(page, 'alice');
  await page.goto('/floating-ips');
  await page
    .getByRole('button', { name: /^(申请浮动IP|Allocate floating IP)$/ })
    .first()
    .click();
  await page
    .getByRole('dialog')
    .getByLabel(/指定地址|Address/)
    .fill('10.1.1.1');
  await page
    .getByRole('dialog')
    .getByRole('button', { name: /^(申请浮动IP|Allocate floating IP)$/ })
    .click();
  await expect(
    page.getByRole('dialog').getByRole('alert'),
    'an address outside the external network is refused with the reason',
  ).toBeVisible();
  await page
    .getByRole('dialog')
    .getByLabel(/指定地址|Address/)
    .fill('');
  const made = waitForAction(page, 'allocateFloatingIp');
  await page
    .getByRole('dialog')
    .getByRole('button', { name: /^(申请浮动IP|Allocate floating IP)$/ })
    .click();
  const fip = (await made).body.floating_ip as { id: string; floating_ip_address: string };
  const row = page.locator(`tr:has-text("${fip.floating_ip_address}")`);
  await row.getByRole('button', { name: /^(绑定|Associate)$/ }).click();
  const port = (
    (await api.call('GET', `/servers/${server.id}`)).body.server.addresses as Array<{
      port_id: string;
      private_ip: string;
    }>
  )[0]!;
  await page
    .getByRole('dialog')
    .getByLabel(/云主机端口|Server port/)
    .selectOption(`${port.port_id}|${port.private_ip}`);
  await page
    .getByRole('dialog')
    .getByRole('button', { name: /^(绑定|Associate)$/ })
    .click();
  await expect(row, 'the floating IP shows the server’s private address').toContainText(server.ip);
  await row.getByRole('button', { name: /^(解绑|Disassociate)$/ }).click();
  await page
    .getByRole('dialog')
    .getByRole('button', { name: /^(解绑|Disassociate)$/ })
    .click();
  await expect(row.getByRole('button', { name: /^(绑定|Associate)$/ }), 'unbound again').toBeVisible();
  await row.getByRole('button', { name: /^(释放|Release)$/ }).click();
  await page
    .getByRole('dialog')
    .getByRole('button', { name: /^(释放|Release)$/ })
    .click();
  await expect(row, 'released').toHaveCount(0);
});

test('public IP: create, bind to a server, delete disabled while bound, unbind, delete', async ({
  page,
  request,
  createdServers,
}) => {
  const api = await apiAs(request, 'alice');
  const server = await api.activeServer(uniq('e2e-pip'));
  createdServers.push(server.id);
  await signIn(page, 'alice');
  await page.goto('/public-ips');
  const name = uniq('e2e-pip');
  await page.getByRole('button', { name: /^(申请公网IP|Allocate public IP)$/ }).click();
  await page
    .getByRole('dialog')
    .getByLabel(/^(名称|Name)$/)
    .fill(name);
  await page
    .getByRole('dialog')
    .getByRole('button', { name: /^(创建|Create)$/ })
    .click();
  const row = page.locator(`tr:has-text("${name}")`);
  await row.getByRole('button', { name: /^(绑定|Bind)$/ }).click();
  await page
    .getByRole('dialog')
    .getByLabel(/^(云主机|Server)$/)
    .selectOption(server.id);
  await page
    .getByRole('dialog')
    .getByRole('button', { name: /^(绑定|Bind)$/ })
    .click();
  await expect(row, 'bound to the server’s address').toContainText(server.ip);
  // The API refuses deleting a bound public IP (409), so the console does not offer it and says why.
  const refusedDelete = row.getByRole('button', { name: /^(删除|Delete)$/ });
  await expect(refusedDelete, 'deleting a bound public IP is not offered').toBeDisabled();
  await expect(refusedDelete, 'the reason names the status and what would do').toHaveAttribute('title', /已绑定|Bound/);
  await row.getByRole('button', { name: /^(解绑|Unbind)$/ }).click();
  await page
    .getByRole('dialog')
    .getByRole('button', { name: /^(解绑|Unbind)$/ })
    .click();
  await expect(row.getByRole('button', { name: /^(绑定|Bind)$/ }), 'unbound').toBeVisible();
  await row.getByRole('button', { name: /^(删除|Delete)$/ }).click();
  await page
    .getByRole('dialog')
    .getByRole('button', { name: /^(删除|Delete)$/ })
    .click();
  await expect(row, 'deleted').toHaveCount(0);
});
