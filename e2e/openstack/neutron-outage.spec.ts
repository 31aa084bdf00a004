import { expect, test } from '@playwright/test';
import { signIn } from './sign-in';
import { openstackScript } from '../../tests/openstack/cloud';

/**
 * neutron-server stops while a user works in the console: the pages that need Neutron say so (naming the service)
 * inside the console's frame, the navigation and the pages that do not need it keep working, and once the service
 * is back the same page recovers on its own. playwright.openstack.config.ts runs it in a project of its own after all
 * the other files (the `teardown` of their project), so no other test sees Neutron gone. The loopback cloud's fixture user
 * `demo` (scripts/openstack/fixtures.sh) signs in; nothing is created, so nothing needs cleaning up but the cloud.
 */
const demo = {
  username: process.env.YUNTU_TEST_MEMBER_USER ?? 'demo',
  password: process.env.YUNTU_TEST_MEMBER_PASSWORD ?? 'demo-secret',
};
let stopped = false;

test.afterAll(async () => {
  // Whatever happened, the cloud is whole again for whoever comes next.
  if (stopped) await openstackScript('up.sh');
});

test('pages that need a stopped Neutron say so, the rest of the console works, and they recover when it is back', async ({
  page,
}) => {
  test.setTimeout(600_000);
  await signIn(page, demo);
  const nav = page.getByRole('navigation', { name: /主导航|Main navigation/ });
  // The page's own error messages (Next's route announcer is an alert too, outside <main>).
  const alerts = page.getByRole('main').getByRole('alert');
  await page.goto('/networks');
  await expect(alerts, 'no error while Neutron runs').toHaveCount(0);

  await openstackScript('down.sh', 'neutron-server');
  stopped = true;

  for (const p of ['/networks', '/security-groups', '/floating-ips']) {
    await page.goto(p);
    // The console retries a 5xx twice before it shows the error: allow for that.
    await expect(alerts.filter({ hasText: 'Neutron' }), `${p} names the stopped service`).toBeVisible({
      timeout: 60_000,
    });
    await expect(alerts.first(), `${p}: no stack trace or address`).not.toContainText(
      /at \w+ \(|ECONNREFUSED|127\.0\.0\.1/,
    );
    await expect(nav, `${p}: the console's frame stays`).toBeVisible();
  }

  // Pages that do not need Neutron: images (Glance) and volumes (Cinder), reached through the navigation.
  await nav.getByRole('link', { name: /^(镜像|Images)$/ }).click();
  await expect(page).toHaveURL(/\/images$/);
  await expect(page.getByRole('row').filter({ hasText: 'cirros' }).first(), 'Glance’s images are listed').toBeVisible();
  await expect(alerts).toHaveCount(0);
  await nav.getByRole('link', { name: /^(云硬盘|Volumes)$/ }).click();
  await expect(page).toHaveURL(/\/volumes$/);
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  await expect(alerts.filter({ hasText: 'Neutron' })).toHaveCount(0);

  await openstackScript('up.sh');
  stopped = false;
  // neutron-server opens its port a few seconds before it serves: reload until the page shows the list again.
  await expect
    .poll(
      async () => {
        await page.goto('/networks');
        await page.getByRole('heading', { level: 1 }).waitFor();
        await page.waitForLoadState('networkidle');
        return alerts.count();
      },
      { message: '/networks recovers once Neutron is back', timeout: 180_000, intervals: [3000, 5000] },
    )
    .toBe(0);
  await expect(page.getByRole('table', { name: /ext-net/ }), 'the networks are listed again').toBeVisible();
});
