import { beforeAll, afterAll, describe, expect, it } from 'vitest';
import { openstack } from '../../e2e/openstack/cli';
import { backend, bootable, deleteAndWait, demo, expectError, newTenant, signIn, waitFor, type Client } from './client';
import { cirrosImageId, extNet, whenActive } from './network-fixtures';

/*
 * All-project views (issue 14, part 5): for every resource type, what a tenant of project A makes is listed for an
 * admin with all_projects=true and with project_id=A, not with project_id=B; a tenant gets 403 for all_projects and
 * for another project's project_id; and the admin deletes it. Runs on the simulator and on the loopback OpenStack
 * (scripts/test-openstack.mjs), where the `openstack` CLI confirms the resource was in project A and is gone after.
 */

let admin: Client;
let a: Awaited<ReturnType<typeof newTenant>>;
let b: Awaited<ReturnType<typeof newTenant>>;
const suffix = `${process.pid}-${Date.now().toString(36)}`;

beforeAll(async () => {
  admin = await signIn(demo.admin);
  a = await newTenant(admin);
  b = await newTenant(admin);
}, 120_000);

afterAll(async () => {
  // Emptied by the tests, both projects go (on OpenStack their default network and security group with them).
  for (const t of [a, b]) if (t) await admin.delete(`/projects/${t.projectId}`);
}, 120_000);

/** The ids the `openstack` CLI lists for one project, with the command that lists this resource type. */
async function cliIds(args: string[], projectId: string): Promise<string[]> {
  const out = await openstack([
    ...args,
    '--project',
    projectId,
    '-f',
    'value',
    '-c',
    args[0] === 'loadbalancer' ? 'id' : 'ID',
  ]);
  return out
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean);
}

interface Kind {
  path: string;
  /** The list's key in the answer (`volumes`). */
  key: string;
  /** The project of a listed item (an image names it `owner`). */
  projectOf?: (item: Record<string, unknown>) => unknown;
  /** Makes one in project A; answers its id and a `name` filter that finds it. */
  make: () => Promise<{ id: string; name: string }>;
  cli: string[];
  deleteTimeoutMs?: number;
}

// The answers' bodies differ per resource type: `any` as in tests/http/client.ts, each read checked by the test.
const must = (r: { status: number; body: any }, what: string) => {
  if (r.status >= 300) throw new Error(`${what}: ${r.status} ${JSON.stringify(r.body)}`);
  return r.body;
};

const kinds: Kind[] = [
  {
    path: '/servers',
    key: 'servers',
    make: async () => {
      // Listed and deletable whatever its status: no need to wait minutes for a boot on the loopback cloud.
      const name = `allproj-srv-${suffix}`;
      const r = await a.member.post('/servers', {
        name,
        flavor_id: bootable.flavorId,
        image_id: await cirrosImageId(a.member),
      });
      return { id: must(r, 'server').id as string, name };
    },
    cli: ['server', 'list', '--all-projects'],
    deleteTimeoutMs: 180_000,
  },
  {
    path: '/volumes',
    key: 'volumes',
    make: async () => {
      const name = `allproj-vol-${suffix}`;
      const id: string = must(await a.member.post('/volumes', { name, size_gb: 1 }), 'volume').volume.id;
      await waitFor(
        () => a.member.get(`/volumes/${id}`),
        (x) => x.body.volume?.status === 'available',
      );
      return { id, name };
    },
    cli: ['volume', 'list', '--all-projects'],
    deleteTimeoutMs: 120_000,
  },
  {
    path: '/networks',
    key: 'networks',
    make: async () => {
      const name = `allproj-net-${suffix}`;
      return { id: must(await a.member.post('/networks', { name }), 'network').network.id, name };
    },
    cli: ['network', 'list'],
  },
  {
    path: '/floating-ips',
    key: 'floating_ips',
    make: async () => {
      const fip = must(
        await a.member.post('/floating-ips', { external_network_id: (await extNet(a.member)).id }),
        'floating ip',
      ).floating_ip;
      // A floating IP has no name: the list's name filter matches its address.
      return { id: fip.id, name: fip.floating_ip_address };
    },
    cli: ['floating', 'ip', 'list'],
  },
  {
    path: '/public-ips',
    key: 'public_ips',
    make: async () => {
      const name = `allproj-pip-${suffix}`;
      return { id: must(await a.member.post('/public-ips', { name }), 'public ip').public_ip.id, name };
    },
    // On OpenStack a public IP is a (tagged) floating IP of the project.
    cli: ['floating', 'ip', 'list'],
  },
  {
    path: '/load-balancers',
    key: 'load_balancers',
    make: async () => {
      const name = `allproj-lb-${suffix}`;
      const id: string = must(await a.member.post('/load-balancers', { name }), 'load balancer').load_balancer.id;
      // Octavia refuses to delete a load balancer still being made.
      await whenActive(a.member, id);
      return { id, name };
    },
    cli: ['loadbalancer', 'list'],
    deleteTimeoutMs: 180_000,
  },
  {
    path: '/security-groups',
    key: 'security_groups',
    make: async () => {
      const name = `allproj-sg-${suffix}`;
      return { id: must(await a.member.post('/security-groups', { name }), 'security group').security_group.id, name };
    },
    cli: ['security', 'group', 'list'],
  },
  {
    path: '/images',
    key: 'images',
    projectOf: (i) => i.owner,
    make: async () => {
      const name = `allproj-img-${suffix}`;
      return { id: must(await a.member.post('/images', { name }), 'image').image.id, name };
    },
    cli: ['image', 'list'],
  },
];

