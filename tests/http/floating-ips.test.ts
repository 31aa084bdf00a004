import { beforeAll, describe, expect, it } from 'vitest';
import { backend, demo, expectError, newTenant, signIn, type Client } from './client';
import { activeServer, cirrosImageId, extNet, inCidr4, ownNetwork } from './network-fixtures';

let admin: Client;
let t: Awaited<ReturnType<typeof newTenant>>;
let other: Awaited<ReturnType<typeof newTenant>>;
let ext: Awaited<ReturnType<typeof extNet>>;
/** An external network of this file's own, so given addresses are predictable. */
let ownExt: { id: string; subnetId: string };
let web1: Awaited<ReturnType<typeof activeServer>>;
let web2: Awaited<ReturnType<typeof activeServer>>;

beforeAll(async () => {
  admin = await signIn(demo.admin);
  t = await newTenant(admin, { quotas: { floating_ips: 50 } });
  other = await newTenant(admin);
  ext = await extNet(t.member);
  const n = await admin.post('/networks', { name: `fip-ext-${t.name}`, external: true });
  const s = await admin.post(`/networks/${n.body.network.id}/subnets`, {
    name: 'fip-ext-sub',
    cidr: '198.51.100.0/29',
  });
  ownExt = { id: n.body.network.id, subnetId: s.body.subnet.id };
  const imageId = await cirrosImageId(t.member);
  [web1, web2] = await Promise.all([
    activeServer(t.member, imageId, 'fip-web-1'),
    activeServer(t.member, imageId, 'fip-web-2'),
  ]);
});

/**
 * A bound floating IP is ACTIVE once the cloud's L3 agent has set up its NAT; the loopback OpenStack runs no
 * agents, so Neutron leaves it DOWN there (bound or not is what port_id and port_details show).
 */
const boundStatus = backend === 'openstack' ? 'DOWN' : 'ACTIVE';

const create = async (c: Client, body: Record<string, unknown>) => {
  const r = await c.post('/floating-ips', body);
  expect(r.status, JSON.stringify(r.body)).toBe(201);
  return r.body.floating_ip;
};

