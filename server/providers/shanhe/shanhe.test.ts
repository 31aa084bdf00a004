import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { ProviderContext } from '../types';

process.env.YUNTU_DATA_DIR = fs.mkdtempSync(path.join(os.tmpdir(), 'yuntu-shanhe-ops-'));
process.env.YUNTU_SECRET_KEY = '44'.repeat(32);
// The embedded database the driver keeps its jobs in (cloud_jobs), opened before the fake's first call: its start
// takes seconds on a busy machine, and a kept-alive connection to the fake would be reset meanwhile.
await (await import('../../db/client')).getDb();

const { startShanheFake } = await import('@/tests/fakes/shanhe');
const { createShanheProvider } = await import('./index');
const { seal } = await import('../../auth/secret-box');
const { CloudError } = await import('../errors');
const { shanheCall } = await import('./http');
const { emptyImage } = await import('../contract/checks');

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
    // An unfiltered list first asks which zones to read: that call is the one refused.
    expect(fake.log.at(-1)).toEqual({ action: 'DescribeZones', ak: null });
  });

  it("refuses another project's quota and usage (not_supported) and answers its own", async () => {
    // The driver's calls answer for its one configured project: another one must not get that project's numbers.
    const other = { ...ctx, projectId: 'another-project' };
    expect(await kindOf(provider.quotas.compute(other, { scope: 'project' }))).toBe('not_supported');
    expect(await kindOf(provider.quotas.volume(other, { scope: 'project' }))).toBe('not_supported');
    expect(await kindOf(provider.quotas.compute(ctx, { scope: 'project' }))).toBe('ok');
    expect(await kindOf(provider.quotas.volume(ctx, { scope: 'project' }))).toBe('ok');
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
    const e = await provider.images.createMetadata(ctx, emptyImage('x')).catch((x: unknown) => x);
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

  it('lists every zone without a datacenter filter: totals, pages across zones, sorting, counts and quotas', async () => {
    // Two servers and a volume in each zone; what the lists, counts and quotas see is checked against the fake.
    const made = [];
    for (const [name, zone] of [
      ['mz-a0', undefined],
      ['mz-a1', undefined],
      ['mz-b0', 'test1b'],
      ['mz-b1', 'test1b'],
    ] as const)
      made.push(await provider.servers.create(ctx, { ...input, name, datacenter_id: zone }));
    for (const [name, zone] of [
      ['mzv-a', undefined],
      ['mzv-b', 'test1b'],
    ] as const)
      await provider.volumes.create(ctx, {
        size_gb: 10,
        name,
        description: '',
        volume_type: 'standard',
        multiattach: false,
        datacenter_id: zone,
      });
    expect(made.map((x) => x.datacenter_id)).toEqual(['test1a', 'test1a', 'test1b', 'test1b']);

    const all = await provider.servers.list(ctx, { limit: 10, offset: 0, name: 'mz-' });
    expect(all.total).toBe(4);
    // The configured zone first, then the others as DescribeZones lists them; within a zone the API's order.
    expect(all.items.map((x) => x.name)).toEqual(['mz-a0', 'mz-a1', 'mz-b0', 'mz-b1']);
    for (let offset = 0; offset < 5; offset++)
      for (const limit of [1, 2, 3]) {
        const page = await provider.servers.list(ctx, { limit, offset, name: 'mz-' });
        expect(page.total, `offset ${offset} limit ${limit}`).toBe(4);
        expect(
          page.items.map((x) => x.name),
          `offset ${offset} limit ${limit}`,
        ).toEqual(all.items.slice(offset, offset + limit).map((x) => x.name));
      }
    const sorted = await provider.servers.list(ctx, { limit: 3, offset: 1, name: 'mz-', sort: '-name' });
    expect(sorted).toMatchObject({ total: 4 });
    expect(sorted.items.map((x) => x.name)).toEqual(['mz-b0', 'mz-a1', 'mz-a0']);
    const inB = await provider.servers.list(ctx, { limit: 10, offset: 0, name: 'mz-', datacenter_id: 'test1b' });
    expect(inB.items.map((x) => x.name)).toEqual(['mz-b0', 'mz-b1']);
    expect(inB.total).toBe(2);
    const inA = await provider.servers.list(ctx, { limit: 10, offset: 0, name: 'mz-', datacenter_id: 'test1a' });
    expect(inA.items.map((x) => x.name)).toEqual(['mz-a0', 'mz-a1']);

    const volumes = await provider.volumes.list(ctx, { limit: 10, offset: 0, name: 'mzv-' });
    expect(volumes.total).toBe(2);
    expect(volumes.items.map((v) => [v.name, v.datacenter_id])).toEqual([
      ['mzv-a', 'test1a'],
      ['mzv-b', 'test1b'],
    ]);
    expect((await provider.volumes.list(ctx, { limit: 1, offset: 1, name: 'mzv-' })).items.map((v) => v.name)).toEqual([
      'mzv-b',
    ]);
    const byName = await provider.volumes.list(ctx, { limit: 10, offset: 0, name: 'mzv-', sort: '-name' });
    expect(byName.items.map((v) => v.name)).toEqual(['mzv-b', 'mzv-a']);

    // Every live instance and volume of either zone, as the fake holds them.
    const live = [...fake.tables.instances.values()].filter((i) =>
      ['pending', 'running', 'stopped', 'suspended'].includes(String(i.status)),
    );
    expect(live.some((i) => i.zone_id === 'test1b')).toBe(true);
    const counts = await provider.servers.countByStatus(ctx);
    expect(Object.values(counts).reduce((a, b) => a + b, 0)).toBe(live.length);
    const compute = await provider.quotas.compute(ctx, { scope: 'project' });
    expect(compute.used_instances).toBe(live.length);
    expect(compute.used_vcpus).toBe(live.reduce((n, i) => n + Number(i.vcpus_current), 0));
    // GetQuotaLeft answers what is left of the account's quota (the fake's limit of 20): used + left is that limit.
    expect(compute.total_instances).toBe(20);
    expect(compute.total_vcpus).toBe(40);
    const vols = [...fake.tables.volumes.values()].filter((v) =>
      ['pending', 'available', 'in-use', 'suspended'].includes(String(v.status)),
    );
    const volume = await provider.quotas.volume(ctx, { scope: 'project' });
    expect(volume.used_volumes).toBe(vols.length);
    expect(volume.used_gb).toBe(vols.reduce((n, v) => n + Number(v.size), 0));
    expect(volume.total_volumes).toBe(50);
    expect(volume.total_gb).toBe(2000);
  });

  it('lists, reads and works on networks, security groups, public IPs and load balancers of another zone', async () => {
    // Made in test1b outside the console (the same signed API the driver calls), as Shanhe's own console would.
    const inB = <T>(action: string, params: Record<string, string | number>) =>
      shanheCall<T>(settings, { accessKey: AK, secretKey: SK }, action, { ...params, zone: 'test1b' });
    const net = (await inB<{ vxnets: string[] }>('CreateVxnets', { vxnet_name: 'mz-net-b', vxnet_type: 1, count: 1 }))
      .vxnets[0]!;
    const sg = (await inB<{ security_group_id: string }>('CreateSecurityGroup', { security_group_name: 'mz-sg-b' }))
      .security_group_id;
    const eip = (
      await inB<{ eips: string[] }>('AllocateEips', {
        bandwidth: 1,
        billing_mode: 'bandwidth',
        eip_name: 'mz-eip-b',
        count: 1,
      })
    ).eips[0]!;
    for (const [table, id] of [
      ['vxnets', net],
      ['groups', sg],
      ['eips', eip],
    ] as const)
      expect(fake.tables[table].get(id)?.zone_id, id).toBe('test1b');

    const q = { limit: 100, offset: 0 };
    // The lists cover both zones: each zone's default vxnet and group, and what was made in test1b.
    const nets = (await provider.networks.list(ctx, q)).items.map((n) => n.id);
    expect(nets).toEqual(expect.arrayContaining(['vxnet-default', 'vxnet-default-test1b', net]));
    expect((await provider.networks.get(ctx, net)).name).toBe('mz-net-b');
    const groups = (await provider.securityGroups.list(ctx, q)).items.map((g) => g.id);
    expect(groups).toEqual(expect.arrayContaining(['sg-default', 'sg-default-test1b', sg]));
    expect((await provider.publicIps.list(ctx, { ...q, name: 'mz-eip' })).items.map((x) => x.id)).toEqual([eip]);

    // A rule on the group of test1b is added, read and removed there.
    const rule = await provider.securityGroups.createRule(ctx, {
      security_group_id: sg,
      direction: 'ingress',
      ethertype: 'IPv4',
      protocol: 'tcp',
      port_range_min: 22,
      port_range_max: 22,
      remote_ip_prefix: '10.0.0.0/8',
      description: 'ssh',
    });
    expect((await provider.securityGroups.get(ctx, sg)).rules.map((r) => r.id)).toEqual([rule.id]);
    expect((await provider.securityGroups.list(ctx, q)).items.find((g) => g.id === sg)?.rules).toHaveLength(1);
    expect((await provider.securityGroups.getRule(ctx, rule.id)).security_group_id).toBe(sg);
    await provider.securityGroups.removeRule(ctx, rule.id);
    expect((await provider.securityGroups.get(ctx, sg)).rules).toEqual([]);

    // The public IP of test1b binds a server of test1b, and refuses one of test1a naming both zones.
    const b = await provider.servers.create(ctx, { ...input, name: 'mz-eip-server', datacenter_id: 'test1b' });
    const a = await provider.servers.create(ctx, { ...input, name: 'mz-eip-server-a', datacenter_id: undefined });
    for (const id of [a.id, b.id])
      await eventually(
        () => provider.servers.get(ctx, id),
        (x) => x.status === 'active',
      );
    const privB = (await provider.servers.get(ctx, b.id)).addresses[0]!.private_ip;
    const refusedBind = await provider.publicIps.bind(ctx, eip, { server_id: a.id }).catch((e: unknown) => e);
    expect((refusedBind as Error).message).toMatch(/zone test1a.*zone test1b/);
    const bound = await provider.publicIps.bind(ctx, eip, { server_id: b.id });
    expect(bound).toMatchObject({ status: 'bound', server_id: b.id, private_ip: privB });
    expect((await provider.publicIps.list(ctx, { ...q, name: 'mz-eip' })).items[0]).toMatchObject({
      server_id: b.id,
      private_ip: privB,
    });
    await provider.publicIps.unbind(ctx, eip, { server_id: b.id });
    await provider.publicIps.remove(ctx, eip);
    expect(await kindOf(provider.publicIps.get(ctx, eip))).toBe('not_found');

    // A load balancer on the vxnet of test1b is made in test1b and balances to servers of test1b only.
    const lb = await provider.loadBalancers.create(ctx, {
      name: 'mz-lb-b',
      subnet_id: 'vxnet-default-test1b',
      description: '',
    });
    expect(fake.tables.lbs.get(lb.id)?.zone_id).toBe('test1b');
    expect((await provider.loadBalancers.list(ctx, { ...q, name: 'mz-lb' })).items.map((x) => x.id)).toEqual([lb.id]);
    await provider.loadBalancers.addListener(ctx, lb.id, { protocol: 'TCP', port: 80 });
    const added = await provider.loadBalancers.changeMembers(ctx, lb.id, { op: 'add', server_id: b.id, port: 8080 });
    expect(added.members).toEqual([{ id: b.id, name: 'mz-eip-server', ip_address: privB, port: 8080 }]);
    const refusedMember = await provider.loadBalancers
      .changeMembers(ctx, lb.id, { op: 'add', server_id: a.id, port: 80 })
      .catch((e: unknown) => e);
    expect((refusedMember as Error).message).toMatch(/zone test1a.*zone test1b/);
    expect(
      (await provider.loadBalancers.changeMembers(ctx, lb.id, { op: 'remove', server_ip: privB })).members,
    ).toEqual([]);
    await provider.loadBalancers.remove(ctx, lb.id);

    // The network of test1b takes a subnet there (on test1b's router) and is removed there.
    const { subnet } = await provider.networks.createSubnet(ctx, net, {
      name: 'mz-subnet',
      cidr: '10.77.0.0/24',
      ip_version: 4,
    });
    expect((fake.tables.vxnets.get(net)?.router as { router_id: string }).router_id).toBe('rtr-default-test1b');
    expect((await provider.networks.getSubnet(ctx, subnet.id)).cidr).toBe('10.77.0.0/24');
    await provider.networks.removeSubnet(ctx, subnet.id);
    await provider.networks.remove(ctx, net);
    expect(await kindOf(provider.networks.get(ctx, net))).toBe('not_found');
    for (const id of [a.id, b.id]) await provider.servers.remove(ctx, id);
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
