/**
 * The tenant-isolation matrix: every resource type × another tenant → 404, member on admin operations → 403,
 * reader on every change → 403.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { operationKey, operations, type OperationKey } from '@/lib/contract/operations';
import { demo, expectError, newTenant, signIn, waitFor, type Client } from './client';

let admin: Client;
let a: Awaited<ReturnType<typeof newTenant>>;
let b: Awaited<ReturnType<typeof newTenant>>;
const ids: Record<string, string> = {};

beforeAll(async () => {
  admin = await signIn(demo.admin);
  a = await newTenant(admin);
  b = await newTenant(admin);
  const image = (await a.member.get('/images?name=cirros')).body.images[0].id;
  const must = (r: { status: number; body: any }, what: string) => {
    if (r.status >= 300) throw new Error(`${what}: ${r.status} ${JSON.stringify(r.body)}`);
    return r.body;
  };
  const server = must(
    await a.member.post('/servers', { name: 'iso-server', flavor_id: 's1.small', image_id: image }),
    'server',
  );
  ids.server = server.id;
  await waitFor(
    () => a.member.get(`/servers/${ids.server}`),
    (x) => x.body.server.status === 'active',
  );
  ids.volume = must(await a.member.post('/volumes', { size_gb: 1, name: 'iso-vol' }), 'volume').volume.id;
  const snapSource = must(await a.member.post('/volumes', { size_gb: 1, name: 'iso-snap-source' }), 'volume').volume;
  await waitFor(
    () => a.member.get(`/volumes/${snapSource.id}`),
    (x) => x.body.volume.status === 'available',
  );
  ids.snapshot = must(
    await a.member.post('/snapshots', { volume_id: snapSource.id, name: 'iso-snap' }),
    'snapshot',
  ).snapshot.id;
  ids.image = must(await a.member.post('/images', { name: 'iso-image' }), 'image').image.id;
  const net = must(await a.member.post('/networks', { name: 'iso-net' }), 'network').network;
  ids.network = net.id;
  ids.subnet = must(
    await a.member.post(`/networks/${ids.network}/subnets`, { name: 'iso-sub', cidr: '10.9.0.0/24' }),
    'subnet',
  ).subnet.id;
  const ext = (await a.member.get('/networks?external=true')).body.networks[0].id;
  ids.floatingIp = must(
    await a.member.post('/floating-ips', { external_network_id: ext }),
    'floating ip',
  ).floating_ip.id;
  ids.publicIp = must(await a.member.post('/public-ips', { name: 'iso-pip' }), 'public ip').public_ip.id;
  ids.loadBalancer = must(await a.member.post('/load-balancers', { name: 'iso-lb' }), 'load balancer').load_balancer.id;
  const sg = must(await a.member.post('/security-groups', { name: 'iso-sg' }), 'security group').security_group;
  ids.securityGroup = sg.id;
  ids.rule = must(
    await a.member.post('/security-group-rules', {
      security_group_id: sg.id,
      protocol: 'tcp',
      port_range_min: 22,
      port_range_max: 22,
      remote_ip_prefix: '0.0.0.0/0',
    }),
    'rule',
  ).security_group_rule.id;
  // Key pairs belong to a user, not a project: tenant B's member (another user) must not find A's member's pair.
  ids.keyPair = must(
    await a.member.post('/key-pairs', { name: `iso-key-${process.pid}-${Date.now().toString(36)}` }),
    'key pair',
  ).key_pair.name;
});

type Call = [string, (c: Client) => Promise<{ status: number; body: any; headers: Headers }>];

/**
 * Every operation on one existing resource of tenant A, by its key in the operation table: a test below fails when
 * the table gains an operation on a project's resource that this list forgets.
 */