describe('B.42-B.43 POST /floating-ips', () => {
  it('allocates an unbound floating IP from the external network with every B.43 field', async () => {
    const r = await t.member.post('/floating-ips', { external_network_id: ext.id, description: 'for the web tier' });
    expect(r.status).toBe(201);
    const f = r.body.floating_ip;
    expect(f).toMatchObject({
      project_id: t.projectId,
      external_network_id: ext.id,
      fixed_ip_address: null,
      port_id: null,
      status: 'DOWN',
      port_details: null,
      description: 'for the web tier',
    });
    expect(f.id).toBeTruthy();
    expect(inCidr4(f.floating_ip_address, '203.0.113.0/24'), f.floating_ip_address).toBe(true);
    expect(f.floating_ip_address).not.toBe('203.0.113.1');
    expect(f.created_at).toMatch(/Z$/);
  });

  it('honours a requested address, and refuses one in use (409) or outside the network (400)', async () => {
    if (backend === 'openstack') {
      // Neutron's default policy lets only administrators choose the address: a tenant is refused (403), the
      // console's own checks below still apply first.
      expectError(
        await t.member.post('/floating-ips', { external_network_id: ownExt.id, floating_ip_address: '198.51.100.5' }),
        403,
        'forbidden',
      );
    } else {
      const f = await create(t.member, { external_network_id: ownExt.id, floating_ip_address: '198.51.100.5' });
      expect(f.floating_ip_address).toBe('198.51.100.5');
      const taken = expectError(
        await t.member.post('/floating-ips', { external_network_id: ownExt.id, floating_ip_address: '198.51.100.5' }),
        409,
        'conflict',
      );
      expect(taken.message).toContain('198.51.100.5');
    }
    for (const addr of ['192.0.2.9', '198.51.100.7', 'nine'])
      expect(
        expectError(
          await t.member.post('/floating-ips', { external_network_id: ownExt.id, floating_ip_address: addr }),
          400,
          'invalid',
        ).details?.map((d) => d.path),
        addr,
      ).toContain('floating_ip_address');
    const bySubnet = await create(t.member, { external_network_id: ownExt.id, subnet_id: ownExt.subnetId });
    expect(inCidr4(bySubnet.floating_ip_address, '198.51.100.0/29')).toBe(true);
  });

  it('binds at creation to a server port, with port_details (ACTIVE)', async () => {
    const addr = web1.addresses[0]!;
    const f = await create(t.member, {
      external_network_id: ext.id,
      port_id: addr.port_id,
      fixed_ip_address: addr.private_ip,
    });
    expect(f).toMatchObject({ status: boundStatus, port_id: addr.port_id, fixed_ip_address: addr.private_ip });
    expect(f.port_details).toMatchObject({ status: 'ACTIVE', device_id: web1.id, network_id: addr.network_id });
    // Nova names a port after nothing; the simulator after its server.
    if (backend !== 'openstack') expect(f.port_details.name).toBe('fip-web-1');
    expect(f.port_details.mac_address).toMatch(/^([0-9a-f]{2}:){5}[0-9a-f]{2}$/);
    const s = await t.member.get(`/servers/${web1.id}`);
    expect(s.body.server.addresses[0].floating_ip, 'the server shows its floating IP').toBe(f.floating_ip_address);
    expect((await t.member.put(`/floating-ips/${f.id}`, { port_id: null })).status).toBe(200);
  });

  it('refuses bad input with a 400 naming the field', async () => {
    const own = await ownNetwork(t.member, t.projectId);
    const cases: [Record<string, unknown>, string][] = [
      [{}, 'external_network_id'],
      [{ external_network_id: 'no-such-network' }, 'external_network_id'],
      [{ external_network_id: own.id }, 'external_network_id'],
      [{ external_network_id: ext.id, fixed_ip_address: '10.0.0.5' }, 'fixed_ip_address'],
      [{ external_network_id: ext.id, subnet_id: own.subnets[0]!.id }, 'subnet_id'],
      [{ external_network_id: ext.id, subnet_id: ext.subnets.find((s) => s.ip_version === 6)!.id }, 'subnet_id'],
      [{ external_network_id: ext.id, port_id: 'no-such-port' }, 'port_id'],
      [
        { external_network_id: ext.id, port_id: web1.addresses[0]!.port_id, fixed_ip_address: '10.255.0.1' },
        'fixed_ip_address',
      ],
    ];
    for (const [body, path] of cases) {
      const e = expectError(await t.member.post('/floating-ips', body), 400, 'invalid');
      expect(
        e.details?.map((d) => d.path),
        JSON.stringify(body),
      ).toContain(path);
    }
  });

  it('refuses another project’s server port (400 naming port_id)', async () => {
    const e = expectError(
      await other.member.post('/floating-ips', { external_network_id: ext.id, port_id: web1.addresses[0]!.port_id }),
      400,
      'invalid',
    );
    expect(e.details?.map((d) => d.path)).toContain('port_id');
  });

  it('allocates once for a repeated Idempotency-Key, and refuses the key with another body (409)', async () => {
    const key = { 'Idempotency-Key': `fip-${t.name}` };
    const first = await t.member.post('/floating-ips', { external_network_id: ext.id, description: 'once' }, key);
    expect(first.status).toBe(201);
    const again = await t.member.post('/floating-ips', { external_network_id: ext.id, description: 'once' }, key);
    expect(again.status).toBe(201);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect(again.body.floating_ip.id).toBe(first.body.floating_ip.id);
    expectError(await t.member.post('/floating-ips', { external_network_id: ext.id, description: 'twice' }, key), 409);
    const listed = await t.member.get('/floating-ips?name=once');
    expect(listed.body.total_count, 'one address was taken, not two').toBe(1);
  });

  it('stops at the floating_ips quota with a 409 naming it', async () => {
    const small = await newTenant(admin, { quotas: { floating_ips: 1 } });
    await create(small.member, { external_network_id: ext.id });
    const e = expectError(
      await small.member.post('/floating-ips', { external_network_id: ext.id }),
      409,
      'quota_exceeded',
    );
    expect(e.message).toContain('floating IPs quota exceeded: 1 of 1 used');
  });

  it('says when the external network has no address left (409)', async () => {
    const tiny = (await admin.post('/networks', { name: `fip-tiny-${t.name}`, external: true })).body.network;
    await admin.post(`/networks/${tiny.id}/subnets`, { name: 'tiny', cidr: '198.51.100.240/30' });
    await create(t.member, { external_network_id: tiny.id });
    expect(
      expectError(await t.member.post('/floating-ips', { external_network_id: tiny.id }), 409, 'conflict').message,
    ).toContain('no free address');
  });
});

