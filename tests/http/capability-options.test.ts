import { beforeAll, describe, expect, it } from 'vitest';
import type { OptionSupport } from '@/lib/contract/capabilities';
import { optionKeys, type OptionKey } from '@/lib/contract/options';
import {
  backend,
  bootable,
  deleteAndWait,
  demo,
  expectError,
  newTenant,
  signIn,
  waitFor,
  type ApiResponse,
  type Client,
} from './client';
import { activeServer, cirrosImageId, ownNetwork } from './network-fixtures';

/**
 * GET /capabilities lists, per operation, the options whose support differs between backends. This file sends
 * every one of them to the running backend: a declared-unsupported option must answer 501 with the declared reason,
 * a declared-supported one must not answer 501 — so the table and the 501s cannot disagree. It runs on the
 * simulator and, from scripts/test-openstack.mjs, on the loopback OpenStack.
 *
 * References a probe does not need to resolve (a port, a snapshot) are ids of nothing: a backend that supports the
 * option then answers 400/404, one that does not answers 501 before looking anything up.
 */
const nothing = '00000000-0000-0000-0000-000000000000';

interface Fixtures {
  member: Client;
  admin: Client;
  projectId: string;
  imageId: string;
  networkId: string;
  /** A server of the tenant's, active, made on first use. */
  server(): Promise<string>;
  /** An available volume of the tenant's, made on first use. */
  volume(): Promise<string>;
  /** A queued image of the tenant's (metadata only), made on first use. */
  ownImage(): Promise<string>;
}

/** What a probe sent, and how to undo it when the backend performed it. */
interface Sent {
  res: ApiResponse;
  undo?: () => Promise<unknown>;
}
type Probe = (f: Fixtures) => Promise<Sent>;

const serverBody = (f: Fixtures, extra: Record<string, unknown>) => ({
  name: 'option-probe',
  flavor_id: bootable.flavorId,
  image_id: f.imageId,
  ...extra,
});
/** A server create that the backend performed is deleted again (its volumes with it where the cloud does). */
const undoServer = (f: Fixtures, res: ApiResponse) =>
  res.status === 202 ? () => deleteAndWait(f.member, `/servers/${res.body.id}`, 180_000) : undefined;
const undoVolume = (f: Fixtures, res: ApiResponse) =>
  res.status === 202 || res.status === 201
    ? async () => {
        const id = res.body.volume?.id ?? res.body.id;
        await waitFor(
          () => f.member.get(`/volumes/${id}`),
          (x) => x.status === 200 && !['creating', 'downloading'].includes(x.body.volume.status),
        );
        return deleteAndWait(f.member, `/volumes/${id}`, 120_000);
      }
    : undefined;

const patchValue: Record<string, unknown> = {
  name: 'option-probe-renamed',
  description: 'probe',
  architecture: 'aarch64',
  visibility: 'private',
  protected: false,
  min_ram_mb: 64,
  min_disk_gb: 1,
  disk_format: 'raw',
  container_format: 'ovf',
  tags: ['probe'],
};
const imagePatch =
  (property: string): Probe =>
  async (f) => ({
    res: await f.member.patch(
      `/images/${await f.ownImage()}`,
      [{ op: 'replace', path: `/${property}`, value: patchValue[property] }],
      { 'Content-Type': 'application/json-patch+json' },
    ),
  });

const createImage =
  (extra: Record<string, unknown>): Probe =>
  async (f) => {
    const res = await f.member.post('/images', { name: 'option-probe', disk_format: 'raw', ...extra });
    const id = res.body?.image?.id;
    return { res, undo: id ? () => f.member.delete(`/images/${id}`) : undefined };
  };

const sameDefault = async (f: Fixtures, field: string) => {
  const now = await f.admin.get('/quotas/defaults');
  return { res: await f.admin.put('/quotas/defaults', { [field]: now.body?.quotas?.[field] ?? 10 }) };
};

