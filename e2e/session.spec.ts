import { waitForAction } from './actions';
import { expect, signIn, test, users } from './helpers';

test('an expired session asks for the password in place; the wizard request goes through after signing in', async ({
  page,
  createdServers,
}) => {
  await signIn(page, 'alice');
  await page.goto('/servers/new?step=basics');
  await page.getByRole('button', { name: /清空向导|Reset wizard/ }).click();
  const name = `e2e-reauth-${Date.now()}`;
  await page.getByLabel(/^(名称|Name)$/).fill(name);
  await page.getByLabel(/^(描述|Description)$/).fill('typed before the session ended');
  await page.getByLabel(/^(数据中心|Datacenter)$/).selectOption('dc-bj1');
  await page.getByRole('button', { name: /^(下一步|Next)$/ }).click();
  await expect(page, 'flavor step').toHaveURL(/step=flavor/);
  await page.getByRole('radio', { name: /s1\.small/ }).check();

  await page.getByRole('button', { name: /^(下一步|Next)$/ }).click();
  await page.getByRole('radio', { name: /cirros/ }).check();
  for (const step of ['network', 'storage', 'security', 'advanced', 'review']) {
    await page.getByRole('button', { name: /^(下一步|Next)$/ }).click();
    await expect(page, `reaches ${step}`).toHaveURL(new RegExp(`step=${step}`));
  }

  // The session ends on the server (as when it expires): the cookie's token is revoked.
  // page.request sends the page's cookie but no Origin, which the CSRF check asks of a cookie session's change.
  const revoked = await page.request.delete('/api/v1/auth/tokens', { headers: { Origin: new URL(page.url()).origin } });
  expect(revoked.status(), 'the session is revoked').toBe(204);

  // Creating meets a 401: the sign-in dialog opens over the wizard instead of losing it.
  const refused = waitForAction(page, 'createServer');
  await page.getByRole('button', { name: /^(创建|Create)$/ }).click();
  expect((await refused).status, 'the create call meets the expired session').toBe(401);
  const dialog = page.getByRole('dialog');
  await expect(dialog, 'a sign-in dialog appears in place').toBeVisible();
  await expect(page, 'the wizard is still there underneath').toHaveURL(/step=review/);
  await dialog.getByLabel(/密码|Password/).fill(users.alice.password);
  const retried = waitForAction(page, 'createServer', (o) => o.status === 202);
  await dialog.getByRole('button', { name: /^(登录|Sign in)$/ }).click();
  await expect(dialog, 'the dialog closes').toBeHidden();

  // The waiting request is sent again with the new session: the server is created from what was typed.
  const created = (await retried).body;
  createdServers.push(created.id);
  expect(created.server.name, 'the typed name reached the API').toBe(name);
  expect(created.server.description, 'the typed description reached the API').toBe('typed before the session ended');
  await expect(page.getByRole('heading', { name }), 'lands on the new server').toBeVisible();
});
