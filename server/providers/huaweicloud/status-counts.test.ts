import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ServerStatus } from '@/lib/contract/server';
import type { ProviderContext } from '../types';

// countByStatus on the Huawei driver against the fake ECS: one listing, counted as the list's status filter reads it.
process.env.YUNTU_DATA_DIR = fs.mkdtempSync(path.join(os.tmpdir(), 'yuntu-huawei-counts-'));
process.env.YUNTU_SECRET_KEY = '35'.repeat(32);

const { startHuaweiFake, FAKE_IMAGE_ID } = await import('@/tests/fakes/huaweicloud');
const { createHuaweiCloudProvider } = await import('./index');

const AK = 'HPUAFAKEACCESSKEY003';
const SK = 'countsFakeSecretKey0123456789abcdefghijk';
const PROJECT = '2605767a5c00d5762f1ac00e4b2cba6f';
const fake = await startHuaweiFake({ keys: { [AK]: SK }, projectId: PROJECT, delayMs: 60 });
const provider = createHuaweiCloudProvider({ region: 'cn-test-1', projectId: PROJECT, endpointTemplate: fake.endpointTemplate, timeoutMs: 5000, adminKeys: AK });
let ctx: ProviderContext;

async function eventually<T>(fn: () => Promise<T>, ok: (v: T) => boolean): Promise<T> {
  for (let i = 0; i < 100; i++) {
    const v = await fn();
    if (ok(v)) return v;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error('not reached');
}

beforeAll(async () => {
  const principal = await provider.identity.authenticate({ username: AK, password: SK });
  ctx = { principal, projectId: principal.projectId, allProjects: false, requestId: 'hw-counts' };
});
afterAll(() => fake.close());

describe('huaweicloud servers.countByStatus', () => {
  it("equals the list's total for every status", async () => {
    const boot = (name: string) => provider.servers.create(ctx, { name, description: '', flavor_id: 's6.small.1', image_id: FAKE_IMAGE_ID, networks: [], block_devices: [], metadata: {}, security_group_ids: [] });
    const [a, b] = await Promise.all([boot('count-a'), boot('count-b')]);
    await eventually(() => provider.servers.get(ctx, a!.id), (x) => x.status === 'active');
    await eventually(() => provider.servers.get(ctx, b!.id), (x) => x.status === 'active');
    await provider.servers.stop(ctx, b!.id);
    await eventually(() => provider.servers.get(ctx, b!.id), (x) => x.status === 'stopped');
    const counts = await provider.servers.countByStatus(ctx);
    expect(counts).toMatchObject({ active: 1, stopped: 1 });
    for (const s of ServerStatus.options) expect(counts[s], s).toBe((await provider.servers.list(ctx, { limit: 1, offset: 0, status: s })).total);
  });
});
