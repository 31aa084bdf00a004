import { apiAs, expect, signIn, test, uniq } from './helpers';

test('load balancer: create, live status, listener conflict refused, members added and removed by IP', async ({
  page,
  request,
  createdServers,
}) => {
  const api = await apiAs(request, 'alice');
  const server = await api.activeServer(uniq('e2e-lbm'));
  createdServers.push(server.id);
  await signIn(page, 'alice');
  await page.goto('/load-balancers');
  const name = uniq('e2e-lb');
  await page.getByRole('button', { name: /^(创建负载均衡|Create load balancer)$/ }).click();
  await page
    .getByRole('dialog')
    .getByLabel(/^(名称|Name)$/)
    .fill(name);
  await page
    .getByRole('dialog')
    .getByRole('button', { name: /^(创建|Create)$/ })
    .click();
  await expect(page.getByRole('heading', { name }), 'opens the editor').toBeVisible();
  await expect(page.locator('[data-status="active"]'), 'provisioning turns active without a reload').toBeVisible({
    timeout: 60_000,
  });

  const listeners = page.getByRole('form', { name: /添加监听器|Add listener/ });
  await listeners.getByLabel(/^(端口|Port)$/).fill('8080');
  await listeners.getByRole('button', { name: /添加监听器|Add listener/ }).click();
  await expect(page.getByRole('table', { name: /监听器|Listeners/ }), 'listener added').toContainText('8080');
  await expect(page.locator('[data-status="active"]'), 'settles again').toBeVisible({ timeout: 60_000 });
  await listeners.getByLabel(/^(端口|Port)$/).fill('8080');
  await listeners.getByRole('button', { name: /添加监听器|Add listener/ }).click();
  await expect(
    page.getByRole('alert').filter({ hasText: /already used/ }),
    'a port conflict is refused with the API’s message',
  ).toBeVisible();

  const members = page.getByRole('form', { name: /添加节点|Add member/ });
  await members.getByLabel(/^(云主机|Server)$/).selectOption(server.id);
  await members.getByLabel(/^(端口|Port)$/).fill('8080');
  await members.getByRole('button', { name: /添加节点|Add member/ }).click();
  await expect(page.getByRole('table', { name: /后端节点|Members/ }), 'the member shows its address').toContainText(
    `${server.ip}:8080`,
  );
  await expect(page.locator('[data-status="active"]'), 'settles again').toBeVisible({ timeout: 60_000 });
  const byIp = page.getByRole('form', { name: /按IP移除|Remove by IP/ });
  await byIp.getByLabel(/节点IP|Member IP/).fill(server.ip);
  await byIp.getByRole('button', { name: /按IP移除|Remove by IP/ }).click();
  await expect(page.getByText(/没有后端节点|No members/), 'removed by IP').toBeVisible();

  await expect(page.locator('[data-status="active"]'), 'settles before delete').toBeVisible({ timeout: 60_000 });
  await page.getByRole('button', { name: /^(删除负载均衡|Delete load balancer)$/ }).click();
  await page.getByRole('dialog').getByRole('textbox').fill(name);
  await page
    .getByRole('dialog')
    .getByRole('button', { name: /^(删除|Delete)$/ })
    .click();
  await expect(page, 'back to the list').toHaveURL(/\/load-balancers$/);
});
