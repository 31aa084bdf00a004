import { beforeAll, describe, expect, it } from 'vitest';
import { deleteAndWait, demo, expectError, newTenant, signIn, type Client } from './client';
import { activeServer, cirrosImageId, extNet, inCidr4, ownNetwork } from './network-fixtures';

let admin: Client;
let t: Awaited<ReturnType<typeof newTenant>>;
let other: Awaited<ReturnType<typeof newTenant>>;
let imageId: string;

beforeAll(async () => {
  admin = await signIn(demo.admin);
  t = await newTenant(admin);
  other = await newTenant(admin);
  imageId = await cirrosImageId(t.member);
});

const newNetwork = async (c: Client, name: string) => {
  const r = await c.post('/networks', { name });
  expect(r.status, JSON.stringify(r.body)).toBe(201);
  return r.body.network;
};
const newSubnet = async (c: Client, networkId: string, body: Record<string, unknown>) => {
  const r = await c.post(`/networks/${networkId}/subnets`, body);
  expect(r.status, JSON.stringify(r.body)).toBe(201);
  return r.body as { subnet: any; warnings: string[] };
};

describe('B.3.1 GET /networks', () => {
  it('shows a tenant its own network and the external one, with every B.41 field and total_count', async () => {
    const r = await t.member.get('/networks');
    expect(r.status).toBe(200);
    expect(r.body.total_count).toBe(r.body.networks.length);
    const own = r.body.networks.find((n: any) => n.project_id === t.projectId);
    expect(own).toMatchObject({ external: false, shared: false, status: 'active' });
    expect(own.id).toBeTruthy();
    expect(own.name).toBeTruthy();
    expect(own.created_at).toMatch(/^\d{4}-\d{2}-\d{2}T.*Z$/);
    expect(own.subnets).toHaveLength(1);
    expect(Object.keys(own.subnets[0]).sort()).toEqual([
      'cidr',
      'gateway_ip',
      'id',
      'ip_version',
      'name',
      'network_id',
    ]);
    expect(own.subnets[0]).toMatchObject({
      network_id: own.id,
      ip_version: 4,
      cidr: '10.0.0.0/24',
      gateway_ip: '10.0.0.1',
    });
    const ext = r.body.networks.find((n: any) => n.name === 'ext-net');
    expect(ext).toMatchObject({ external: true, project_id: null });
    expect(ext.subnets.map((s: any) => [s.cidr, s.ip_version])).toEqual([
      ['203.0.113.0/24', 4],
      ['2001:db8:100::/64', 6],
    ]);
    const foreign = await ownNetwork(other.member, other.projectId);
    expect(
      r.body.networks.map((n: any) => n.id),
      'another project’s network stays hidden',
    ).not.toContain(foreign.id);
  });

  it('filters by external and name, pages with total_count and sorts', async () => {
    const ext = await t.member.get('/networks?external=true');
    expect(ext.body.networks.every((n: any) => n.external)).toBe(true);
    const internal = await t.member.get('/networks?external=false');
    expect(internal.body.networks.every((n: any) => !n.external)).toBe(true);
    await newNetwork(t.member, 'list-a');
    await newNetwork(t.member, 'list-b');
    const named = await t.member.get('/networks?name=list-&sort=-name');
    expect(named.body.networks.map((n: any) => n.name)).toEqual(['list-b', 'list-a']);
    const page = await t.member.get('/networks?name=list-&limit=1&offset=1&sort=name');
    expect(page.body).toMatchObject({ total_count: 2 });
    expect(page.body.networks.map((n: any) => n.name)).toEqual(['list-b']);
    const e = expectError(await t.member.get('/networks?sort=cidr'), 400, 'invalid');
    expect(e.details?.map((d) => d.path)).toContain('sort');
    expect(
      expectError(await t.member.get('/networks?external=maybe'), 400, 'invalid').details?.map((d) => d.path),
    ).toContain('external');
  });

  it('lets an admin see every project’s networks only with all_projects=true', async () => {
    const foreign = await ownNetwork(t.member, t.projectId);
    const plain = await admin.get('/networks?limit=100');
    expect(plain.body.networks.map((n: any) => n.id)).not.toContain(foreign.id);
    const all = await admin.get(`/networks?all_projects=true&name=${encodeURIComponent(foreign.name)}`);
    expect(all.body.networks.map((n: any) => n.id)).toContain(foreign.id);
  });
});

