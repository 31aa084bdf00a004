import { describe, it } from 'vitest';

/**
 * The driver contract on a real OpenStack, when OPENSTACK_AUTH_URL is set (`npm run test:openstack` sets it and
 * brings the loopback cloud and its fixtures up: scripts/openstack/). The member, image and flavor default to
 * that cloud's: demo/demo-secret, "cirros", s1.small.
 */
const authUrl = process.env.OPENSTACK_AUTH_URL;

if (!authUrl) {
  describe('driver contract: openstack', () => {
    // Skipped on purpose without a cloud: the suite needs a real OpenStack, which `npm run test:openstack` starts
    // (and `npm test` runs as its OpenStack stage, with OPENSTACK_AUTH_URL set); in the plain unit stage the skip is
    // reported so that a run without the cloud stays visible (issue 5).
    it.skip('needs OPENSTACK_AUTH_URL (run `npm run test:openstack`, which starts a loopback OpenStack)', () => {});
  });
} else {
  process.env.YUNTU_BACKEND = 'openstack';
  const { createOpenStackProvider } = await import('./index');
  const { driverContract } = await import('../contract/suite');
  driverContract(`openstack (${authUrl})`, async () => ({
    provider: createOpenStackProvider(),
    member: {
      username: process.env.YUNTU_TEST_MEMBER_USER ?? 'demo',
      password: process.env.YUNTU_TEST_MEMBER_PASSWORD ?? 'demo-secret',
    },
    bootable: {
      imageName: process.env.YUNTU_TEST_IMAGE ?? 'cirros',
      flavorId: process.env.YUNTU_TEST_FLAVOR ?? 's1.small',
    },
  }));
}
