import { expect, signIn, test } from './helpers';
import { apiAs, uniq } from './helpers-part2';

test('load balancer: create, live status, listener conflict refused, members added and removed by IP', async ({ page, request, createdServers }) => {
  const api = await apiAs(request, 'alice');
  const server = await api.activeServer(uniq('e2e-lbm'));
  createdServers.push(server.id);
  await signIn(page, 'alice');
  await page.goto('/load-balancers');
  const name = uniq('e2e-lb');
  await page.getByRole('button', { name: /^(创建负载均衡|Create load balancer)$/ }).click();
  await page.getByRole('dialog').getByLabel(/^(名称|Name)$/).fill(name);
  await page.getByRole('dialog').getByRole('button', { name: /^(创建|Create)$/ }).click();
  await expect(page.getByRole('heading', { name }), 'opens the editor').toBeVisible();
  await expect(page.locator('[data-status="active"]'), 'provisioning turns active without a reload').toBeVisible({ timeout: 60_000 });

  const listeners = page.getByRole('form', { name: /添加监听器|Add listener/ });
  await listeners.getByLabel(/^(端口|Port)$/).fill('8080');
  await listeners.getByRole('button', { name: /添加监听器|Add listener/ }).click();
  await expect(page.getByRole('table', { name: /监听器|Listeners/ }), 'listener added').toContainText('8080');
  await expect(page.locator('[data-status="active"]'), 'settles again').toBeVisible({ timeout: 60_000 });
  await listeners.getByLabel(/^(端口|Port)$/).fill('8080');
  await listeners.getByRole('button', { name: /添加监听器|Add listener/ }).click();
  await expect(page.getByRole('alert').filter({ hasText: /already used/ }), 'a port conflict is refused with the API’s message').toBeVisible();

  const members = page.getByRole('form', { name: /添加节点|Add member/ });
  await members.getByLabel(/^(云主机|Server)$/).selectOption(server.id);
  await members.getByLabel(/^(端口|Port)$/).fill('8080');
  await members.getByRole('button', { name: /添加节点|Add member/ }).click();
  await expect(page.getByRole('table', { name: /后端节点|Members/ }), 'the member shows its address').toContainText(`${server.ip}:8080`);
  await expect(page.locator('[data-status="active"]'), 'settles again').toBeVisible({ timeout: 60_000 });
  const byIp = page.getByRole('form', { name: /按IP移除|Remove by IP/ });
  await byIp.getByLabel(/节点IP|Member IP/).fill(server.ip);
  await byIp.getByRole('button', { name: /按IP移除|Remove by IP/ }).click();
  await expect(page.getByText(/没有后端节点|No members/), 'removed by IP').toBeVisible();

  await expect(page.locator('[data-status="active"]'), 'settles before delete').toBeVisible({ timeout: 60_000 });
  await page.getByRole('button', { name: /^(删除负载均衡|Delete load balancer)$/ }).click();
  await page.getByRole('dialog').getByRole('textbox').fill(name);
  await page.getByRole('dialog').getByRole('button', { name: /^(删除|Delete)$/ }).click();
  await expect(page, 'back to the list').toHaveURL(/\/load-balancers$/);
});

test('security group: preset rule, duplicate refused, exposure per server, delete refused while in use', async ({ page, request, createdServers }) => {
  const api = await apiAs(request, 'alice');
  const groupName = uniq('e2e-sg');
  const g = await api.call('POST', '/security-groups', { name: groupName });
  expect(g.status, 'fixture group').toBe(201);
  const groupId = g.body.security_group.id as string;
  const server = await api.activeServer(uniq('e2e-sgsrv'), { security_group_ids: [groupId] });
  createdServers.push(server.id);
  await signIn(page, 'alice');
  await page.goto(`/security-groups/${groupId}`);
  await expect(page.getByRole('heading', { name: groupName }), 'the editor opens').toBeVisible();
  const form = page.getByRole('form', { name: /添加规则|Add rule/ });
  await form.getByLabel(/远端 CIDR|Remote CIDR/).fill('10.0.0/8');
  await form.getByRole('button', { name: /^(添加规则|Add rule)$/ }).click();
  await expect(form.getByText(/is not a CIDR/), 'a bad CIDR is refused as typed').toBeVisible();
  await form.getByLabel(/远端 CIDR|Remote CIDR/).fill('0.0.0.0/0');
  await form.getByRole('button', { name: 'HTTPS (443)' }).click();
  await form.getByRole('button', { name: /^(添加规则|Add rule)$/ }).click();
  const ingress = page.getByRole('table', { name: /入方向规则|Ingress rules/ });
  await expect(ingress, 'the rule appears under ingress').toContainText('443');
  await form.getByRole('button', { name: /^(添加规则|Add rule)$/ }).click();
  await expect(form.getByRole('alert'), 'a duplicate is refused with the API’s 409 message').toContainText(/already has this rule/);
  // A narrower rule inside the world rule is flagged redundant.
  await form.getByLabel(/远端 CIDR|Remote CIDR/).fill('10.0.0.0/8');
  await form.getByRole('button', { name: /^(添加规则|Add rule)$/ }).click();
  await expect(ingress.getByText(/^(冗余|Redundant)$/), 'the covered rule is flagged').toBeVisible();
  const exposure = page.getByRole('table', { name: /实际暴露面|Effective exposure/ });
  await expect(exposure.locator(`tr[data-server-id="${server.id}"]`), 'the server exposes 443 to the world').toContainText('TCP 443');

  await page.getByRole('button', { name: /^(删除安全组|Delete security group)$/ }).click();
  await page.getByRole('dialog').getByRole('button', { name: /^(删除|Delete)$/ }).click();
  await expect(page.getByRole('dialog').getByRole('alert'), 'in use: refused, naming the server').toContainText(/in use by server/);
  await page.getByRole('dialog').getByRole('button', { name: /^(取消|Cancel)$/ }).click();
  await ingress.getByRole('button', { name: /tcp 443/ }).first().click();
  await expect(ingress.getByText('10.0.0.0/8'), 'one rule left').toBeVisible();
});

test('admin: hosts with usage, audit filters and CSV export; tenants get no admin pages', async ({ page, browser }) => {
  await signIn(page, 'admin');
  await page.goto('/admin/hosts');
  await expect(page.getByRole('table', { name: /物理主机|Hosts/ }).getByRole('meter').first(), 'hosts show capacity meters').toBeVisible();
  await page.goto('/admin/audit');
  await page.getByRole('combobox', { name: /结果|Result/ }).selectOption('failure');
  await expect(page, 'the filter is in the URL').toHaveURL(/result=failure/);
  await expect(page.getByRole('table', { name: /审计日志|Audit log/ }).locator('[data-status="success"]'), 'only failures are listed').toHaveCount(0);
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: /导出 CSV|Export CSV/ }).click();
  const file = await download;
  const csv = await (await file.createReadStream()).toArray();
  const text = Buffer.concat(csv).toString('utf8');
  expect(text.split('\r\n')[0], 'the CSV has a header').toContain('action');
  expect(text, 'only failures are exported').not.toMatch(/,success,/);

  const tenant = await browser.newPage();
  await signIn(tenant, 'alice');
  await expect(tenant.getByRole('link', { name: /审计日志|Audit log/ }), 'no admin links for tenants').toHaveCount(0);
  const r = await tenant.goto('/admin/hosts');
  expect(r?.status(), 'the admin page does not exist for a tenant').toBe(404);
  await tenant.close();
});
