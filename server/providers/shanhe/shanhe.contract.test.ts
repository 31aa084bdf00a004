import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll } from 'vitest';

/**
 * The driver contract against tests/fakes/shanhe.ts: a local Shanhe API that checks every signature, so passing
 * proves the v1 HmacSHA256 signing end to end as well as the mapping.
 */
process.env.YUNTU_DATA_DIR = fs.mkdtempSync(path.join(os.tmpdir(), 'yuntu-shanhe-'));
process.env.YUNTU_SECRET_KEY = '22'.repeat(32);
// The embedded database the driver keeps its jobs in (cloud_jobs), opened before the fake's first call: its start
// takes seconds on a busy machine, and a kept-alive connection to the fake would be reset meanwhile.
await (await import('../../db/client')).getDb();

const { startShanheFake } = await import('@/tests/fakes/shanhe');
const { createShanheProvider } = await import('./index');
const { driverContract } = await import('../contract/suite');

const AK = 'QYACCESSKEYIDFAKE001';
const SK = 'fakeShanheSecretAccessKey0123456789abcdef';
const fake = await startShanheFake({ keys: { [AK]: SK }, zone: 'test1a', delayMs: 100 });
afterAll(() => fake.close());

driverContract('shanhe (local fake)', async () => ({
  provider: createShanheProvider({ endpoint: fake.endpoint, zone: 'test1a', timeoutMs: 5000, adminKeys: '' }),
  member: { username: AK, password: SK },
  bootable: { imageName: 'cirros', flavorId: 'small_b' },
}));
