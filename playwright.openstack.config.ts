import { defineConfig } from '@playwright/test';
import { chromiumLaunch } from './e2e/chromium.mjs';

/**
 * A subset of the e2e against the console on a real OpenStack (docs/openstack.md: the loopback cloud of
 * scripts/openstack/up.sh), cross-checked with the `openstack` CLI (e2e/openstack/cli.ts reads `$OS_DIR/openrc`).
 * `npm run test:openstack` runs it after the HTTP integration tests; alone, with the cloud up and its fixtures made:
 * `NEXT_DIST_DIR=<build> npx playwright test -c playwright.openstack.config.ts`.
 */
const port = Number(process.env.OPENSTACK_E2E_PORT ?? 3350);
const distDir = process.env.NEXT_DIST_DIR ?? '.next';
// Its own database and secret key: nothing shared with other consoles or earlier runs.
const dataDir = `data/e2e-openstack-${Date.now()}`;

// Stopping Neutron disturbs whoever else uses the cloud meanwhile (another engineer's run on the same loopback cloud):
// the outage runs with the whole suite (no spec named on the command line, as `npm run test:openstack` runs it) or
// when its own file is named. Decided once, in the runner, and handed to the workers through the environment.
if (process.env.YUNTU_E2E_NEUTRON_OUTAGE === undefined) {
  const named = process.argv.filter((a) => a.endsWith('.spec.ts'));
  process.env.YUNTU_E2E_NEUTRON_OUTAGE = !named.length || named.some((a) => a.includes('neutron-outage')) ? '1' : '0';
}
const withOutage = process.env.YUNTU_E2E_NEUTRON_OUTAGE === '1';

export default defineConfig({
  testDir: 'e2e/openstack',
  testMatch: '*.spec.ts',
  projects: withOutage
    ? [
        // The Neutron outage runs after every other file, so no other test sees Neutron gone. As the `teardown` of
        // the console project it runs even when a test there failed (a `dependencies` edge would skip it then).
        { name: 'console', testIgnore: 'neutron-outage.spec.ts', teardown: 'neutron-outage' },
        { name: 'neutron-outage', testMatch: 'neutron-outage.spec.ts' },
      ]
    : [{ name: 'console', testIgnore: 'neutron-outage.spec.ts' }],
  // Real services take seconds per step; each test sets a longer limit where it boots servers.
  timeout: 180_000,
  expect: { timeout: 30_000 },
  fullyParallel: false,
  workers: 1,
  // npm run test:openstack reads the JSON report to count these tests in its closing line.
  reporter: process.env.PLAYWRIGHT_JSON_OUTPUT_NAME
    ? [['list'], ['json', { outputFile: process.env.PLAYWRIGHT_JSON_OUTPUT_NAME }]]
    : [['list']],
  outputDir: 'test-results/e2e-openstack',
  use: {
    baseURL: `http://127.0.0.1:${port}`,
    viewport: { width: 1360, height: 860 },
    launchOptions: chromiumLaunch,
    trace: 'retain-on-failure',
  },
  webServer: {
    command: `node scripts/serve.mjs -H 127.0.0.1 -p ${port}`,
    url: `http://127.0.0.1:${port}/api/v1/health`,
    timeout: 120_000,
    reuseExistingServer: false,
    env: {
      NEXT_DIST_DIR: distDir,
      YUNTU_DATA_DIR: dataDir,
      // An embedded PGlite in that dir even when the caller's environment names a shared PostgreSQL.
      DATABASE_URL: '',
      YUNTU_BACKEND: 'openstack',
      OPENSTACK_AUTH_URL: process.env.OPENSTACK_AUTH_URL ?? 'http://127.0.0.1:5000/v3',
      YUNTU_SEED_DEMO: '0',
      RATE_LIMIT_MAX: '1000000',
      LOG_LEVEL: 'warn',
      NODE_ENV: 'production',
      // The URL import test serves its file from 127.0.0.1: that address only (Glance's own filter allows it too).
      YUNTU_IMAGE_IMPORT_ALLOW: '127.0.0.1',
    },
  },
});
