import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll } from 'vitest';

/**
 * The driver contract against tests/fakes/huaweicloud.ts: a local Huawei Cloud that checks every signature, so
 * passing proves the SDK-HMAC-SHA256 signing end to end as well as the mapping.
 */
process.env.YUNTU_DATA_DIR = fs.mkdtempSync(path.join(os.tmpdir(), 'yuntu-huawei-'));
process.env.YUNTU_SECRET_KEY = '11'.repeat(32);
// The embedded database the driver keeps its jobs in (cloud_jobs), opened before the fake's first call: its start
// takes seconds on a busy machine, and a kept-alive connection to the fake would be reset meanwhile.
await (await import('../../db/client')).getDb();

const { startHuaweiFake } = await import('@/tests/fakes/huaweicloud');
const { createHuaweiCloudProvider } = await import('./index');
const { driverContract } = await import('../contract/suite');

const AK = 'HPUAFAKEACCESSKEY001';
const SK = 'fakeSecretKey0123456789abcdefghijABCDEFGH';
const PROJECT = '0605767a5c00d5762f1ac00e4b2cba6f';
const fake = await startHuaweiFake({ keys: { [AK]: SK }, projectId: PROJECT, delayMs: 100 });
afterAll(() => fake.close());

driverContract('huaweicloud (local fake)', async () => ({
  provider: createHuaweiCloudProvider({
    region: 'cn-test-1',
    projectId: PROJECT,
    endpointTemplate: fake.endpointTemplate,
    timeoutMs: 5000,
    adminKeys: '',
    // With a bucket the suite's upload/download round trip runs through OBS and IMS's import and export.
    obs: {
      bucket: 'yuntu-test',
      endpoint: `${fake.url}/obs`,
      partSize: 100 * 1024,
      keepObjects: false,
      imsWaitMs: 5000,
      prefix: 'yuntu-images/',
    },
  }),
  member: { username: AK, password: SK },
  bootable: { imageName: 'cirros', flavorId: 's6.small.1' },
}));
