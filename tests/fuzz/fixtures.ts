import { operations } from '@/lib/contract/operations';
import { bootable, waitFor, type Client } from '../http/client';
import { activeServer, cirrosImageId, extNet, ownNetwork } from '../http/network-fixtures';

/**
 * Real resources of the tenant for the fuzz stage's path ids and `*_id` fields, created once: a request with a
 * real id gets past the lookup to the code that does the work, where most 5xx were found.
 */
export interface Fixtures {
  /** Real id by collection (the path segment before `{id}`) or parameter name (`listener_id`). */
  ids: Record<string, string>;
  /** Values for body and query fields of that name. */
  fields: Record<string, string>;
  projectId: string;
}

async function ok<T = any>(
  what: string,
  p: Promise<{ status: number; body: T }>,
  status: number[] = [200, 201, 202],
): Promise<T> {
  const r = await p;
  if (!status.includes(r.status)) throw new Error(`fuzz fixture ${what}: ${r.status} ${JSON.stringify(r.body)}`);
  return r.body;
}

export async function createFixtures(tenant: Client, admin: Client): Promise<Fixtures> {
  const me = await ok('token', tenant.get('/auth/tokens'));
  const projectId: string = me.token.project.id;
  const imageId = await cirrosImageId(tenant);
  const server = await activeServer(tenant, imageId, 'fuzz-target');
  const network = await ownNetwork(tenant, projectId);
  const subnetId = network.subnets[0]!.id;
  const ext = await extNet(tenant);
  const fip = await ok('floating ip', tenant.post('/floating-ips', { external_network_id: ext.id }));
  const pip = await ok('public ip', tenant.post('/public-ips', { name: 'fuzz-pip' }));
  const sg = await ok('security group', tenant.post('/security-groups', { name: 'fuzz-sg' }));
  const keyPair = await ok(
    'key pair',
    tenant.post('/key-pairs', { name: `fuzz-key-${process.pid}-${Date.now().toString(36)}` }),
  );
  const volume = await ok('volume', tenant.post('/volumes', { size_gb: 1, name: 'fuzz-volume' }));
  const lb = await ok('load balancer', tenant.post('/load-balancers', { name: 'fuzz-lb', subnet_id: subnetId }));
  await waitFor(
    () => tenant.get(`/load-balancers/${lb.load_balancer.id}`),
    (x) => x.body.load_balancer?.status === 'active',
  );
  const listener = await ok(
    'listener',
    tenant.post(`/load-balancers/${lb.load_balancer.id}/listeners`, { protocol: 'TCP', port: 8080 }),
  );
  const image = await ok('queued image', tenant.post('/images', { name: 'fuzz-upload' }));
  const snapSource = await ok('snapshot source', tenant.post('/volumes', { size_gb: 1, name: 'fuzz-snap-source' }));
  await waitFor(
    () => tenant.get(`/volumes/${snapSource.volume.id}`),
    (x) => x.body.volume?.status === 'available',
  );
  const snapshot = await ok(
    'snapshot',
    tenant.post('/snapshots', { volume_id: snapSource.volume.id, name: 'fuzz-snap' }),
  );
  const datacenters = await ok('datacenters', tenant.get('/datacenters'));
  const hosts = await ok('hosts', admin.get('/hosts'));
  // A user of its own, so that the admin's user operations (disable, password, memberships) touch no demo account.
  const user = await ok(
    'user',
    admin.post('/users', {
      name: `fuzz-user-${process.pid}-${Date.now().toString(36)}`,
      password: 'fuzz-password-1',
      project_id: projectId,
      role: 'member',
    }),
  );
  const ids: Record<string, string> = {
    servers: server.id,
    flavors: bootable.flavorId,
    images: image.image.id,
    networks: network.id,
    subnets: subnetId,
    'floating-ips': fip.floating_ip.id,
    'public-ips': pip.public_ip.id,
    'load-balancers': lb.load_balancer.id,
    listener_id: listener.listener.id,
    'security-groups': sg.security_group.id,
    'security-group-rules': sg.security_group.rules[0].id,
    'key-pairs': keyPair.key_pair.name,
    volumes: volume.volume.id,
    snapshots: snapshot.snapshot.id,
    projects: projectId,
    users: user.user.id,
  };
  const fields: Record<string, string> = {
    server_id: server.id,
    flavor_id: bootable.flavorId,
    image_id: imageId,
    subnet_id: subnetId,
    network_id: network.id,
    external_network_id: ext.id,
    security_group_id: sg.security_group.id,
    volume_id: snapSource.volume.id,
    snapshot_id: snapshot.snapshot.id,
    remote_group_id: sg.security_group.id,
    port_id: server.addresses[0]?.port_id ?? 'fuzz-no-port',
    project_id: projectId,
    datacenter_id: datacenters.datacenters[0].id,
    host: hosts.hosts.find((h: { name: string }) => h.name)?.name ?? 'fuzz-no-host',
    resource_id: server.id,
    user_id: user.user.id,
    key_name: keyPair.key_pair.name,
  };
  return { ids, fields, projectId };
}

/** The real id for a path parameter: by the parameter's name, else by the collection it follows. */
export function paramValueFrom(f: Fixtures, notes: Set<string>) {
  return (path: string, param: string): string => {
    if (f.ids[param]) return f.ids[param]!;
    const segments = path.split('/');
    const collection = segments[segments.indexOf(`{${param}}`) - 1] ?? '';
    const id = f.ids[collection];
    if (id) return id;
    // A new collection still gets fuzzed (with ids that exist nowhere); the note says to add a fixture for it.
    notes.add(`no real id for {${param}} in ${path}: add one to tests/fuzz/fixtures.ts`);
    return `fuzz-no-fixture-${collection}`;
  };
}

/**
 * The collections a refused request must not have grown: every `POST /x` that creates (201/202) and has a
 * `GET /x` list with `total_count`, read from the operation table.
 */
export const creatingOps = operations.filter(
  (op) =>
    op.method === 'post' &&
    !op.path.includes('{') &&
    (op.success[0] === 201 || op.success[0] === 202) &&
    operations.some((g) => g.method === 'get' && g.path === op.path),
);

export async function countsOf(c: Client): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const op of creatingOps) {
    const r = await c.get(`${op.path}?limit=1`);
    if (r.status === 200 && typeof r.body?.total_count === 'number') out[op.path] = r.body.total_count;
  }
  return out;
}
