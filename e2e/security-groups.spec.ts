import { apiAs, expect, signIn, test, uniq } from './helpers';

test('security group: preset rule, duplicate refused, exposure per server, delete refused while in use', async ({
  page,
  request,
  createdServers,
}) => {
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
  await expect(form.getByRole('alert'), 'a duplicate is refused with the API’s 409 message').toContainText(
    /already has this rule/,
  );
  // A narrower rule inside the world rule is flagged redundant.
  await form.getByLabel(/远端 CIDR|Remote CIDR/).fill('10.0.0.0/8');
  await form.getByRole('button', { name: /^(添加规则|Add rule)$/ }).click();
  await expect(ingress.getByText(/^(冗余|Redundant)$/), 'the covered rule is flagged').toBeVisible();
  const exposure = page.getByRole('table', { name: /实际暴露面|Effective exposure/ });
  await expect(
    exposure.locator(`tr[data-server-id="${server.id}"]`),
    'the server exposes 443 to the world',
  ).toContainText('TCP 443');

  await page.getByRole('button', { name: /^(删除安全组|Delete security group)$/ }).click();
  await page
    .getByRole('dialog')
    .getByRole('button', { name: /^(删除|Delete)$/ })
    .click();
  await expect(page.getByRole('dialog').getByRole('alert'), 'in use: refused, naming the server').toContainText(
    /in use by server/,
  );
  await page
    .getByRole('dialog')
    .getByRole('button', { name: /^(取消|Cancel)$/ })
    .click();
  await ingress
    .getByRole('button', { name: /tcp 443/ })
    .first()
    .click();
  await expect(ingress.getByText('10.0.0.0/8'), 'one rule left').toBeVisible();
});