describe(`all-project views on ${backend}`, () => {
  for (const k of kinds)
    it(
      `${k.path}: listed for an admin with all_projects and project_id, refused to tenants, deleted by the admin`,
      {
        timeout: 420_000,
      },
      async () => {
        const { id, name } = await k.make();
        const q = `name=${encodeURIComponent(name)}&limit=100`;
        const ids = (r: { body: Record<string, { id: string }[]> }) => r.body[k.key]!.map((x) => x.id);

        const wide = await admin.get(`${k.path}?all_projects=true&${q}`);
        expect(wide.status, JSON.stringify(wide.body)).toBe(200);
        const item = wide.body[k.key].find((x: { id: string }) => x.id === id);
        expect(item, `${k.path}?all_projects=true lists project A's resource`).toBeDefined();
        // The item names its project, so the console can show the Project column.
        expect((k.projectOf ?? ((i) => i.project_id))(item)).toBe(a.projectId);

        // project_id narrows to A (and implies all_projects); B's list does not hold A's resource.
        const onlyA = await admin.get(`${k.path}?project_id=${a.projectId}&${q}`);
        expect(onlyA.status, JSON.stringify(onlyA.body)).toBe(200);
        expect(ids(onlyA)).toContain(id);
        for (const x of onlyA.body[k.key]) expect((k.projectOf ?? ((i) => i.project_id))(x)).toBe(a.projectId);
        const onlyB = await admin.get(`${k.path}?project_id=${b.projectId}&all_projects=true&${q}`);
        expect(onlyB.status).toBe(200);
        expect(ids(onlyB)).not.toContain(id);
        // Without all_projects the admin's own list does not hold it either.
        expect(ids(await admin.get(`${k.path}?${q}`))).not.toContain(id);

        // Tenants: all_projects and another project's project_id are 403 naming the field; their own is their list.
        const e1 = expectError(await b.member.get(`${k.path}?all_projects=true`), 403, 'forbidden');
        expect(e1.details?.[0]?.path).toBe('all_projects');
        const e2 = expectError(await b.member.get(`${k.path}?project_id=${a.projectId}`), 403, 'forbidden');
        expect(e2.details?.[0]?.path).toBe('project_id');
        expect(e2.message).toContain('project_id');
        expectError(await a.reader.get(`${k.path}?project_id=${b.projectId}`), 403, 'forbidden');
        const own = await a.member.get(`${k.path}?project_id=${a.projectId}&${q}`);
        expect(own.status).toBe(200);
        expect(ids(own)).toContain(id);
        expect(ids(await b.member.get(`${k.path}?project_id=${b.projectId}&${q}`))).not.toContain(id);

        if (backend === 'openstack')
          expect(await cliIds(k.cli, a.projectId), 'the CLI lists it in project A').toContain(id);

        // The admin acts on another project's resource: reads it and deletes it.
        expect((await admin.get(`${k.path}/${id}`)).status).toBe(200);
        await deleteAndWait(admin, `${k.path}/${id}`, k.deleteTimeoutMs);
        expect(ids(await admin.get(`${k.path}?project_id=${a.projectId}&${q}`))).not.toContain(id);
        if (backend === 'openstack')
          await waitFor(
            () => cliIds(k.cli, a.projectId),
            (list) => !list.includes(id),
          );
      },
    );

  it('rejects an empty or over-long project_id with 400 naming the field', async () => {
    const e = expectError(await admin.get('/volumes?project_id='), 400, 'invalid');
    expect(e.details?.[0]?.path).toBe('project_id');
    expectError(await admin.get(`/networks?project_id=${'x'.repeat(129)}`), 400, 'invalid');
  });

  it('answers an empty list for a project that does not exist', async () => {
    const r = await admin.get('/security-groups?project_id=no-such-project-allproj');
    expect(r.status).toBe(200);
    expect(r.body.security_groups).toEqual([]);
  });
});