/** One probe per option of the catalog: the type makes a missing one a compile error. */
const probes: Record<OptionKey, Probe> = {
  'POST /servers#networks.port_id': async (f) => {
    const res = await f.member.post(
      '/servers',
      serverBody(f, { networks: [{ network_id: f.networkId, port_id: nothing }] }),
    );
    return { res, undo: undoServer(f, res) };
  },
  'POST /servers#block_devices.source_type=image': async (f) => {
    const res = await f.member.post(
      '/servers',
      serverBody(f, { block_devices: [{ source_type: 'image', uuid: f.imageId, size_gb: 1, boot_index: 0 }] }),
    );
    return { res, undo: undoServer(f, res) };
  },
  'POST /servers#block_devices.source_type=volume': async (f) => {
    const res = await f.member.post(
      '/servers',
      serverBody(f, { block_devices: [{ source_type: 'volume', uuid: nothing }] }),
    );
    return { res, undo: undoServer(f, res) };
  },
  'POST /servers#block_devices.source_type=snapshot': async (f) => {
    const res = await f.member.post(
      '/servers',
      serverBody(f, { block_devices: [{ source_type: 'snapshot', uuid: nothing, size_gb: 1 }] }),
    );
    return { res, undo: undoServer(f, res) };
  },
  'POST /servers#host': async (f) => {
    // An administrator pins a host that does not exist: refused (400 naming host) where pinning is supported.
    const res = await f.admin.post('/servers', serverBody(f, { host: 'option-probe-no-such-host' }));
    return {
      res,
      undo: res.status === 202 ? () => deleteAndWait(f.admin, `/servers/${res.body.id}`, 180_000) : undefined,
    };
  },
  'POST /servers#key_name': async (f) => {
    // A key pair the user does not have: refused (400 naming key_name) where key pairs are supported.
    const res = await f.member.post('/servers', serverBody(f, { key_name: 'option-probe-no-such-key' }));
    return { res, undo: undoServer(f, res) };
  },
  'POST /servers#block_devices.source_type=blank': async (f) => {
    const res = await f.member.post(
      '/servers',
      serverBody(f, { block_devices: [{ source_type: 'blank', size_gb: 1 }] }),
    );
    return { res, undo: undoServer(f, res) };
  },
  'POST /volumes#source.image_id': async (f) => {
    const res = await f.member.post('/volumes', { name: 'option-probe', size_gb: 1, source: { image_id: f.imageId } });
    return { res, undo: undoVolume(f, res) };
  },
  'POST /volumes#source.snapshot_id': async (f) => {
    const res = await f.member.post('/volumes', { name: 'option-probe', size_gb: 1, source: { snapshot_id: nothing } });
    return { res, undo: undoVolume(f, res) };
  },
  'POST /volumes#multiattach': async (f) => {
    const res = await f.member.post('/volumes', { name: 'option-probe', size_gb: 1, multiattach: true });
    return { res, undo: undoVolume(f, res) };
  },
  'POST /volumes/{id}/attach#mode=ro': async (f) => {
    const [volumeId, serverId] = [await f.volume(), await f.server()];
    const res = await f.member.post(`/volumes/${volumeId}/attach`, { server_id: serverId, mode: 'ro' });
    const undo = async () => {
      await waitFor(
        () => f.member.get(`/volumes/${volumeId}`),
        (x) => x.body.volume.status === 'in-use',
      );
      await f.member.post(`/volumes/${volumeId}/detach`, { server_id: serverId });
      await waitFor(
        () => f.member.get(`/volumes/${volumeId}`),
        (x) => x.body.volume.status === 'available',
      );
    };
    return { res, undo: res.status < 300 ? undo : undefined };
  },
  'POST /public-ips#ip_version=IPv6': async (f) => {
    const res = await f.member.post('/public-ips', { name: 'option-probe', ip_version: 'IPv6' });
    const id = res.body?.public_ip?.id;
    return { res, undo: id ? () => f.member.delete(`/public-ips/${id}`) : undefined };
  },
  'POST /networks/{id}/subnets#ip_version=6': async (f) => {
    const res = await f.member.post(`/networks/${f.networkId}/subnets`, {
      name: 'option-probe',
      cidr: 'fd00:77:1::/64',
      ip_version: 6,
    });
    const id = res.body?.subnet?.id;
    return { res, undo: id ? () => f.member.delete(`/subnets/${id}`) : undefined };
  },
  'POST /images#metadata': async (f) => {
    const res = await f.member.post('/images', { name: 'option-probe', disk_format: 'raw', container_format: 'bare' });
    const id = res.body?.image?.id;
    return { res, undo: id ? () => f.member.delete(`/images/${id}`) : undefined };
  },
  'POST /images#visibility=public': createImage({ visibility: 'public' }),
  'POST /images#architecture=aarch64': createImage({ architecture: 'aarch64' }),
  'POST /images#properties': createImage({ properties: { gis_crs: 'EPSG:4490' } }),
  'PATCH /images/{id}#path=/name': imagePatch('name'),
  'PATCH /images/{id}#path=/description': imagePatch('description'),
  'PATCH /images/{id}#path=/architecture': imagePatch('architecture'),
  'PATCH /images/{id}#path=/visibility': imagePatch('visibility'),
  'PATCH /images/{id}#path=/protected': imagePatch('protected'),
  'PATCH /images/{id}#path=/min_ram_mb': imagePatch('min_ram_mb'),
  'PATCH /images/{id}#path=/min_disk_gb': imagePatch('min_disk_gb'),
  'PATCH /images/{id}#path=/disk_format': imagePatch('disk_format'),
  'PATCH /images/{id}#path=/container_format': imagePatch('container_format'),
  'PATCH /images/{id}#path=/tags': imagePatch('tags'),
  'PATCH /images/{id}#properties': async (f) => ({
    res: await f.member.patch(`/images/${await f.ownImage()}`, [{ op: 'add', path: '/gis_crs', value: 'EPSG:4490' }], {
      'Content-Type': 'application/json-patch+json',
    }),
  }),
  // The datacenter view of the quotas is an administrator's: the probe asks as one.
  'GET /quotas/compute#datacenter': async (f) => ({ res: await f.admin.get('/quotas/compute?scope=datacenter') }),
  'GET /quotas/volume#datacenter': async (f) => ({ res: await f.admin.get('/quotas/volume?scope=datacenter') }),
  // Another project's usage is an administrator's, for a project that is not the admin's own: a backend with the
  // option answers 404 for this made-up id, one without it 501 before looking anything up.
  'GET /quotas/compute#project_id': async (f) => ({
    res: await f.admin.get('/quotas/compute?project_id=option-probe-no-such-project'),
  }),
  'GET /quotas/volume#project_id': async (f) => ({
    res: await f.admin.get('/quotas/volume?project_id=option-probe-no-such-project'),
  }),
  // A list narrowed to another project (the probe tenant's, not the admin's own) is an administrator's.
  ...listProbes(['/servers', '/volumes', '/networks', '/public-ips', '/load-balancers', '/security-groups', '/images']),
  // The cloud's defaults are shared by every test: each probe sets the field to the value it has, changing nothing.
  'PUT /quotas/defaults#floating_ips': (f) => sameDefault(f, 'floating_ips'),
  'PUT /quotas/defaults#public_ips': (f) => sameDefault(f, 'public_ips'),
  'PUT /quotas/defaults#security_groups': (f) => sameDefault(f, 'security_groups'),
};