function operationsOn(): Array<[OperationKey, Call[1]]> {
  return [
    ['GET /servers/{id}', (c) => c.get(`/servers/${ids.server}`)],
    ['PUT /servers/{id}', (c) => c.put(`/servers/${ids.server}`, { name: 'x' })],
    ['GET /servers/{id}/console-log', (c) => c.get(`/servers/${ids.server}/console-log`)],
    ['POST /servers/{id}/start', (c) => c.post(`/servers/${ids.server}/start`)],
    ['POST /servers/{id}/stop', (c) => c.post(`/servers/${ids.server}/stop`)],
    ['POST /servers/{id}/reboot', (c) => c.post(`/servers/${ids.server}/reboot`, { type: 'soft' })],
    ['POST /servers/{id}/resize', (c) => c.post(`/servers/${ids.server}/resize`, { flavor_id: 's1.medium' })],
    ['DELETE /servers/{id}', (c) => c.delete(`/servers/${ids.server}`)],
    ['GET /volumes/{id}', (c) => c.get(`/volumes/${ids.volume}`)],
    ['POST /volumes/{id}/attach', (c) => c.post(`/volumes/${ids.volume}/attach`, { server_id: ids.server })],
    ['POST /volumes/{id}/detach', (c) => c.post(`/volumes/${ids.volume}/detach`, { server_id: ids.server })],
    ['POST /volumes/{id}/extend', (c) => c.post(`/volumes/${ids.volume}/extend`, { new_size_gb: 5 })],
    ['POST /volumes/{id}/retype', (c) => c.post(`/volumes/${ids.volume}/retype`, { volume_type: 'ssd' })],
    ['DELETE /volumes/{id}', (c) => c.delete(`/volumes/${ids.volume}`)],
    ['GET /snapshots/{id}', (c) => c.get(`/snapshots/${ids.snapshot}`)],
    ['PATCH /snapshots/{id}', (c) => c.patch(`/snapshots/${ids.snapshot}`, { name: 'x' })],
    ['DELETE /snapshots/{id}', (c) => c.delete(`/snapshots/${ids.snapshot}`)],
    ['GET /images/{id}', (c) => c.get(`/images/${ids.image}`)],
    ['GET /images/{id}/file', (c) => c.get(`/images/${ids.image}/file`)],
    [
      'PUT /images/{id}/file',
      (c) => c.put(`/images/${ids.image}/file`, new Uint8Array(16), { 'Content-Type': 'application/octet-stream' }),
    ],
    [
      'POST /images/{id}/import',
      (c) => c.post(`/images/${ids.image}/import`, { source_url: 'http://127.0.0.1:9/never-fetched.img' }),
    ],
    [
      'PATCH /images/{id}',
      (c) =>
        c.patch(`/images/${ids.image}`, [{ op: 'replace', path: '/name', value: 'x' }], {
          'Content-Type': 'application/json-patch+json',
        }),
    ],
    ['DELETE /images/{id}', (c) => c.delete(`/images/${ids.image}`)],
    ['GET /networks/{id}', (c) => c.get(`/networks/${ids.network}`)],
    [
      'POST /networks/{id}/subnets',
      (c) => c.post(`/networks/${ids.network}/subnets`, { name: 'x', cidr: '10.8.0.0/24' }),
    ],
    ['GET /subnets/{id}', (c) => c.get(`/subnets/${ids.subnet}`)],
    ['DELETE /subnets/{id}', (c) => c.delete(`/subnets/${ids.subnet}`)],
    ['DELETE /networks/{id}', (c) => c.delete(`/networks/${ids.network}`)],
    ['GET /floating-ips/{id}', (c) => c.get(`/floating-ips/${ids.floatingIp}`)],
    ['PUT /floating-ips/{id}', (c) => c.put(`/floating-ips/${ids.floatingIp}`, { description: 'x' })],
    ['POST /floating-ips/{id}/delete', (c) => c.post(`/floating-ips/${ids.floatingIp}/delete`)],
    ['DELETE /floating-ips/{id}', (c) => c.delete(`/floating-ips/${ids.floatingIp}`)],
    ['GET /public-ips/{id}', (c) => c.get(`/public-ips/${ids.publicIp}`)],
    ['POST /public-ips/{id}/bind', (c) => c.post(`/public-ips/${ids.publicIp}/bind`, { server_id: ids.server })],
    ['POST /public-ips/{id}/unbind', (c) => c.post(`/public-ips/${ids.publicIp}/unbind`, { server_id: ids.server })],
    ['DELETE /public-ips/{id}', (c) => c.delete(`/public-ips/${ids.publicIp}`)],
    ['GET /load-balancers/{id}', (c) => c.get(`/load-balancers/${ids.loadBalancer}`)],
    [
      'PATCH /load-balancers/{id}/members',
      (c) => c.patch(`/load-balancers/${ids.loadBalancer}/members`, { op: 'add', server_id: ids.server, port: 80 }),
    ],
    [
      'POST /load-balancers/{id}/members',
      (c) => c.post(`/load-balancers/${ids.loadBalancer}/members`, { server_id: ids.server, port: 80 }),
    ],
    [
      'DELETE /load-balancers/{id}/members',
      (c) => c.call('DELETE', `/load-balancers/${ids.loadBalancer}/members`, { server_id: ids.server }),
    ],
    [
      'POST /load-balancers/{id}/listeners',
      (c) => c.post(`/load-balancers/${ids.loadBalancer}/listeners`, { protocol: 'TCP', port: 81 }),
    ],
    // The load balancer decides (another project's is not found), whichever listener is named.
    [
      'DELETE /load-balancers/{id}/listeners/{listener_id}',
      (c) => c.delete(`/load-balancers/${ids.loadBalancer}/listeners/any-listener`),
    ],
    ['DELETE /load-balancers/{id}', (c) => c.delete(`/load-balancers/${ids.loadBalancer}`)],
    ['GET /security-groups/{id}', (c) => c.get(`/security-groups/${ids.securityGroup}`)],
    [
      'POST /security-group-rules',
      (c) =>
        c.post('/security-group-rules', {
          security_group_id: ids.securityGroup,
          protocol: 'tcp',
          port_range_min: 443,
          port_range_max: 443,
        }),
    ],
    ['GET /security-group-rules/{id}', (c) => c.get(`/security-group-rules/${ids.rule}`)],
    ['DELETE /security-group-rules/{id}', (c) => c.delete(`/security-group-rules/${ids.rule}`)],
    ['DELETE /security-groups/{id}', (c) => c.delete(`/security-groups/${ids.securityGroup}`)],
    ['GET /key-pairs/{name}', (c) => c.get(`/key-pairs/${encodeURIComponent(ids.keyPair!)}`)],
    ['DELETE /key-pairs/{name}', (c) => c.delete(`/key-pairs/${encodeURIComponent(ids.keyPair!)}`)],
  ];
}