describe('POST /networks, GET and DELETE /networks/{id}', () => {
  it('creates a network of the project (201) and reads it back', async () => {
    const r = await t.member.post('/networks', { name: 'app-net' });
    expect(r.status).toBe(201);
    const n = r.body.network;
    expect(n).toMatchObject({
      name: 'app-net',
      project_id: t.projectId,
      external: false,
      shared: false,
      status: 'active',
      subnets: [],
    });
    const g = await t.member.get(`/networks/${n.id}`);
    expect(g.status).toBe(200);
    expect(g.body.network).toEqual(n);
    expect((await t.reader.get(`/networks/${n.id}`)).status, 'readers read').toBe(200);
  });

  it('refuses a missing name with a 400 naming the field', async () => {
    const e = expectError(await t.member.post('/networks', {}), 400, 'invalid');
    expect(e.details?.map((d) => d.path)).toContain('name');
    expect(expectError(await t.member.post('/networks', { name: '  ' }), 400).details?.map((d) => d.path)).toContain(
      'name',
    );
  });

  it('lets only admins create external networks, which every project then sees', async () => {
    expectError(await t.member.post('/networks', { name: 'my-ext', external: true }), 403, 'forbidden');
    const r = await admin.post('/networks', { name: `ext-test-${t.name}`, external: true });
    expect(r.status).toBe(201);
    expect(r.body.network).toMatchObject({ external: true, shared: true, project_id: null });
    const seen = await t.member.get(`/networks/${r.body.network.id}`);
    expect(seen.status).toBe(200);
    expectError(await t.member.delete(`/networks/${r.body.network.id}`), 403, 'forbidden');
    expectError(
      await t.member.post(`/networks/${r.body.network.id}/subnets`, { name: 'x', cidr: '198.51.100.0/24' }),
      403,
      'forbidden',
    );
    expect((await admin.delete(`/networks/${r.body.network.id}`)).status).toBe(204);
  });

  it('does not let a tenant delete or extend the shared external network (403)', async () => {
    const ext = await extNet(t.member);
    expectError(await t.member.delete(`/networks/${ext.id}`), 403, 'forbidden');
    expectError(await t.member.delete(`/subnets/${ext.subnets[0]!.id}`), 403, 'forbidden');
  });

  it('deletes an unused network with its subnets (204), then answers 404', async () => {
    const n = await newNetwork(t.member, 'short-lived');
    const { subnet } = await newSubnet(t.member, n.id, { name: 's', cidr: '10.50.0.0/24' });
    expect((await t.member.delete(`/networks/${n.id}`)).status).toBe(204);
    expect(expectError(await t.member.get(`/networks/${n.id}`), 404, 'not_found').message).toContain(n.id);
    expectError(await t.member.get(`/subnets/${subnet.id}`), 404, 'not_found');
    expectError(await t.member.delete(`/networks/${n.id}`), 404, 'not_found');
  });

  it('refuses deleting a network or subnet with a server on it (409 naming the server)', async () => {
    const n = await newNetwork(t.member, 'busy-net');
    const { subnet } = await newSubnet(t.member, n.id, { name: 'busy-sub', cidr: '10.60.0.0/24' });
    const s = await activeServer(t.member, imageId, 'busy-server', { networks: [{ network_id: n.id }] });
    // Which free address a server gets is the backend's choice (Neutron picks at random): any of the subnet.
    expect(s.addresses[0]).toMatchObject({ network_id: n.id, subnet_id: subnet.id });
    const ip = s.addresses[0]!.private_ip;
    expect(inCidr4(ip, '10.60.0.0/24'), ip).toBe(true);
    expect(expectError(await t.member.delete(`/networks/${n.id}`), 409, 'conflict').message).toContain(
      `server busy-server (${ip})`,
    );
    expect(expectError(await t.member.delete(`/subnets/${subnet.id}`), 409, 'conflict').message).toContain(
      'server busy-server',
    );
    await deleteAndWait(t.member, `/servers/${s.id}`);
    expect((await t.member.delete(`/subnets/${subnet.id}`)).status).toBe(204);
    expect((await t.member.delete(`/networks/${n.id}`)).status).toBe(204);
  });

  it('refuses deleting a subnet holding a load balancer VIP (409 naming it)', async () => {
    const n = await newNetwork(t.member, 'lb-net');
    const { subnet } = await newSubnet(t.member, n.id, { name: 'lb-sub', cidr: '10.61.0.0/24' });
    const lb = await t.member.post('/load-balancers', { name: 'vip-holder', subnet_id: subnet.id });
    expect(lb.status).toBe(202);
    expect(expectError(await t.member.delete(`/subnets/${subnet.id}`), 409, 'conflict').message).toContain(
      'load balancer vip-holder',
    );
    expect(expectError(await t.member.delete(`/networks/${n.id}`), 409, 'conflict').message).toContain(
      'load balancer vip-holder',
    );
  });

  it('refuses deleting an external network while floating or public IPs hold its addresses', async () => {
    const ext = (await admin.post('/networks', { name: `ext-busy-${t.name}`, external: true })).body.network;
    await newSubnet(admin, ext.id, { name: 'ext-busy-sub', cidr: '198.51.100.0/28' });
    const fip = await t.member.post('/floating-ips', { external_network_id: ext.id });
    expect(fip.status, JSON.stringify(fip.body)).toBe(201);
    const e = expectError(await admin.delete(`/networks/${ext.id}`), 409, 'conflict');
    expect(e.message).toContain(`floating IP ${fip.body.floating_ip.floating_ip_address}`);
    expect((await t.member.delete(`/floating-ips/${fip.body.floating_ip.id}`)).status).toBe(204);
    expect((await admin.delete(`/networks/${ext.id}`)).status).toBe(204);
  });
});

