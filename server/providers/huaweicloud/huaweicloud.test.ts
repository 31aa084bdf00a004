import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ProviderContext } from '../types';

process.env.YUNTU_DATA_DIR = fs.mkdtempSync(path.join(os.tmpdir(), 'yuntu-huawei-ops-'));
process.env.YUNTU_SECRET_KEY = '33'.repeat(32);
// The embedded database the driver keeps its jobs in (cloud_jobs), opened before the fake's first call: its start
// takes seconds on a busy machine, and a kept-alive connection to the fake would be reset meanwhile.
await (await import('../../db/client')).getDb();

const { startHuaweiFake, FAKE_IMAGE_ID } = await import('@/tests/fakes/huaweicloud');
const { createHuaweiCloudProvider } = await import('./index');
const { seal } = await import('../../auth/secret-box');
const { CloudError } = await import('../errors');

const AK = 'HPUAFAKEACCESSKEY002';
const SK = 'anotherFakeSecretKey0123456789abcdefghij';
const PROJECT = '1605767a5c00d5762f1ac00e4b2cba6f';
const fake = await startHuaweiFake({ keys: { [AK]: SK }, projectId: PROJECT, delayMs: 60 });
const provider = createHuaweiCloudProvider({
  region: 'cn-test-1',
  projectId: PROJECT,
  endpointTemplate: fake.endpointTemplate,
  timeoutMs: 5000,
  adminKeys: AK,
});
let ctx: ProviderContext;