describe('6.4 b PUT /floating-ips/{id}', () => {
  it('binds, rebinds to another port and unbinds (port_id null)', async () => {
    const f = await create(t.member, { external_network_id: ext.id });
    const a1 = web1.addresses[0]!;
    const a2 = web2.addresses[0]!;
    const bound = await t.member.put(`/floating-ips/${f.id}`, { port_id: a1.port_id, fixed_ip_address: a1.private_ip });
    expect(bound.status).toBe(200);
    expect(bound.body.floating_ip).toMatchObject({
      status: boundStatus,
      port_id: a1.port_id,
      fixed_ip_address: a1.private_ip,
      floating_ip_address: f.floating_ip_address,
    });
    const moved = await t.member.put(`/floating-ips/${f.id}`, { port_id: a2.port_id });
    expect(moved.body.floating_ip).toMatchObject({
      status: boundStatus,
      port_id: a2.port_id,
      fixed_ip_address: a2.private_ip,
    });
    expect(moved.body.floating_ip.port_details.device_id).toBe(web2.id);
    expect(
      (await t.member.get(`/servers/${web1.id}`)).body.server.addresses[0].floating_ip,
      'the old server lost it',
    ).toBeNull();
    const unbound = await t.member.put(`/floating-ips/${f.id}`, { port_id: null });
    expect(unbound.body.floating_ip).toMatchObject({
      status: 'DOWN',
      port_id: null,
      fixed_ip_address: null,
      port_details: null,
    });
  });

  it('changes the description alone', async () => {
    const f = await create(t.member, { external_network_id: ext.id });
    const r = await t.member.put(`/floating-ips/${f.id}`, { description: 'renamed' });
    expect(r.body.floating_ip).toMatchObject({ description: 'renamed', port_id: null });
  });

  it('refuses a port that already has a floating IP (409)', async () => {
    const a2 = web2.addresses[0]!;
    const first = await create(t.member, { external_network_id: ext.id, port_id: a2.port_id });
    const second = await create(t.member, { external_network_id: ext.id });
    const e = expectError(await t.member.put(`/floating-ips/${second.id}`, { port_id: a2.port_id }), 409, 'conflict');
    expect(e.message).toContain(`already has floating IP ${first.floating_ip_address}`);
    await t.member.put(`/floating-ips/${first.id}`, { port_id: null });
  });

  it('refuses bad input with a 400 naming the field', async () => {
    const f = await create(t.member, { external_network_id: ext.id });
    expect(
      expectError(await t.member.put(`/floating-ips/${f.id}`, { fixed_ip_address: '10.0.0.9' }), 400).details?.map(
        (d) => d.path,
      ),
    ).toContain('fixed_ip_address');
    expect(
      expectError(await t.member.put(`/floating-ips/${f.id}`, { port_id: 'nope' }), 400).details?.map((d) => d.path),
    ).toContain('port_id');
    expect(
      expectError(await t.member.put(`/floating-ips/${f.id}`, { port_id: 42 }), 400).details?.map((d) => d.path),
    ).toContain('port_id');
  });
});