describe('POST /networks/{id}/subnets, GET and DELETE /subnets/{id}', () => {
  it('creates a subnet with the first usable address as gateway (201)', async () => {
    const n = await newNetwork(t.member, 'sub-net');
    const r = await t.member.post(`/networks/${n.id}/subnets`, { name: 'web', cidr: '10.70.0.0/24' });
    expect(r.status).toBe(201);
    expect(r.body.subnet).toMatchObject({
      name: 'web',
      network_id: n.id,
      cidr: '10.70.0.0/24',
      gateway_ip: '10.70.0.1',
      ip_version: 4,
    });
    expect(r.body.warnings).toEqual([]);
    const g = await t.member.get(`/subnets/${r.body.subnet.id}`);
    expect(g.body.subnet).toEqual(r.body.subnet);
    expect((await t.member.get(`/networks/${n.id}`)).body.network.subnets).toEqual([r.body.subnet]);
  });

  it('honours a given gateway or none, and takes IPv6 from the CIDR', async () => {
    const n = await newNetwork(t.member, 'sub-net-2');
    expect(
      (await newSubnet(t.member, n.id, { name: 'g', cidr: '10.71.0.0/24', gateway_ip: '10.71.0.254' })).subnet
        .gateway_ip,
    ).toBe('10.71.0.254');
    expect(
      (await newSubnet(t.member, n.id, { name: 'none', cidr: '10.72.0.0/24', gateway_ip: null })).subnet.gateway_ip,
    ).toBeNull();
    const v6 = (await newSubnet(t.member, n.id, { name: 'v6', cidr: '2001:db8:71::/64' })).subnet;
    expect(v6).toMatchObject({ ip_version: 6, gateway_ip: '2001:db8:71::' });
  });

  it('refuses bad input with a 400 naming the field', async () => {
    const n = await newNetwork(t.member, 'bad-sub-net');
    const cases: [Record<string, unknown>, string][] = [
      [{ cidr: '10.73.0.0/24' }, 'name'],
      [{ name: 'x' }, 'cidr'],
      [{ name: 'x', cidr: 'ten-dot-oh' }, 'cidr'],
      [{ name: 'x', cidr: '10.73.0.9/24' }, 'cidr'],
      [{ name: 'x', cidr: '10.73.0.0/32' }, 'cidr'],
      [{ name: 'x', cidr: '10.73.0.0/24', gateway_ip: '10.74.0.1' }, 'gateway_ip'],
      [{ name: 'x', cidr: '10.73.0.0/24', gateway_ip: 'router' }, 'gateway_ip'],
      [{ name: 'x', cidr: '10.73.0.0/24', ip_version: 6 }, 'ip_version'],
      [{ name: 'x', cidr: '10.73.0.0/24', ip_version: 5 }, 'ip_version'],
    ];
    for (const [body, path] of cases) {
      const e = expectError(await t.member.post(`/networks/${n.id}/subnets`, body), 400, 'invalid');
      expect(
        e.details?.map((d) => d.path),
        JSON.stringify(body),
      ).toContain(path);
    }
    expect(
      expectError(await t.member.post(`/networks/${n.id}/subnets`, { name: 'x', cidr: '10.73.0.9/24' }), 400).message,
    ).toContain('10.73.0.0/24');
  });

  it('refuses a CIDR overlapping another subnet of the network (409) but only warns across networks', async () => {
    const a = await newNetwork(t.member, 'overlap-a');
    const b = await newNetwork(t.member, 'overlap-b');
    await newSubnet(t.member, a.id, { name: 'a1', cidr: '10.80.0.0/16' });
    const e = expectError(
      await t.member.post(`/networks/${a.id}/subnets`, { name: 'a2', cidr: '10.80.5.0/24' }),
      409,
      'conflict',
    );
    expect(e.message).toContain('a1 (10.80.0.0/16)');
    const r = await newSubnet(t.member, b.id, { name: 'b1', cidr: '10.80.5.0/24' });
    expect(r.warnings).toHaveLength(1);
    expect(r.warnings[0]).toContain('a1 (10.80.0.0/16) of network overlap-a');
    const v6 = await newSubnet(t.member, a.id, { name: 'a-v6', cidr: '2001:db8:80::/64' });
    expect(v6.warnings, 'IPv4 and IPv6 never overlap').toEqual([]);
  });

  it('deletes an unused subnet (204)', async () => {
    const n = await newNetwork(t.member, 'del-sub');
    const { subnet } = await newSubnet(t.member, n.id, { name: 'gone', cidr: '10.90.0.0/24' });
    expect((await t.member.delete(`/subnets/${subnet.id}`)).status).toBe(204);
    expectError(await t.member.get(`/subnets/${subnet.id}`), 404, 'not_found');
    expect((await t.member.get(`/networks/${n.id}`)).body.network.subnets).toEqual([]);
  });
});

