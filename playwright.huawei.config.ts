import { defineConfig } from '@playwright/test';
import type { CapabilityOptions } from './e2e/capabilities-fixtures';
import { chromiumLaunch } from './e2e/chromium.mjs';

/**
 * The capabilities spec against the console on the Huawei Cloud backend, pointed at the local fake
 * (tests/fakes/huaweicloud.ts, which checks every signature): what Huawei cannot do must show greyed with its reason;
 * and e2e/huawei/: an image uploaded in the browser goes through OBS (the fake's, signatures checked) and
 * IMS's import, and ends active.
 * The project `huawei-without-obs` runs the capabilities spec on a second console without an OBS bucket
 * (HUAWEI_E2E_NO_OBS_PORT, default HUAWEI_E2E_PORT + 100), where image upload is greyed with its reason.
 * `npm test` runs it after the main e2e; alone: `NEXT_DIST_DIR=<build> npx playwright test -c playwright.huawei.config.ts`.
 */
const port = Number(process.env.HUAWEI_E2E_PORT ?? 3340);
const fakePort = Number(process.env.FAKE_CLOUD_PORT ?? 3341);
// A second console on the same fake without an OBS bucket: there image upload must be greyed with its reason.
const noObsPort = Number(process.env.HUAWEI_E2E_NO_OBS_PORT ?? port + 100);
const distDir = process.env.NEXT_DIST_DIR ?? '.next';
const dataDir = `data/e2e-huawei-${Date.now()}`;
// A made-up key pair of the fake only, listed as the console's admin (PUBLIC_CLOUD_ADMIN_KEYS: live migrate is admin-only).
const admin = { username: 'HPUAFAKEADMINKEY0001', password: 'fakeAdminSecret0123456789abcdefghijABCD' };
const projectId = '0605767a5c00d5762f1ac00e4b2cba6f';
const obsBucket = 'yuntu-e2e-images';

/** A console on the Huawei backend pointed at the fake, on its own port and data directory. */
function consoleServer(onPort: number, data: string, extra: Record<string, string>) {
  return {
    command: `node scripts/serve.mjs -H 127.0.0.1 -p ${onPort}`,
    url: `http://127.0.0.1:${onPort}/api/v1/health`,
    timeout: 120_000,
    reuseExistingServer: false,
    env: {
      NEXT_DIST_DIR: distDir,
      YUNTU_DATA_DIR: data,
      YUNTU_BACKEND: 'huaweicloud',
      HUAWEICLOUD_REGION: 'cn-test-1',
      HUAWEICLOUD_PROJECT_ID: projectId,
      HUAWEICLOUD_ENDPOINT_TEMPLATE: `http://127.0.0.1:${fakePort}/{service}`,
      ...extra,
      HUAWEICLOUD_AK: admin.username,
      HUAWEICLOUD_SK: admin.password,
      PUBLIC_CLOUD_ADMIN_KEYS: admin.username,
      PUBLIC_CLOUD_TIMEOUT_MS: '10000',
      RATE_LIMIT_MAX: '1000000',
      LOG_LEVEL: 'warn',
      NODE_ENV: 'production',
    },
  };
}

export default defineConfig<CapabilityOptions>({
  testDir: 'e2e',
  projects: [
    { name: 'huawei', testMatch: ['capabilities.spec.ts', 'huawei/*.spec.ts'] },
    {
      name: 'huawei-without-obs',
      testMatch: 'capabilities.spec.ts',
      use: { baseURL: `http://127.0.0.1:${noObsPort}`, imageFiles: false },
    },
  ],
  timeout: 90_000,
  expect: { timeout: 20_000 },
  fullyParallel: false,
  workers: 1,
  // npm test reads the JSON report to count these tests in its closing line, like the main e2e's.
  reporter: process.env.PLAYWRIGHT_JSON_OUTPUT_NAME
    ? [['list'], ['json', { outputFile: process.env.PLAYWRIGHT_JSON_OUTPUT_NAME }]]
    : [['list']],
  outputDir: 'test-results/e2e-huawei',
  use: {
    backend: 'huaweicloud',
    adminLogin: admin,
    baseURL: `http://127.0.0.1:${port}`,
    viewport: { width: 1360, height: 860 },
    launchOptions: chromiumLaunch,
    trace: 'retain-on-failure',
  },
  webServer: [
    {
      command: 'npx tsx scripts/fake-cloud.mts',
      // Every path of the fake wants a signature; its 401 still proves it listens (Playwright accepts 401 as up).
      url: `http://127.0.0.1:${fakePort}/ecs/`,
      timeout: 30_000,
      reuseExistingServer: false,
      env: {
        FAKE_CLOUD_PORT: String(fakePort),
        FAKE_CLOUD_KEYS: `${admin.username}:${admin.password}`,
        FAKE_CLOUD_PROJECT_ID: projectId,
        FAKE_CLOUD_OBS_BUCKETS: obsBucket,
      },
    },
    consoleServer(port, dataDir, {
      // Image files go through the fake's OBS (path-style at /obs); small parts so a browser upload is multipart.
      HUAWEICLOUD_OBS_BUCKET: obsBucket,
      HUAWEICLOUD_OBS_ENDPOINT: `http://127.0.0.1:${fakePort}/obs`,
      HUAWEICLOUD_OBS_PART_SIZE: String(100 * 1024),
      HUAWEICLOUD_IMS_WAIT_MS: '20000',
    }),
    consoleServer(noObsPort, `${dataDir}-no-obs`, {}),
  ],
});
