import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { ProviderContext } from '../types';

process.env.YUNTU_DATA_DIR = fs.mkdtempSync(path.join(os.tmpdir(), 'yuntu-shanhe-ops-'));
process.env.YUNTU_SECRET_KEY = '44'.repeat(32);

const { startShanheFake } = await import('@/tests/fakes/shanhe');
const { createShanheProvider } = await import('./index');
const { seal } = await import('../../auth/secret-box');
const { CloudError } = await import('../errors');

const AK = 'QYACCESSKEYIDFAKE002';
const SK = 'anotherShanheSecret0123456789abcdefghijkl';
const fake = await startShanheFake({ keys: { [AK]: SK }, zone: 'test1a', otherZones: ['test1b'], delayMs: 60 });
const settings = { endpoint: fake.endpoint, zone: 'test1a', timeoutMs: 5000, adminKeys: '' };
const provider = createShanheProvider(settings);
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
const boot = (name: string) =>
  provider.servers.create(ctx, {
    name,
    description: '',
    flavor_id: 'small_b',
    image_id: 'cirros06x64',
    networks: [],
    block_devices: [],
    metadata: { role: 'web' },
    security_group_ids: [],
  });

beforeAll(async () => {
  const principal = await provider.identity.authenticate({ username: AK, password: SK });
  ctx = { principal, projectId: principal.projectId, allProjects: false, requestId: 'sh-test' };
});
afterAll(() => fake.close());