/** A user's own resources (key pairs): every other user, the project's reader too, finds none of them. */
const userScoped = ['/key-pairs/'];

/** Resources that belong to no project (flavors), or only to administrators (users, projects): checked below. */
const notProjectScoped = ['/flavors/', '/users/', '/projects/'];

it("covers every operation of the table on one of a project's resources", () => {
  const covered = new Set(operationsOn().map(([key]) => key));
  const expected = operations
    .filter(
      (o) =>
        (o.path.includes('{id}') || userScoped.some((p) => o.path.startsWith(p))) &&
        o.auth !== 'admin' &&
        !notProjectScoped.some((p) => o.path.startsWith(p)),
    )
    .map(operationKey);
  expect(
    expected.filter((key) => !covered.has(key as OperationKey)),
    'operations the isolation matrix forgets',
  ).toEqual([]);
});

describe('another tenant gets 404 for every resource of a project', () => {
  for (const [name, call] of operationsOn()) {
    it(name, async () => {
      const e = expectError(await call(b.member), 404, 'not_found');
      expect(e.message).toMatch(/was not found/);
    });
  }

  it('and sees none of them in lists; asking for all projects is refused with 403, not quietly narrowed', async () => {
    const lists: [string, string][] = [
      ['/servers', 'servers'],
      ['/volumes', 'volumes'],
      ['/snapshots', 'snapshots'],
      ['/images', 'images'],
      ['/networks', 'networks'],
      ['/floating-ips', 'floating_ips'],
      ['/public-ips', 'public_ips'],
      ['/load-balancers', 'load_balancers'],
      ['/security-groups', 'security_groups'],
    ];
    const mine = new Set(Object.values(ids));
    for (const [path, key] of lists) {
      const r = await b.member.get(path);
      expect(r.status, path).toBe(200);
      const leaked = (r.body[key] as { id: string }[]).filter((x) => mine.has(x.id));
      expect(leaked, `${path} leaks another project's resource`).toEqual([]);
      const wide = expectError(await b.member.get(`${path}?all_projects=true`), 403, 'forbidden');
      expect(wide.details?.[0]?.path, path).toBe('all_projects');
      // Naming project A is refused the same way; naming one's own project is one's own list.
      const named = expectError(await b.member.get(`${path}?project_id=${a.projectId}`), 403, 'forbidden');
      expect(named.details?.[0]?.path, path).toBe('project_id');
      const own = await b.member.get(`${path}?project_id=${b.projectId}`);
      expect(own.status, path).toBe(200);
      expect(
        (own.body[key] as { id: string }[]).filter((x) => mine.has(x.id)),
        path,
      ).toEqual([]);
    }
    expectError(await b.member.get('/audit?all_projects=true'), 403, 'forbidden');
    const keys = await b.member.get('/key-pairs?limit=100');
    expect(keys.status).toBe(200);
    expect(keys.body.key_pairs.map((k: { name: string }) => k.name)).not.toContain(ids.keyPair);
  });
});

