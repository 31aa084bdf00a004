import 'server-only';
import { createHash } from 'node:crypto';
import { ServerStatus } from '@/lib/contract/server';
import { isCloudError, type CloudError } from '../errors';
import type { OperationKey } from '@/lib/contract/operations';
import type { CloudProvider, Principal, ProviderContext } from '../types';
import { expect } from './expect';

/** What a driver's test harness supplies: the provider and credentials of a member of one project. */
export interface DriverHarness {
  provider: CloudProvider;
  member: { username: string; password: string };
  /** An image and flavor the member may boot. */
  bootable: { imageName: string; flavorId: string };
}

export function contextOf(principal: Principal): ProviderContext {
  return { principal, projectId: principal.projectId, allProjects: false, requestId: 'contract-suite' };
}

export async function eventually<T>(fn: () => Promise<T>, ok: (v: T) => boolean, timeoutMs = 60_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await fn();
    if (ok(v)) return v;
    if (Date.now() > deadline) throw new Error(`not reached in ${timeoutMs} ms: ${JSON.stringify(v)}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

async function expectCloudError(p: Promise<unknown>, kind: CloudError['kind']) {
  const e = await p.then(
    () => undefined,
    (err: unknown) => err,
  );
  // By shape: inside the console the bundler may hold this module twice, and `instanceof` fails across copies.
  expect(isCloudError(e), `expected a CloudError of kind ${kind}, got ${String(e)}`).toBe(true);
  expect((e as CloudError).kind).toBe(kind);
  return e as CloudError;
}

/** An empty private raw image awaiting its file: what the image checks (and the drivers' own tests) create. */
export const emptyImage = (
  name: string,
  properties: Record<string, string> = {},
): Parameters<CloudProvider['images']['createMetadata']>[1] => ({
  name,
  description: '',
  disk_format: 'raw',
  container_format: 'bare',
  architecture: 'x86_64',
  min_ram_mb: 0,
  min_disk_gb: 0,
  visibility: 'private',
  protected: false,
  tags: [],
  properties,
});

/** What every check after sign-in works with: the harness and the member's context in its project. */
export interface ContractRun {
  h: DriverHarness;
  ctx: ProviderContext;
}

/** One case of the driver contract, with the operations of the public API it exercises (the self-test's rows). */
export interface ContractCheck {
  name: string;
  operations: OperationKey[];
  run(r: ContractRun): Promise<void>;
}

/** The first case: the member signs in (and a wrong password is refused); every later case runs as that member. */
export const signInCheck = {
  name: 'authenticates a member and refuses a wrong password as unauthorized',
  operations: ['POST /auth/tokens'] as OperationKey[],
  async run(h: DriverHarness): Promise<ProviderContext> {
    const principal = await h.provider.identity.authenticate(h.member);
    expect(principal.userName).toBe(h.member.username);
    expect(principal.projectId).toBeTruthy();
    const ctx = contextOf(principal);
    await expectCloudError(
      h.provider.identity.authenticate({ ...h.member, password: 'wrong-password' }),
      'unauthorized',
    );
    return ctx;
  },
};

/**
 * The driver contract: what every backend must do, whatever it talks to. Each check makes what it needs in the
 * member's project and removes it again, so the suite can run against a live cloud in a scratch project (the
 * capabilities page's self-test) as well as from each driver's test file (suite.ts).
 */
export const contractChecks: ContractCheck[] = [
  {
    name: 'lists datacenters and flavors, and finds a flavor by id',
    operations: ['GET /datacenters', 'GET /flavors', 'GET /flavors/{id}'],
    async run({ h, ctx }) {
      const dcs = await h.provider.datacenters.list(ctx);
      expect(dcs.length).toBeGreaterThan(0);
      const flavors = await h.provider.flavors.list(ctx, { limit: 100, offset: 0 });
      expect(flavors.total).toBeGreaterThan(0);
      const f = await h.provider.flavors.get(ctx, h.bootable.flavorId);
      expect(f.id).toBe(h.bootable.flavorId);
      await expectCloudError(h.provider.flavors.get(ctx, 'no-such-flavor'), 'not_found');
    },
  },
  {
    name: 'reports compute and volume quotas with usage',
    operations: ['GET /quotas/compute', 'GET /quotas/volume'],
    async run({ h, ctx }) {
      const c = await h.provider.quotas.compute(ctx, { scope: 'project' });
      expect(c.total_vcpus).toBeGreaterThanOrEqual(c.used_vcpus);
      const v = await h.provider.quotas.volume(ctx, { scope: 'project' });
      expect(v.total_gb).toBeGreaterThanOrEqual(v.used_gb);
    },
  },
  {
    name: 'runs a server through its life: build, stop, start, reboot, rename, delete',
    operations: [
      'GET /images',
      'POST /servers',
      'GET /servers/{id}',
      'GET /servers',
      'POST /servers/{id}/stop',
      'POST /servers/{id}/start',
      'POST /servers/{id}/reboot',
      'PUT /servers/{id}',
      'DELETE /servers/{id}',
    ],
    async run({ h, ctx }) {
      const images = await h.provider.images.list(ctx, { limit: 100, offset: 0, name: h.bootable.imageName });
      const image = images.items.find((i) => i.status === 'active');
      expect(image, `an active image named like ${h.bootable.imageName}`).toBeDefined();
      const countsBefore = await h.provider.servers.countByStatus(ctx);
      const created = await h.provider.servers.create(ctx, {
        name: 'contract-server',
        description: '',
        flavor_id: h.bootable.flavorId,
        image_id: image!.id,
        networks: [],
        block_devices: [],
        metadata: { purpose: 'contract' },
        security_group_ids: [],
      });
      expect(created.status).toBe('building');
      expect(created.project_id).toBe(ctx.projectId);
      const active = await eventually(
        () => h.provider.servers.get(ctx, created.id),
        (s) => s.status === 'active',
      );
      expect(active.flavor_id).toBe(h.bootable.flavorId);
      expect(active.metadata).toEqual({ purpose: 'contract' });

      const listed = await h.provider.servers.list(ctx, { limit: 100, offset: 0, name: 'contract-server' });
      expect(listed.items.map((s) => s.id)).toContain(created.id);

      await expectCloudError(h.provider.servers.start(ctx, created.id), 'conflict');
      await h.provider.servers.stop(ctx, created.id);
      await eventually(
        () => h.provider.servers.get(ctx, created.id),
        (s) => s.status === 'stopped',
      );
      // countByStatus (the overview's card) counts in one listing what the list's status filter finds.
      const counts = await h.provider.servers.countByStatus(ctx);
      expect(counts.stopped - countsBefore.stopped, 'the stopped server is counted').toBe(1);
      for (const status of ServerStatus.options)
        expect(counts[status], status).toBe(
          (await h.provider.servers.list(ctx, { limit: 1, offset: 0, status })).total,
        );
      await h.provider.servers.start(ctx, created.id);
      await eventually(
        () => h.provider.servers.get(ctx, created.id),
        (s) => s.status === 'active',
      );
      await h.provider.servers.reboot(ctx, created.id, 'soft');
      await eventually(
        () => h.provider.servers.get(ctx, created.id),
        (s) => s.status === 'active',
      );
      const renamed = await h.provider.servers.update(ctx, created.id, { name: 'contract-renamed' });
      expect(renamed.name).toBe('contract-renamed');
      await h.provider.servers.remove(ctx, created.id);
      await eventually(
        () =>
          h.provider.servers.get(ctx, created.id).then(
            () => 'still there',
            (e: unknown) => (isCloudError(e) ? e.kind : 'other'),
          ),
        (v) => v === 'not_found',
      );
    },
  },
  {
    name: 'answers not_found for a server of another id',
    operations: ['GET /servers/{id}'],
    async run({ h, ctx }) {
      await expectCloudError(h.provider.servers.get(ctx, '00000000-0000-0000-0000-000000000000'), 'not_found');
    },
  },
  {
    name: 'creates an image, streams its file in and out with a SHA-256, patches and deletes it',
    operations: [
      'POST /images',
      'PUT /images/{id}/file',
      'GET /images/{id}/file',
      'PATCH /images/{id}',
      'DELETE /images/{id}',
      'GET /images/{id}',
    ],
    async run({ h, ctx }) {
      const caps = await h.provider.capabilities(ctx);
      // Custom properties where the backend keeps them; one that does not must refuse them, never drop them.
      const props =
        !caps.unsupported?.['POST /images#properties'] && !caps.unsupported?.['PATCH /images/{id}#properties'];
      const metadata = emptyImage('contract-image', props ? { gis_crs: 'EPSG:4490' } : {});
      if (!caps.imageUpload) {
        // A public cloud without direct upload (Shanhe; Huawei without an OBS bucket) must say so rather than
        // half-create an image.
        await expectCloudError(h.provider.images.createMetadata(ctx, { ...metadata, properties: {} }), 'not_supported');
        return;
      }
      const image = await h.provider.images.createMetadata(ctx, metadata);
      expect(image.status).toBe('queued');
      expect(image.properties).toEqual(props ? { gis_crs: 'EPSG:4490' } : {});
      const bytes = new Uint8Array(4096).map((_, i) => i % 251);
      const body = new ReadableStream<Uint8Array>({
        start(c) {
          c.enqueue(bytes.slice(0, 1000));
          c.enqueue(bytes.slice(1000));
          c.close();
        },
      });
      const uploaded = await h.provider.images.upload(ctx, image.id, body, bytes.length);
      expect(uploaded.status).toBe('active');
      expect(uploaded.size_bytes).toBe(bytes.length);
      expect(uploaded.checksum).toBe(createHash('sha256').update(bytes).digest('hex'));
      const { stream } = await h.provider.images.download(ctx, image.id);
      const back = new Uint8Array(await new Response(stream).arrayBuffer());
      expect(Buffer.from(back).equals(Buffer.from(bytes))).toBe(true);
      const patched = await h.provider.images.update(ctx, image.id, [
        { op: 'replace', path: '/name', value: 'contract-image-renamed' },
      ]);
      expect(patched.name).toBe('contract-image-renamed');
      // Custom properties (GIS metadata): B.35 add on an absent key, replace and remove on a present one; the
      // backend's own properties (the uploaded file's os_hash_*, the console's yuntu_sha256) never show.
      if (props) {
        const withProps = await h.provider.images.update(ctx, image.id, [
          { op: 'add', path: '/gis_extent', value: '73.5,18.2,135.1,53.6' },
          { op: 'replace', path: '/gis_crs', value: 'EPSG:4326' },
          { op: 'add', path: '/gis.source:name', value: 'Tianditu' },
        ]);
        expect(withProps.properties).toEqual({
          gis_crs: 'EPSG:4326',
          gis_extent: '73.5,18.2,135.1,53.6',
          'gis.source:name': 'Tianditu',
        });
        expect((await h.provider.images.get(ctx, image.id)).properties).toEqual(withProps.properties);
        const listed = await h.provider.images.list(ctx, { limit: 100, offset: 0, name: 'contract-image-renamed' });
        expect(listed.items.find((i) => i.id === image.id)?.properties).toEqual(withProps.properties);
        const removed = await h.provider.images.update(ctx, image.id, [{ op: 'remove', path: '/gis_extent' }]);
        expect(removed.properties).toEqual({ gis_crs: 'EPSG:4326', 'gis.source:name': 'Tianditu' });
        await expectCloudError(
          h.provider.images.update(ctx, image.id, [{ op: 'add', path: '/gis_crs', value: 'EPSG:4490' }]),
          'conflict',
        );
        await expectCloudError(
          h.provider.images.update(ctx, image.id, [{ op: 'remove', path: '/gis_extent' }]),
          'conflict',
        );
      } else
        await expectCloudError(
          h.provider.images.update(ctx, image.id, [{ op: 'add', path: '/gis_crs', value: 'EPSG:4490' }]),
          'not_supported',
        );
      const reserved = await expectCloudError(
        h.provider.images.update(ctx, image.id, [{ op: 'add', path: '/os_distro', value: 'x' }]),
        'invalid',
      );
      expect(reserved.details?.map((d) => d.path)).toEqual(['/os_distro']);
      await expectCloudError(
        h.provider.images.update(ctx, image.id, [{ op: 'replace', path: '/status', value: 'killed' }]),
        'forbidden',
      );
      await h.provider.images.remove(ctx, image.id);
      await expectCloudError(h.provider.images.get(ctx, image.id), 'not_found');
    },
  },
  {
    name: 'lists networks with their subnets and manages one of its own',
    operations: [
      'GET /networks',
      'POST /networks',
      'POST /networks/{id}/subnets',
      'GET /networks/{id}',
      'DELETE /subnets/{id}',
      'DELETE /networks/{id}',
    ],
    async run({ h, ctx }) {
      const nets = await h.provider.networks.list(ctx, { limit: 100, offset: 0 });
      expect(
        nets.items.some((n) => n.subnets.length > 0),
        'the member sees a network with a subnet',
      ).toBe(true);
      const net = await h.provider.networks.create(ctx, { name: 'contract-net', external: false });
      const { subnet } = await h.provider.networks.createSubnet(ctx, net.id, {
        name: 'contract-subnet',
        cidr: '10.77.0.0/24',
      });
      expect(subnet).toMatchObject({ network_id: net.id, cidr: '10.77.0.0/24', ip_version: 4 });
      await expectCloudError(
        h.provider.networks.createSubnet(ctx, net.id, { name: 'overlap', cidr: '10.77.0.128/25' }),
        'conflict',
      );
      expect((await h.provider.networks.get(ctx, net.id)).subnets.map((x) => x.id)).toEqual([subnet.id]);
      await h.provider.networks.removeSubnet(ctx, subnet.id);
      await h.provider.networks.remove(ctx, net.id);
      await expectCloudError(h.provider.networks.get(ctx, net.id), 'not_found');
    },
  },
  {
    name: 'manages a security group and its rules; a duplicate rule is a conflict',
    operations: [
      'POST /security-groups',
      'POST /security-group-rules',
      'GET /security-groups/{id}',
      'DELETE /security-group-rules/{id}',
      'DELETE /security-groups/{id}',
    ],
    async run({ h, ctx }) {
      const g = await h.provider.securityGroups.create(ctx, { name: 'contract-sg', description: 'contract' });
      expect(g.rules.every((r) => r.direction === 'egress')).toBe(true);
      const rule = {
        security_group_id: g.id,
        direction: 'ingress' as const,
        ethertype: 'IPv4' as const,
        protocol: 'tcp' as const,
        remote_ip_prefix: '10.0.0.0/8',
        port_range_min: 22,
        port_range_max: 22,
        description: '',
      };
      const r = await h.provider.securityGroups.createRule(ctx, rule);
      expect(r).toMatchObject({ protocol: 'tcp', port_range_min: 22, remote_ip_prefix: '10.0.0.0/8' });
      await expectCloudError(h.provider.securityGroups.createRule(ctx, rule), 'conflict');
      expect((await h.provider.securityGroups.get(ctx, g.id)).rules.map((x) => x.id)).toContain(r.id);
      await h.provider.securityGroups.removeRule(ctx, r.id);
      await h.provider.securityGroups.remove(ctx, g.id);
      await expectCloudError(h.provider.securityGroups.get(ctx, g.id), 'not_found');
    },
  },
  {
    name: "imports, reads, lists and deletes one of the member's key pairs; a duplicate name is a conflict (where the backend has key pairs)",
    operations: ['POST /key-pairs', 'GET /key-pairs/{name}', 'GET /key-pairs', 'DELETE /key-pairs/{name}'],
    async run({ h, ctx }) {
      if ((await h.provider.capabilities(ctx)).unsupported?.['POST /key-pairs']) {
        await expectCloudError(h.provider.keyPairs.list(ctx, { limit: 10, offset: 0 }), 'not_supported');
        return;
      }
      // A fixed ed25519 public key (no private half is needed to import one) and its MD5 blob fingerprint.
      const publicKey = 'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIGb0C6hQ6Hh3m8Cw1jXr3y3y8Q0JtTz5d1Jr7m3bq1bM contract';
      const blob = Buffer.from(publicKey.split(' ')[1]!, 'base64');
      const fingerprint = createHash('md5').update(blob).digest('hex').match(/../g)!.join(':');
      const name = `contract-key-${Date.now().toString(36)}`;
      const k = await h.provider.keyPairs.create(ctx, { name, public_key: publicKey, fingerprint });
      expect(k).toMatchObject({ name, type: 'ssh', fingerprint, user_id: ctx.principal.userId });
      await expectCloudError(h.provider.keyPairs.create(ctx, { name, public_key: publicKey, fingerprint }), 'conflict');
      expect((await h.provider.keyPairs.get(ctx, name)).public_key.split(' ')[1]).toBe(publicKey.split(' ')[1]);
      const listed = await h.provider.keyPairs.list(ctx, { limit: 100, offset: 0, name });
      expect(listed.items.map((x) => x.name)).toContain(name);
      await h.provider.keyPairs.remove(ctx, name);
      await expectCloudError(h.provider.keyPairs.get(ctx, name), 'not_found');
    },
  },
  {
    name: 'creates, extends and deletes a volume (where the backend has volumes)',
    operations: [
      'POST /volumes',
      'GET /volumes/{id}',
      'POST /volumes/{id}/extend',
      'GET /volumes',
      'DELETE /volumes/{id}',
    ],
    async run({ h, ctx }) {
      if (!(await h.provider.capabilities(ctx)).volumes) {
        await expectCloudError(h.provider.volumes.list(ctx, { limit: 10, offset: 0 }), 'not_supported');
        return;
      }
      const v = await h.provider.volumes.create(ctx, {
        size_gb: 1,
        name: 'contract-volume',
        description: '',
        volume_type: 'standard',
        multiattach: false,
      });
      expect(v.project_id).toBe(ctx.projectId);
      await eventually(
        () => h.provider.volumes.get(ctx, v.id),
        (x) => x.status === 'available',
      );
      await expectCloudError(h.provider.volumes.extend(ctx, v.id, 1), 'invalid');
      await h.provider.volumes.extend(ctx, v.id, 2);
      await eventually(
        () => h.provider.volumes.get(ctx, v.id),
        (x) => x.status === 'available' && x.size_gb === 2,
      );
      const listed = await h.provider.volumes.list(ctx, { limit: 100, offset: 0, name: 'contract-volume' });
      expect(listed.items.map((x) => x.id)).toContain(v.id);
      await h.provider.volumes.remove(ctx, v.id);
      await eventually(
        () =>
          h.provider.volumes.get(ctx, v.id).then(
            () => 'still there',
            (e: unknown) => (isCloudError(e) ? e.kind : 'other'),
          ),
        (x) => x === 'not_found',
      );
    },
  },
];