describe('shanhe driver against the fake', () => {
  it('signs in a member key and refuses a wrong secret with ret_code 1200 → unauthorized', async () => {
    expect(ctx.principal).toMatchObject({ userId: AK, projectId: `shanhe-${AK}`, roles: ['member'] });
    const forged = { ...ctx, principal: { ...ctx.principal, backendToken: seal('not-the-secret') } };
    expect(await kindOf(provider.volumes.list(forged, { limit: 10, offset: 0 }))).toBe('unauthorized');
    expect(fake.log.at(-1)).toEqual({ action: 'DescribeVolumes', ak: null });
  });

  it('pages lists by the API: at most 100 per call, total_count for the whole set', async () => {
    for (let i = 0; i < 3; i++)
      await provider.volumes.create(ctx, {
        size_gb: 10,
        name: `page-${i}`,
        description: '',
        volume_type: 'standard',
        multiattach: false,
      });
    const page = await provider.volumes.list(ctx, { limit: 2, offset: 1, name: 'page-' });
    expect(page.total).toBe(3);
    expect(page.items.map((v) => v.name)).toEqual(['page-1', 'page-2']);
  });

  it('keeps metadata as key=value tags, marks a failed creation job as error', async () => {
    const s = await boot('fail-shanhe');
    expect(s.metadata).toEqual({ role: 'web' });
    await eventually(
      () => provider.servers.get(ctx, s.id),
      (x) => x.status === 'error',
    );
  });

  it('stops, resizes, captures, attaches, binds an EIP and balances to a server', async () => {
    const s = await boot('ops');
    await eventually(
      () => provider.servers.get(ctx, s.id),
      (x) => x.status === 'active',
    );
    expect(await kindOf(provider.images.createFromServer(ctx, { server_id: s.id, name: 'img', description: '' }))).toBe(
      'conflict',
    );
    await provider.servers.stop(ctx, s.id);
    await eventually(
      () => provider.servers.get(ctx, s.id),
      (x) => x.status === 'stopped',
    );
    await provider.servers.resize(ctx, s.id, 'medium_b');
    await eventually(
      () => provider.servers.get(ctx, s.id),
      (x) => x.status === 'stopped' && x.flavor_id === 'medium_b',
    );
    const img = await provider.images.createFromServer(ctx, { server_id: s.id, name: 'img', description: 'captured' });
    await eventually(
      () => provider.images.get(ctx, img.id),
      (x) => x.status === 'active',
    );
    expect((await provider.images.update(ctx, img.id, [{ op: 'replace', path: '/name', value: 'img2' }])).name).toBe(
      'img2',
    );
    // No custom properties on Shanhe: refused with the reason its capabilities table publishes, nothing changed.
    const props = await provider.images
      .update(ctx, img.id, [{ op: 'add', path: '/gis_crs', value: 'EPSG:4490' }])
      .catch((x: unknown) => x);
    expect(props).toBeInstanceOf(CloudError);
    expect((props as InstanceType<typeof CloudError>).kind).toBe('not_supported');
    expect((props as Error).message).toBe(
      (await provider.capabilities(ctx)).unsupported?.['PATCH /images/{id}#properties'],
    );
    expect((props as Error).message).toContain('properties');
    expect((await provider.images.get(ctx, img.id)).name).toBe('img2');
    await provider.images.remove(ctx, img.id);
    await provider.servers.start(ctx, s.id);
    await eventually(
      () => provider.servers.get(ctx, s.id),
      (x) => x.status === 'active',
    );

    const v = await provider.volumes.create(ctx, {
      size_gb: 10,
      name: 'disk',
      description: '',
      volume_type: 'standard',
      multiattach: false,
    });
    await eventually(
      () => provider.volumes.get(ctx, v.id),
      (x) => x.status === 'available',
    );
    await provider.volumes.attach(ctx, v.id, { server_id: s.id, mode: 'rw' });
    await eventually(
      () => provider.volumes.get(ctx, v.id),
      (x) => x.status === 'in-use',
    );
    expect(await kindOf(provider.volumes.extend(ctx, v.id, 20))).toBe('conflict');
    await provider.volumes.detach(ctx, v.id, s.id);
    await eventually(
      () => provider.volumes.get(ctx, v.id),
      (x) => x.status === 'available',
    );

    const ip = await provider.publicIps.create(ctx, { name: 'web', ip_version: 4 });
    const priv = (await provider.servers.get(ctx, s.id)).addresses[0]!.private_ip;
    const bound = await provider.publicIps.bind(ctx, ip.id, { private_ip: priv });
    expect(bound).toMatchObject({ status: 'bound', server_id: s.id, private_ip: priv });
    expect(await kindOf(provider.publicIps.remove(ctx, ip.id))).toBe('conflict');
    await provider.publicIps.unbind(ctx, ip.id, { server_id: s.id });
    await provider.publicIps.remove(ctx, ip.id);

    const lb = await provider.loadBalancers.create(ctx, { name: 'lb', description: '' });
    await eventually(
      () => provider.loadBalancers.get(ctx, lb.id),
      (x) => x.status === 'active',
    );
    await provider.loadBalancers.addListener(ctx, lb.id, { protocol: 'HTTP', port: 80 });
    await provider.loadBalancers.addListener(ctx, lb.id, { protocol: 'TCP', port: 443 });
    const added = await provider.loadBalancers.changeMembers(ctx, lb.id, { op: 'add', server_id: s.id, port: 8080 });
    expect(added.listeners).toHaveLength(2);
    expect(added.members).toEqual([{ id: s.id, name: 'ops', ip_address: priv, port: 8080 }]);
    expect((await provider.loadBalancers.changeMembers(ctx, lb.id, { op: 'remove', server_id: s.id })).members).toEqual(
      [],
    );
    await provider.loadBalancers.remove(ctx, lb.id);
  });

  it('refuses what Shanhe cannot do, with the reason', async () => {
    const e = await provider.images
      .createMetadata(ctx, {
        name: 'x',
        description: '',
        disk_format: 'raw',
        container_format: 'bare',
        architecture: 'x86_64',
        min_ram_mb: 0,
        min_disk_gb: 0,
        visibility: 'private',
        protected: false,
        tags: [],
        properties: {},
      })
      .catch((x: unknown) => x);
    expect(e).toBeInstanceOf(CloudError);
    expect((e as InstanceType<typeof CloudError>).kind).toBe('not_supported');
    expect((e as Error).message).toContain('capture');
    const g = (await provider.securityGroups.list(ctx, { limit: 10, offset: 0 })).items[0]!;
    expect(
      await kindOf(
        provider.securityGroups.createRule(ctx, {
          security_group_id: g.id,
          direction: 'ingress',
          ethertype: 'IPv6',
          protocol: 'tcp',
          port_range_min: 22,
          port_range_max: 22,
          description: '',
        }),
      ),
    ).toBe('invalid');
  });
});