describe('authorization', () => {
  it('answers another tenant 404 for the network and its subnets', async () => {
    const n = await newNetwork(t.member, 'private-net');
    const { subnet } = await newSubnet(t.member, n.id, { name: 'p', cidr: '10.91.0.0/24' });
    expectError(await other.member.get(`/networks/${n.id}`), 404, 'not_found');
    expectError(await other.member.delete(`/networks/${n.id}`), 404, 'not_found');
    expectError(
      await other.member.post(`/networks/${n.id}/subnets`, { name: 'x', cidr: '10.92.0.0/24' }),
      404,
      'not_found',
    );
    expectError(await other.member.get(`/subnets/${subnet.id}`), 404, 'not_found');
    expectError(await other.member.delete(`/subnets/${subnet.id}`), 404, 'not_found');
    expect((await t.member.get(`/networks/${n.id}`)).body.network.subnets, 'nothing changed').toHaveLength(1);
  });

  it('answers the reader 403 on every change', async () => {
    const n = await newNetwork(t.member, 'reader-net');
    const { subnet } = await newSubnet(t.member, n.id, { name: 'r', cidr: '10.93.0.0/24' });
    expectError(await t.reader.post('/networks', { name: 'nope' }), 403, 'forbidden');
    expectError(await t.reader.delete(`/networks/${n.id}`), 403, 'forbidden');
    expectError(
      await t.reader.post(`/networks/${n.id}/subnets`, { name: 'x', cidr: '10.94.0.0/24' }),
      403,
      'forbidden',
    );
    expectError(await t.reader.delete(`/subnets/${subnet.id}`), 403, 'forbidden');
    expect((await t.reader.get(`/subnets/${subnet.id}`)).status).toBe(200);
  });
});
