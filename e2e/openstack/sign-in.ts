import { expect, type Page } from '@playwright/test';

export interface SignedIn {
  token: { user: { id: string; name: string }; project: { id: string; name: string }; roles: string[] };
}

/** Signs a Keystone user in through the sign-in page, as a person would, and answers the session the API gave. */
export async function signIn(page: Page, user: { username: string; password: string }): Promise<SignedIn> {
  await page.goto('/login');
  await page.getByLabel(/用户名|Username/).fill(user.username);
  await page.getByLabel(/密码|Password/).fill(user.password);
  const res = page.waitForResponse((r) => r.url().includes('/api/v1/auth/tokens') && r.request().method() === 'POST');
  await page.getByRole('button', { name: /^(登录|Sign in)$/ }).click();
  const r = await res;
  expect(r.status(), `Keystone accepts ${user.username}`).toBe(201);
  await expect(
    page.getByRole('navigation', { name: /主导航|Main navigation/ }),
    'the console shell appears after signing in',
  ).toBeVisible();
  return (await r.json()) as SignedIn;
}