function listProbes<P extends string>(paths: P[]) {
  return Object.fromEntries(
    paths.map((path) => [
      `GET ${path}#project_id`,
      async (f: Fixtures) => ({ res: await f.admin.get(`${path}?project_id=${encodeURIComponent(f.projectId)}`) }),
    ]),
  ) as Record<`GET ${P}#project_id`, Probe>;
}

let declared: Map<string, OptionSupport>;
let f: Fixtures;

beforeAll(async () => {
  const admin = await signIn(demo.admin);
  const t = await newTenant(admin);
  const caps = await t.member.get<{ operations: { method: string; path: string; options: OptionSupport[] }[] }>(
    '/capabilities',
  );
  expect(caps.status).toBe(200);
  declared = new Map(
    caps.body.operations.flatMap((o) => o.options.map((x) => [`${o.method} ${o.path}#${x.name}`, x] as const)),
  );
  const once = <T>(make: () => Promise<T>) => {
    let p: Promise<T> | undefined;
    return () => (p ??= make());
  };
  const imageId = await cirrosImageId(t.member);
  const net = await ownNetwork(t.member, t.projectId);
  f = {
    member: t.member,
    admin,
    projectId: t.projectId,
    imageId,
    networkId: net.id,
    server: once(async () => (await activeServer(t.member, imageId, 'option-probe-target')).id),
    volume: once(async () => {
      const r = await t.member.post('/volumes', { name: 'option-probe-target', size_gb: 1 });
      expect(r.status, JSON.stringify(r.body)).toBe(202);
      const id: string = r.body.volume?.id ?? r.body.id;
      await waitFor(
        () => t.member.get(`/volumes/${id}`),
        (x) => x.body.volume.status === 'available',
      );
      return id;
    }),
    ownImage: once(async () => {
      const r = await t.member.post('/images', { name: 'option-probe-image', disk_format: 'qcow2' });
      expect(r.status, JSON.stringify(r.body)).toBe(201);
      return r.body.image.id as string;
    }),
  };
}, 240_000);

describe(`capability options on ${backend}: the table and the 501s agree`, () => {
  it('lists every option of the catalog, and only those', () => {
    expect([...declared.keys()].sort()).toEqual([...optionKeys].sort());
  });

  for (const key of optionKeys)
    it(`${key}`, { timeout: 300_000 }, async () => {
      const option = declared.get(key)!;
      const { res, undo } = await probes[key](f);
      try {
        if (option.supported)
          expect(res.status, `${key} is declared supported: ${JSON.stringify(res.body)}`).not.toBe(501);
        else {
          const e = expectError(res, 501, 'not_supported');
          expect(e.message, 'the 501 gives the declared reason').toBe(option.reason);
        }
      } finally {
        await undo?.();
      }
    });
});