describe('GET, list and DELETE', () => {
  it('lists the project’s floating IPs with total_count, status filter and sort', async () => {
    const mine = await create(t.member, { external_network_id: ext.id });
    const foreign = await create(other.member, { external_network_id: ext.id });
    const r = await t.member.get('/floating-ips?limit=100');
    expect(r.status).toBe(200);
    expect(r.body.total_count).toBe(r.body.floating_ips.length);
    const ids = r.body.floating_ips.map((f: any) => f.id);
    expect(ids).toContain(mine.id);
    expect(ids).not.toContain(foreign.id);
    const down = await t.member.get('/floating-ips?status=DOWN&limit=100');
    expect(down.body.floating_ips.every((f: any) => f.status === 'DOWN')).toBe(true);
    const sorted = await t.member.get('/floating-ips?sort=floating_ip_address&limit=100&name=203.0.113.');
    const addrs = sorted.body.floating_ips.map((f: any) => Number(f.floating_ip_address.split('.')[3]));
    expect(addrs).toEqual([...addrs].sort((a, b) => a - b));
    const page = await t.member.get('/floating-ips?limit=1');
    expect(page.body.floating_ips).toHaveLength(1);
    expect(page.body.total_count).toBe(r.body.total_count);
    expect(expectError(await t.member.get('/floating-ips?status=UP'), 400).details?.map((d) => d.path)).toContain(
      'status',
    );
  });

  it('reads one (200) and deletes it (204), also through the B.45 POST alias', async () => {
    const f = await create(t.member, { external_network_id: ext.id });
    expect((await t.member.get(`/floating-ips/${f.id}`)).body.floating_ip).toEqual(f);
    expect((await t.member.delete(`/floating-ips/${f.id}`)).status).toBe(204);
    expectError(await t.member.get(`/floating-ips/${f.id}`), 404, 'not_found');
    const g = await create(t.member, { external_network_id: ext.id, port_id: web1.addresses[0]!.port_id });
    expect((await t.member.post(`/floating-ips/${g.id}/delete`)).status).toBe(204);
    expectError(await t.member.get(`/floating-ips/${g.id}`), 404, 'not_found');
    expectError(await t.member.post(`/floating-ips/${g.id}/delete`), 404, 'not_found');
    expect((await t.member.get(`/servers/${web1.id}`)).body.server.addresses[0].floating_ip).toBeNull();
  });
});

describe('authorization', () => {
  it('answers another tenant 404 for every operation on a floating IP', async () => {
    const f = await create(t.member, { external_network_id: ext.id });
    expectError(await other.member.get(`/floating-ips/${f.id}`), 404, 'not_found');
    expectError(await other.member.put(`/floating-ips/${f.id}`, { description: 'x' }), 404, 'not_found');
    expectError(await other.member.delete(`/floating-ips/${f.id}`), 404, 'not_found');
    expectError(await other.member.post(`/floating-ips/${f.id}/delete`), 404, 'not_found');
    expect((await t.member.get(`/floating-ips/${f.id}`)).body.floating_ip.description).toBe('');
  });

  it('answers the reader 403 on every change', async () => {
    const f = await create(t.member, { external_network_id: ext.id });
    expectError(await t.reader.post('/floating-ips', { external_network_id: ext.id }), 403, 'forbidden');
    expectError(await t.reader.put(`/floating-ips/${f.id}`, { port_id: web1.addresses[0]!.port_id }), 403, 'forbidden');
    expectError(await t.reader.delete(`/floating-ips/${f.id}`), 403, 'forbidden');
    expectError(await t.reader.post(`/floating-ips/${f.id}/delete`), 403, 'forbidden');
    expect((await t.reader.get(`/floating-ips/${f.id}`)).status).toBe(200);
  });
});