async function eventually<T>(fn: () => Promise<T>, ok: (v: T) => boolean): Promise<T> {
  for (let i = 0; i < 100; i++) {
    const v = await fn();
    if (ok(v)) return v;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error('not reached');
}
const kindOf = (p: Promise<unknown>) =>
  p.then(
    () => 'ok',
    (e: unknown) => (e instanceof CloudError ? e.kind : String(e)),
  );

beforeAll(async () => {
  const principal = await provider.identity.authenticate({ username: AK, password: SK });
  ctx = { principal, projectId: principal.projectId, allProjects: false, requestId: 'hw-test' };
});
afterAll(() => fake.close());

describe('huaweicloud driver against the fake', () => {
  it('signs in an admin key, keeps the SK sealed, and refuses a wrong secret at the gateway', async () => {
    expect(ctx.principal.roles).toEqual(['admin']);
    expect(ctx.principal.backendToken).not.toContain(SK);
    const refusedBefore = fake.state.log.filter((l) => l.ak === null).length;
    const forged = { ...ctx, principal: { ...ctx.principal, backendToken: seal('not-the-secret') } };
    expect(await kindOf(provider.servers.list(forged, { limit: 10, offset: 0 }))).toBe('unauthorized');
    expect(await kindOf(provider.identity.authenticate({ username: AK, password: 'not-the-secret' }))).toBe(
      'unauthorized',
    );
    expect(fake.state.log.filter((l) => l.ak === null).length).toBe(refusedBefore + 2);
  });

  it("refuses another project's quota and usage (not_supported) and answers its own", async () => {
    // The driver's calls answer for its one configured project: another one must not get that project's numbers.
    const other = { ...ctx, projectId: 'another-project' };
    expect(await kindOf(provider.quotas.compute(other, { scope: 'project' }))).toBe('not_supported');
    expect(await kindOf(provider.quotas.volume(other, { scope: 'project' }))).toBe('not_supported');
    expect(await kindOf(provider.quotas.compute(ctx, { scope: 'project' }))).toBe('ok');
    expect(await kindOf(provider.quotas.volume(ctx, { scope: 'project' }))).toBe('ok');
  });

  it('sends a query value with a space and reserved characters as it signs it (%20, never +)', async () => {
    const name = 'my server+/~*ü';
    const s = await provider.servers.create(ctx, {
      name: `${name} 1`,
      description: '',
      flavor_id: 's6.small.1',
      image_id: FAKE_IMAGE_ID,
      networks: [],
      block_devices: [],
      metadata: {},
      security_group_ids: [],
    });
    await provider.servers.create(ctx, {
      name: 'my-server',
      description: '',
      flavor_id: 's6.small.1',
      image_id: FAKE_IMAGE_ID,
      networks: [],
      block_devices: [],
      metadata: {},
      security_group_ids: [],
    });
    const page = await provider.servers.list(ctx, { limit: 10, offset: 0, name });
    expect(page.items.map((x) => x.id)).toEqual([s.id]);
    expect(fake.state.log.filter((l) => l.path.endsWith('/cloudservers/detail')).at(-1)?.ak).toBe(AK);
  });

  it('shows a failed creation job as an error status', async () => {
    const s = await provider.servers.create(ctx, {
      name: 'fail-me',
      description: '',
      flavor_id: 's6.small.1',
      image_id: FAKE_IMAGE_ID,
      networks: [],
      block_devices: [],
      metadata: {},
      security_group_ids: [],
    });
    expect(s.status).toBe('building');
    await eventually(
      () => provider.servers.get(ctx, s.id),
      (x) => x.status === 'error',
    );
  });

  it('resizes a stopped server, attaches and detaches a volume, binds a public IP, captures an image', async () => {
    const s = await provider.servers.create(ctx, {
      name: 'ops',
      description: 'd',
      flavor_id: 's6.small.1',
      image_id: FAKE_IMAGE_ID,
      networks: [],
      block_devices: [],
      metadata: {},
      security_group_ids: [],
    });
    await eventually(
      () => provider.servers.get(ctx, s.id),
      (x) => x.status === 'active',
    );
    expect(await kindOf(provider.servers.resize(ctx, s.id, 's6.large.2'))).toBe('conflict');
    expect(await kindOf(provider.servers.liveMigrate(ctx, s.id, 'h'))).toBe('not_supported');
    await provider.servers.stop(ctx, s.id);
    await eventually(
      () => provider.servers.get(ctx, s.id),
      (x) => x.status === 'stopped',
    );
    await provider.servers.resize(ctx, s.id, 's6.large.2');
    const resized = await eventually(
      () => provider.servers.get(ctx, s.id),
      (x) => x.status === 'stopped' && x.flavor_id === 's6.large.2',
    );
    expect(resized.addresses[0]?.private_ip).toMatch(/^192\.168\.0\./);

    const v = await provider.volumes.create(ctx, {
      size_gb: 10,
      name: 'data',
      description: '',
      volume_type: 'SSD',
      multiattach: false,
    });
    await eventually(
      () => provider.volumes.get(ctx, v.id),
      (x) => x.status === 'available',
    );
    await provider.volumes.attach(ctx, v.id, { server_id: s.id, mode: 'rw' });
    const attached = await eventually(
      () => provider.volumes.get(ctx, v.id),
      (x) => x.status === 'in-use',
    );
    expect(attached.attachments[0]?.server_id).toBe(s.id);
    expect(await kindOf(provider.volumes.remove(ctx, v.id))).toBe('conflict');
    await provider.volumes.detach(ctx, v.id, s.id);
    await eventually(
      () => provider.volumes.get(ctx, v.id),
      (x) => x.status === 'available',
    );

    const ip = await provider.publicIps.create(ctx, { name: 'web', ip_version: 4 });
    expect(ip.status).toBe('available');
    const bound = await provider.publicIps.bind(ctx, ip.id, { server_id: s.id });
    expect(bound).toMatchObject({ status: 'bound', server_id: s.id });
    expect((await provider.servers.get(ctx, s.id)).addresses[0]?.floating_ip).toBe(ip.ip_address);
    expect(await kindOf(provider.publicIps.remove(ctx, ip.id))).toBe('conflict');
    expect((await provider.publicIps.unbind(ctx, ip.id, { server_id: s.id })).status).toBe('available');
    await provider.publicIps.remove(ctx, ip.id);

    const img = await provider.images.createFromServer(ctx, { server_id: s.id, name: 'snap', description: '' });
    expect(['saving', 'active']).toContain(img.status);
    await eventually(
      () => provider.images.get(ctx, img.id),
      (x) => x.status === 'active',
    );
    expect((await provider.images.update(ctx, img.id, [{ op: 'replace', path: '/name', value: 'snap2' }])).name).toBe(
      'snap2',
    );
    expect(
      await kindOf(provider.images.update(ctx, img.id, [{ op: 'replace', path: '/visibility', value: 'public' }])),
    ).toBe('not_supported');
    // No custom properties through IMS: refused with the reason its capabilities table publishes.
    const props = await provider.images
      .update(ctx, img.id, [{ op: 'add', path: '/gis_crs', value: 'EPSG:4490' }])
      .catch((x: unknown) => x);
    expect(props).toBeInstanceOf(CloudError);
    expect((props as InstanceType<typeof CloudError>).kind).toBe('not_supported');
    expect((props as Error).message).toBe(
      (await provider.capabilities(ctx)).unsupported?.['PATCH /images/{id}#properties'],
    );
    await provider.images.remove(ctx, img.id);
    // This provider has no OBS bucket configured: a file has no way into IMS (obs.test.ts covers the bucket case).
    expect(await kindOf(provider.images.upload(ctx, img.id, new ReadableStream()))).toBe('not_supported');
  });

  it('runs a classic ELB: create (job), listener, members on every listener, delete', async () => {
    const s = await provider.servers.create(ctx, {
      name: 'backend',
      description: '',
      flavor_id: 's6.small.1',
      image_id: FAKE_IMAGE_ID,
      networks: [],
      block_devices: [],
      metadata: {},
      security_group_ids: [],
    });
    await eventually(
      () => provider.servers.get(ctx, s.id),
      (x) => x.status === 'active',
    );
    const subnet = (await provider.networks.list(ctx, { limit: 10, offset: 0 })).items[0]!.subnets[0]!;
    const lb = await provider.loadBalancers.create(ctx, { name: 'lb', subnet_id: subnet.id, description: '' });
    expect(lb.status).toBe('active');
    expect(
      await kindOf(provider.loadBalancers.changeMembers(ctx, lb.id, { op: 'add', server_id: s.id, port: 80 })),
    ).toBe('conflict');
    await provider.loadBalancers.addListener(ctx, lb.id, { protocol: 'HTTP', port: 80 });
    const withMember = await provider.loadBalancers.changeMembers(ctx, lb.id, { op: 'add', server_id: s.id, port: 80 });
    expect(withMember.members).toEqual([expect.objectContaining({ id: s.id, port: 80 })]);
    const ip = withMember.members[0]!.ip_address;
    expect((await provider.loadBalancers.changeMembers(ctx, lb.id, { op: 'remove', server_ip: ip })).members).toEqual(
      [],
    );
    await provider.loadBalancers.remove(ctx, lb.id);
    expect(
      await eventually(
        () => kindOf(provider.loadBalancers.get(ctx, lb.id)),
        (k) => k === 'not_found',
      ),
    ).toBe('not_found');
  });
});
