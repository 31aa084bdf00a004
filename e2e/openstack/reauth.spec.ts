import crypto from 'node:crypto';
import { expect, test } from '@playwright/test';
import { openstack, openstackJson, removeProjectsAndUsers } from './cli';
import { signIn } from './sign-in';

/**
 * A user in two projects whose Keystone token is revoked mid-session (a password change revokes every token of
 * the user): the console goes on from the session's application credential without asking, but that credential is
 * bound to one project, so switching project asks for the password in place, says why, and then switches.
 * The user and both projects are made with the admin CLI and removed afterwards.
 */
const stamp = `${Date.now().toString(36)}${crypto.randomBytes(2).toString('hex')}`;
const user = { username: `e2eos-r-${stamp}`, password: `pw-${crypto.randomBytes(8).toString('hex')}` };
const changedPassword = `pw2-${crypto.randomBytes(8).toString('hex')}`;
const projects = { home: `e2eos-home-${stamp}`, other: `e2eos-other-${stamp}` };
const ids = { home: '', other: '', user: '' };

test.beforeAll(async () => {
  test.setTimeout(120_000);
  const create = async (name: string) =>
    (await openstackJson<{ id: string }>(['project', 'create', '--domain', 'Default', name])).id;
  [ids.home, ids.other] = await Promise.all([create(projects.home), create(projects.other)]);
  ids.user = (
    await openstackJson<{ id: string }>([
      'user',
      'create',
      '--domain',
      'Default',
      '--project',
      ids.home,
      '--password',
      user.password,
      user.username,
    ])
  ).id;
  await Promise.all(
    [ids.home, ids.other].map((p) => openstack(['role', 'add', '--user', ids.user, '--project', p, 'member'])),
  );
});

test.afterAll(async () => {
  test.setTimeout(300_000);
  await removeProjectsAndUsers([ids.home, ids.other], [ids.user]);
});

test('a revoked token is renewed unnoticed; switching project then asks for the password, says why, and switches', async ({
  page,
}) => {
  test.setTimeout(300_000);
  const session = await signIn(page, user);
  expect(session.token.project.id, 'signed in to the default project').toBe(ids.home);
  const switcher = page.getByRole('combobox', { name: /切换项目|Switch project/ });
  const dialog = page.getByRole('dialog');

  // With the password's token, switching is a plain re-scope.
  await switcher.selectOption(ids.other);
  await expect(switcher, 'switched without a question').toHaveValue(ids.other);
  await expect(dialog).toBeHidden();

  await openstack(['user', 'set', '--password', changedPassword, ids.user]);
  // Every token of the user is revoked now; the console renews its own from the application credential.
  await page.goto('/networks');
  await expect(page.getByRole('heading', { level: 1, name: /^(网络|Networks)$/ }), 'the networks page').toBeVisible();
  await expect(page.getByRole('main').getByText(/加载中|Loading/), 'the list loaded').toHaveCount(0, {
    timeout: 60_000,
  });
  await expect(page.getByRole('main').getByRole('alert'), 'Neutron answered the renewed token').toHaveCount(0);
  await expect(dialog, 'nobody was asked for a password').toBeHidden();

  // A token from the application credential cannot be re-scoped: the password is asked for in place, with the reason.
  await switcher.selectOption(ids.home);
  await expect(dialog, 'the sign-in dialog opens over the page').toBeVisible();
  await expect(dialog, 'it says why').toContainText('sign in again to switch');
  await dialog.getByLabel(/密码|Password/).fill(changedPassword);
  await dialog.getByRole('button', { name: /^(登录|Sign in)$/ }).click();
  await expect(dialog, 'the dialog closes').toBeHidden({ timeout: 60_000 });
  await expect(switcher, 'and the switch it held goes through').toHaveValue(ids.home, { timeout: 60_000 });
});
