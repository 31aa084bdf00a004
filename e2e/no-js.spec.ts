import { expect, test } from '@playwright/test';
import { apiToken } from './helpers';

/*
 * A form that works before hydration: the password change in "My account" posts to its server action
 * (useActionState) when no JavaScript runs, and shows the action's answer in the page the server renders back.
 */
test.use({ javaScriptEnabled: false });

test('with JavaScript disabled, the password form changes the password through its server action and shows a refusal per field', async ({
  page,
  request,
}) => {
  const admin = await apiToken(request, 'admin');
  const projects = (await (await request.get('/api/v1/projects', { headers: { 'X-Auth-Token': admin } })).json()) as {
    projects: { id: string; name: string }[];
  };
  const name = `e2e-nojs-${Date.now().toString(36)}`;
  const oldPassword = 'old-pass-2026';
  const newPassword = 'new-pass-2026-nojs';
  const created = await request.post('/api/v1/users', {
    headers: { 'X-Auth-Token': admin },
    data: {
      name,
      password: oldPassword,
      project_id: projects.projects.find((p) => p.name === 'gis-demo')!.id,
      role: 'member',
    },
  });
  expect(created.status(), 'the user fixture').toBe(201);

  // The sign-in form needs JavaScript; the session cookie is set through the page's own request context instead.
  // A cookie session's call must carry the console's Origin (the CSRF check); page.request sends none of its own.
  const signedIn = await page.request.post('/api/v1/auth/tokens?session=cookie', {
    data: { username: name, password: oldPassword },
    headers: { Origin: test.info().project.use.baseURL! },
  });
  expect(signedIn.status(), 'signed in with the session cookie').toBe(201);

  await page.goto('/account');
  const form = page.getByRole('form', { name: /修改密码|Change password/ });
  await form.getByLabel(/^(当前密码|Current password)$/).fill('not-my-password');
  await form.getByLabel(/^(新密码|New password)$/).fill(newPassword);
  await form.getByLabel(/^(确认新密码|Confirm the new password)$/).fill(newPassword);
  await form.getByRole('button', { name: /修改密码|Change password/ }).click();
  await expect(
    page
      .getByRole('form', { name: /修改密码|Change password/ })
      .getByRole('alert')
      .filter({ hasText: 'current_password' }),
    'the refusal names the field',
  ).toBeVisible();

  await page
    .getByRole('form', { name: /修改密码|Change password/ })
    .getByLabel(/^(当前密码|Current password)$/)
    .fill(oldPassword);
  await page
    .getByRole('form', { name: /修改密码|Change password/ })
    .getByLabel(/^(新密码|New password)$/)
    .fill(newPassword);
  await page
    .getByRole('form', { name: /修改密码|Change password/ })
    .getByLabel(/^(确认新密码|Confirm the new password)$/)
    .fill(newPassword);
  await page
    .getByRole('form', { name: /修改密码|Change password/ })
    .getByRole('button', { name: /修改密码|Change password/ })
    .click();
  await expect(
    page.getByRole('status').filter({ hasText: /\d/ }),
    'the change is confirmed in the rendered page',
  ).toBeVisible();

  const withOld = await request.post('/api/v1/auth/tokens', { data: { username: name, password: oldPassword } });
  expect(withOld.status(), 'the old password no longer works').toBe(401);
  const withNew = await request.post('/api/v1/auth/tokens', { data: { username: name, password: newPassword } });
  expect(withNew.status(), 'the new password works').toBe(201);
});