describe('a reader gets 403 for every change', () => {
  for (const [name, call] of operationsOn().filter(([n]) => !n.startsWith('GET '))) {
    it(name, async () => {
      expectError(await call(a.reader), 403, 'forbidden');
    });
  }

  it('including creations', async () => {
    const creations: Call[] = [
      ['server', (c) => c.post('/servers', { name: 'r', flavor_id: 's1.small', image_id: 'x' })],
      ['volume', (c) => c.post('/volumes', { size_gb: 1 })],
      ['snapshot', (c) => c.post('/snapshots', { volume_id: ids.volume! })],
      ['image', (c) => c.post('/images', { name: 'r' })],
      ['network', (c) => c.post('/networks', { name: 'r' })],
      ['floating ip', (c) => c.post('/floating-ips', { external_network_id: 'x' })],
      ['public ip', (c) => c.post('/public-ips', {})],
      ['load balancer', (c) => c.post('/load-balancers', { name: 'r' })],
      ['security group', (c) => c.post('/security-groups', { name: 'r' })],
      ['key pair', (c) => c.post('/key-pairs', { name: 'r' })],
    ];
    for (const [, call] of creations) expectError(await call(a.reader), 403, 'forbidden');
  });

  it('while reading works', async () => {
    for (const [name, call] of operationsOn().filter(([n]) => n.startsWith('GET '))) {
      const status = (await call(a.reader)).status;
      // The image has no file yet: its download is a conflict, which is an answer about the image, not a refusal.
      if (name === 'GET /images/{id}/file') expect([200, 409], name).toContain(status);
      // A key pair is its user's own: the project's reader is another user, who does not find it.
      else if (userScoped.some((p) => name.includes(` ${p}`))) expect(status, name).toBe(404);
      else expect(status, name).toBe(200);
    }
  });
});

describe('a member gets 403 for admin operations', () => {
  const adminOps: Call[] = [
    ['create flavor', (c) => c.post('/flavors', { id: 'm-flavor', name: 'm', vcpus: 1, ram_mb: 512, disk_gb: 1 })],
    ['delete flavor', (c) => c.delete('/flavors/s1.small')],
    ['live migrate', (c) => c.post(`/servers/${ids.server}/live-migrate`, { host: 'any' })],
    ['list hosts', (c) => c.get('/hosts')],
    ['read a host', (c) => c.get('/hosts/any-host')],
    ['disable a host', (c) => c.post('/hosts/any-host/disable', { reason: 'sneaky maintenance' })],
    ['enable a host', (c) => c.post('/hosts/any-host/enable')],
    ['migrate servers off a host', (c) => c.post('/hosts/any-host/migrate-servers', {})],
    ['list servers by host', (c) => c.get('/servers?host=any-host')],
    [
      'create a server on a chosen host',
      (c) => c.post('/servers', { name: 'pinned', flavor_id: 'any', image_id: 'any', host: 'any-host' }),
    ],
    ['list projects', (c) => c.get('/projects')],
    ['create project', (c) => c.post('/projects', { name: 'sneaky' })],
    ['create user', (c) => c.post('/users', { name: 'sneaky', password: 'long-enough-1', project_id: a.projectId })],
    [
      'create user with a set-up link',
      (c) => c.post('/users', { name: 'sneaky', setup: 'link', project_id: a.projectId }),
    ],
    // Refused before the user is looked up: a member learns nothing of which ids exist.
    ['rename user', (c) => c.patch('/users/no-such-user', { name: 'sneaky' })],
    ['issue a set-up link', (c) => c.post('/users/no-such-user/setup-link')],
    ['set quotas', (c) => c.put(`/projects/${a.projectId}/quotas`, { instances: 1000 })],
    ['rename own project', (c) => c.patch(`/projects/${a.projectId}`, { name: 'sneaky' })],
    ['disable another project', (c) => c.post(`/projects/${b.projectId}/disable`)],
    ['enable own project', (c) => c.post(`/projects/${a.projectId}/enable`)],
    ["list another project's resources", (c) => c.get(`/projects/${b.projectId}/resources`)],
    ['delete everything in another project', (c) => c.post(`/projects/${b.projectId}/purge`)],
    ["read another project's delete task", (c) => c.get(`/projects/${b.projectId}/purge`)],
    ['read default quotas', (c) => c.get('/quotas/defaults')],
    ['set default quotas', (c) => c.put('/quotas/defaults', { instances: 1000 })],
    ['datacenter capacity', (c) => c.get('/quotas/compute?scope=datacenter')],
    ["another project's compute usage", (c) => c.get(`/quotas/compute?project_id=${b.projectId}`)],
    ["another project's volume usage", (c) => c.get(`/quotas/volume?project_id=${b.projectId}`)],
    ["another project's usage history", (c) => c.get(`/usage?project_id=${b.projectId}`)],
    ['usage history by datacenter', (c) => c.get('/usage?datacenter_id=any')],
    ['create external network', (c) => c.post('/networks', { name: 'ext2', external: true })],
  ];
  for (const [name, call] of adminOps) {
    it(name, async () => {
      expectError(await call(a.member), 403, 'forbidden');
    });
  }
});
