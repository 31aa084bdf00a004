import { expect, test } from '@playwright/test';
import { signIn } from './helpers';

/**
 * The console's pages run under their nonce CSP with nothing refused (a script or style the policy blocks would
 * break a page silently), and a page of another origin can neither frame the console nor post to it with the cookie.
 */
test('every page runs under the CSP with no violation', async ({ page }) => {
  const violations: string[] = [];
  page.on('console', (m) => {
    if (/Content Security Policy|Refused to (execute|load|apply|frame)/i.test(m.text()))
      violations.push(`${page.url()}: ${m.text()}`);
  });
  page.on('pageerror', (e) => violations.push(`${page.url()}: ${e.message}`));
  await signIn(page, 'admin');
  for (const path of [
    '/',
    '/servers',
    '/servers/new',
    '/volumes',
    '/images',
    '/networks',
    '/topology',
    '/security-groups',
    '/load-balancers',
    '/admin/hosts',
    '/admin/projects',
  ]) {
    await page.goto(path);
    await expect(page.getByRole('navigation', { name: /主导航|Main navigation/ }), path).toBeVisible();
    await page.waitForLoadState('networkidle');
  }
  expect(violations).toEqual([]);
});

test('another site cannot frame the console, nor change anything with the cookie', async ({
  page,
  context,
  baseURL,
}) => {
  await signIn(page, 'alice');
  // A page of another origin (a data: URL is an opaque origin) that frames the console and posts to its API.
  const evil = await context.newPage();
  const blocked: string[] = [];
  evil.on('console', (m) => blocked.push(m.text()));
  await evil.setContent(`<iframe id="f" src="${baseURL}/servers"></iframe>`);
  await expect
    .poll(() => blocked.some((t) => /frame-ancestors|X-Frame-Options|Refused to (display|frame)/i.test(t)), {
      message: 'the browser refused the frame',
      timeout: 15_000,
    })
    .toBe(true);
  const status = await evil.evaluate(async (url) => {
    try {
      const r = await fetch(`${url}/api/v1/security-groups`, {
        method: 'POST',
        credentials: 'include',
        mode: 'no-cors',
        body: JSON.stringify({ name: 'csrf-from-e2e' }),
      });
      return r.type;
    } catch (e) {
      return String(e);
    }
  }, baseURL!);
  expect(status).toBeTruthy();
  // Whatever the browser did with it, the console made nothing.
  await page.goto('/security-groups');
  await expect(page.getByRole('table')).toBeVisible();
  await expect(page.getByText('csrf-from-e2e')).toHaveCount(0);
});