// The driver is configured for test1a; these resources are made in test1b, where only calls naming test1b find them.
describe('shanhe resources in another zone than the configured one', () => {
  const input = {
    description: 'in b',
    flavor_id: 'small_b',
    image_id: 'cirros06x64',
    networks: [],
    block_devices: [],
    metadata: { role: 'db' },
    security_group_ids: [],
    datacenter_id: 'test1b',
  };

  it('creates, reads, lists, acts on and deletes a server and a volume in the zone they were made in', async () => {
    const s = await provider.servers.create(ctx, { ...input, name: 'zone-b' });
    expect(s).toMatchObject({ name: 'zone-b', datacenter_id: 'test1b', metadata: { role: 'db' } });
    expect(fake.tables.instances.get(s.id)?.zone_id).toBe('test1b');
    await eventually(
      () => provider.servers.get(ctx, s.id),
      (x) => x.status === 'active',
    );
    expect(
      (await provider.servers.list(ctx, { limit: 10, offset: 0, datacenter_id: 'test1b' })).items.map((x) => x.id),
    ).toEqual([s.id]);
    expect(await provider.servers.list(ctx, { limit: 10, offset: 0, datacenter_id: 'nowhere1a' })).toEqual({
      items: [],
      total: 0,
    });
    expect((await provider.servers.update(ctx, s.id, { name: 'zone-b2' })).name).toBe('zone-b2');
    await provider.servers.reboot(ctx, s.id, 'soft');
    await provider.servers.stop(ctx, s.id);
    await eventually(
      () => provider.servers.get(ctx, s.id),
      (x) => x.status === 'stopped',
    );
    await provider.servers.resize(ctx, s.id, 'medium_b');
    await eventually(
      () => provider.servers.get(ctx, s.id),
      (x) => x.flavor_id === 'medium_b' && x.status === 'stopped',
    );
    await provider.servers.start(ctx, s.id);
    await eventually(
      () => provider.servers.get(ctx, s.id),
      (x) => x.status === 'active',
    );

    const v = await provider.volumes.create(ctx, {
      size_gb: 10,
      name: 'disk-b',
      description: 'in b',
      volume_type: 'standard',
      multiattach: false,
      datacenter_id: 'test1b',
    });
    expect(v).toMatchObject({ datacenter_id: 'test1b', description: 'in b' });
    await eventually(
      () => provider.volumes.get(ctx, v.id),
      (x) => x.status === 'available',
    );
    expect(
      (await provider.volumes.list(ctx, { limit: 10, offset: 0, datacenter_id: 'test1b' })).items.map((x) => x.id),
    ).toEqual([v.id]);
    await provider.volumes.extend(ctx, v.id, 20);
    await eventually(
      () => provider.volumes.get(ctx, v.id),
      (x) => x.size_gb === 20,
    );
    await provider.volumes.attach(ctx, v.id, { server_id: s.id, mode: 'rw' });
    await eventually(
      () => provider.volumes.get(ctx, v.id),
      (x) => x.status === 'in-use',
    );
    await provider.volumes.detach(ctx, v.id, s.id);
    await eventually(
      () => provider.volumes.get(ctx, v.id),
      (x) => x.status === 'available',
    );
    await provider.volumes.remove(ctx, v.id);
    await eventually(
      () => kindOf(provider.volumes.get(ctx, v.id)),
      (k) => k === 'not_found',
    );

    // Shanhe joins nothing across zones: a volume of test1a does not attach to a server of test1b.
    const a = await provider.volumes.create(ctx, {
      size_gb: 10,
      name: 'disk-a',
      description: '',
      volume_type: 'standard',
      multiattach: false,
    });
    await eventually(
      () => provider.volumes.get(ctx, a.id),
      (x) => x.status === 'available',
    );
    const refused = await provider.volumes.attach(ctx, a.id, { server_id: s.id, mode: 'rw' }).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(CloudError);
    expect((refused as Error).message).toContain('zone test1b');

    await provider.servers.remove(ctx, s.id);
    await eventually(
      () => kindOf(provider.servers.get(ctx, s.id)),
      (k) => k === 'not_found',
    );
  });

  it('finds a server of another zone after a restart, when nothing remembers its zone', async () => {
    const s = await provider.servers.create(ctx, { ...input, name: 'zone-b-restart' });
    vi.resetModules();
    const restarted = (await import('./index')).createShanheProvider(settings);
    expect(await restarted.servers.get(ctx, s.id)).toMatchObject({ id: s.id, datacenter_id: 'test1b' });
    await eventually(
      () => restarted.servers.get(ctx, s.id),
      (x) => x.status === 'active',
    );
    await restarted.servers.stop(ctx, s.id);
    await eventually(
      () => restarted.servers.get(ctx, s.id),
      (x) => x.status === 'stopped',
    );
    await restarted.servers.remove(ctx, s.id);
    await eventually(
      () =>
        restarted.servers.get(ctx, s.id).then(
          () => 'ok',
          (e: unknown) => (e as { kind?: string }).kind,
        ),
      (k) => k === 'not_found',
    );
  });

  it('leaves no instance or volume behind when a create fails after Shanhe made it', async () => {
    fake.faults.set('AttachTags', 'the tag service is down');
    const e = await provider.servers.create(ctx, { ...input, name: 'zone-b-orphan' }).catch((x: unknown) => x);
    fake.faults.delete('AttachTags');
    expect(e).toBeInstanceOf(CloudError);
    const made = [...fake.tables.instances.values()].filter((i) => i.instance_name === 'zone-b-orphan');
    expect(made).toHaveLength(1);
    await eventually(
      async () => made[0]!.status,
      (st) => st === 'terminated',
    );

    fake.faults.set('ModifyVolumeAttributes', 'the volume service is down');
    const f = await provider.volumes
      .create(ctx, {
        size_gb: 10,
        name: 'orphan-disk',
        description: 'x',
        volume_type: 'standard',
        multiattach: false,
        datacenter_id: 'test1b',
      })
      .catch((x: unknown) => x);
    fake.faults.delete('ModifyVolumeAttributes');
    expect(f).toBeInstanceOf(CloudError);
    await eventually(
      async () => [...fake.tables.volumes.values()].filter((v) => v.volume_name === 'orphan-disk').length,
      (n) => n === 0,
    );
  });
});
