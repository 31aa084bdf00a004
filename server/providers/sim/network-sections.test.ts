import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../db/client';
import type { CloudProvider, ProviderContext } from '../types';

// The network half of the simulator driven directly (no HTTP), on a fresh embedded database with the demo seed.
let db: Db;
let dir: string;
let sim: CloudProvider;
let ctx: ProviderContext;
let imageId: string;

const list = { limit: 100, offset: 0 };

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'yuntu-net-'));
  process.env.YUNTU_DATA_DIR = dir;
  // Slow enough that a transitional status is still there on the next call, even on a busy machine.
  process.env.SIM_SPEED = '10';
  const { openDb } = await import('../../db/client');
  const { seedDemo } = await import('../../seed/demo');
  const { createSimProvider } = await import('./index');
  db = await openDb({ dir: path.join(dir, 'pg') });
  await seedDemo(db);
  sim = createSimProvider({ db: async () => db });
  const project = (await db.query<{ id: string }>(`SELECT id FROM sim_projects WHERE name = 'gis-demo'`))[0]!.id;
  ctx = {
    principal: { userId: 'u', userName: 'u', projectId: project, projectName: 'gis-demo', roles: ['member'] },
    projectId: project,
    allProjects: false,
    requestId: 'r',
  };
  imageId = (await db.query<{ id: string }>(`SELECT id FROM sim_images WHERE name LIKE 'cirros%'`))[0]!.id;
}, 120_000);

afterAll(async () => {
  await db?.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

const settled = () => new Promise((r) => setTimeout(r, 30));
const untilActive = async (id: string) => {
  for (let i = 0; i < 200 && (await sim.loadBalancers.get(ctx, id)).status !== 'active'; i++)
    await new Promise((r) => setTimeout(r, 20));
};
const server = async (name: string) => {
  const s = await sim.servers.create(ctx, {
    name,
    description: '',
    flavor_id: 's1.small',
    image_id: imageId,
    networks: [],
    block_devices: [],
    metadata: {},
    security_group_ids: [],
  });
  return s;
};

describe('networks', () => {
  it('lists own, shared and external networks, and refuses overlaps within a network', async () => {
    const nets = await sim.networks.list(ctx, list);
    expect(nets.items.map((n) => n.name).sort()).toEqual(['ext-net', 'gis-demo-net']);
    const n = await sim.networks.create(ctx, { name: 'n1', external: false });
    const a = await sim.networks.createSubnet(ctx, n.id, { name: 'a', cidr: '10.9.0.0/24' });
    expect(a.subnet).toMatchObject({ cidr: '10.9.0.0/24', gateway_ip: '10.9.0.1', ip_version: 4 });
    expect(a.warnings).toEqual([]);
    await expect(sim.networks.createSubnet(ctx, n.id, { name: 'b', cidr: '10.9.0.128/25' })).rejects.toMatchObject({
      kind: 'conflict',
    });
    const n2 = await sim.networks.create(ctx, { name: 'n2', external: false });
    const c = await sim.networks.createSubnet(ctx, n2.id, { name: 'c', cidr: '10.9.0.0/16' });
    expect(c.warnings[0]).toContain('overlaps subnet a');
    const got = await sim.networks.get(ctx, n.id);
    expect(got.subnets.map((s) => s.name)).toEqual(['a']);
    await sim.networks.remove(ctx, n2.id);
    await expect(sim.networks.get(ctx, n2.id)).rejects.toMatchObject({ kind: 'not_found' });
  });

  it('refuses deleting a network with a server on it, naming the server', async () => {
    const s = await server('net-user');
    const net = s.addresses[0]!.network_id;
    await expect(sim.networks.remove(ctx, net)).rejects.toThrow(/server net-user/);
    await expect(sim.networks.removeSubnet(ctx, s.addresses[0]!.subnet_id!)).rejects.toThrow(/server net-user/);
    await sim.servers.remove(ctx, s.id);
  });
});

describe('floating and public IPs', () => {
  it('creates, binds, rebinds, unbinds and deletes a floating IP', async () => {
    const ext = (await sim.networks.list(ctx, { ...list, external: 'true' })).items[0]!;
    const s = await server('fip-target');
    const portId = s.addresses[0]!.port_id!;
    const f = await sim.floatingIps.create(ctx, { external_network_id: ext.id, description: 'd' });
    expect(f).toMatchObject({ status: 'DOWN', port_id: null, port_details: null, external_network_id: ext.id });
    expect(f.floating_ip_address).toMatch(/^203\.0\.113\./);
    const b = await sim.floatingIps.update(ctx, f.id, { port_id: portId });
    expect(b).toMatchObject({ status: 'ACTIVE', port_id: portId, fixed_ip_address: s.addresses[0]!.private_ip });
    expect(b.port_details).toMatchObject({ device_id: s.id, network_id: s.addresses[0]!.network_id });
    await settled();
    expect((await sim.servers.get(ctx, s.id)).addresses[0]!.floating_ip).toBe(f.floating_ip_address);
    const g = await sim.floatingIps.create(ctx, { external_network_id: ext.id, description: '' });
    await expect(sim.floatingIps.update(ctx, g.id, { port_id: portId })).rejects.toMatchObject({ kind: 'conflict' });
    const u = await sim.floatingIps.update(ctx, f.id, { port_id: null });
    expect(u).toMatchObject({ status: 'DOWN', port_id: null, fixed_ip_address: null });
    const page = await sim.floatingIps.list(ctx, { ...list, sort: 'floating_ip_address' });
    expect(page.total).toBe(2);
    await sim.floatingIps.remove(ctx, f.id);
    await sim.floatingIps.remove(ctx, g.id);
    await sim.servers.remove(ctx, s.id);
  });

  it('takes a floating IP from the next IPv4 subnet when the first is full', async () => {
    const ext = await sim.networks.create(ctx, { name: 'ext-small', external: true });
    await sim.networks.createSubnet(ctx, ext.id, { name: 'first', cidr: '198.51.100.0/30' });
    await sim.networks.createSubnet(ctx, ext.id, { name: 'second', cidr: '198.51.100.4/30' });
    const a = await sim.floatingIps.create(ctx, { external_network_id: ext.id, description: '' });
    const b = await sim.floatingIps.create(ctx, { external_network_id: ext.id, description: '' });
    expect([a.floating_ip_address, b.floating_ip_address]).toEqual(['198.51.100.2', '198.51.100.6']);
    await expect(sim.floatingIps.create(ctx, { external_network_id: ext.id, description: '' })).rejects.toThrow(
      /external network ext-small has no free address left/,
    );
    await expect(
      sim.floatingIps.create(ctx, {
        external_network_id: ext.id,
        floating_ip_address: '198.51.100.6',
        description: '',
      }),
    ).rejects.toThrow(/already in use/);
    for (const f of [a, b]) await sim.floatingIps.remove(ctx, f.id);
    await sim.networks.remove(ctx, ext.id);
  });

  it('binds a public IP by private address and refuses deleting it while bound', async () => {
    const s = await server('pip-target');
    const p = await sim.publicIps.create(ctx, { name: 'p', ip_version: 4 });
    expect(p).toMatchObject({ status: 'available', server_id: null, private_ip: null, ip_version: 4 });
    const b = await sim.publicIps.bind(ctx, p.id, { private_ip: s.addresses[0]!.private_ip });
    expect(b).toMatchObject({ status: 'bound', server_id: s.id, private_ip: s.addresses[0]!.private_ip });
    await expect(sim.publicIps.remove(ctx, p.id)).rejects.toMatchObject({ kind: 'conflict' });
    await expect(sim.publicIps.unbind(ctx, p.id, { server_id: 'other' })).rejects.toMatchObject({ kind: 'conflict' });
    await sim.publicIps.unbind(ctx, p.id, { server_id: s.id });
    await sim.publicIps.remove(ctx, p.id);
    const v6 = await sim.publicIps.create(ctx, { name: 'v6', ip_version: 6 });
    expect(v6.ip_address).toMatch(/^2001:db8:100:/);
    await expect(sim.publicIps.bind(ctx, v6.id, { server_id: s.id })).rejects.toThrow(/no IPv6 address/);
    await sim.publicIps.remove(ctx, v6.id);
    await sim.servers.remove(ctx, s.id);
  });
});

describe('load balancers', () => {
  it('goes creating → active, then takes members and listeners one change at a time', async () => {
    const lb = await sim.loadBalancers.create(ctx, { name: 'lb', description: '' });
    expect(lb.status).toBe('creating');
    expect(lb.ip_address).toMatch(/^192\.168\.30\./);
    await expect(sim.loadBalancers.addListener(ctx, lb.id, { protocol: 'HTTP', port: 80 })).rejects.toThrow(/creating/);
    await untilActive(lb.id);
    const s = await server('member');
    const withMember = await sim.loadBalancers.changeMembers(ctx, lb.id, { op: 'add', server_id: s.id, port: 8080 });
    expect(withMember.status).toBe('updating');
    expect(withMember.members).toEqual([
      { id: s.id, name: 'member', ip_address: s.addresses[0]!.private_ip, port: 8080 },
    ]);
    await untilActive(lb.id);
    await expect(
      sim.loadBalancers.changeMembers(ctx, lb.id, { op: 'add', server_id: s.id, port: 80 }),
    ).rejects.toMatchObject({ kind: 'conflict' });
    const withListener = await sim.loadBalancers.addListener(ctx, lb.id, { protocol: 'TCP', port: 443 });
    expect(withListener.port).toBe(443);
    await untilActive(lb.id);
    await expect(sim.loadBalancers.addListener(ctx, lb.id, { protocol: 'HTTP', port: 443 })).rejects.toThrow(
      /already used/,
    );
    await sim.loadBalancers.changeMembers(ctx, lb.id, { op: 'remove', server_ip: s.addresses[0]!.private_ip });
    await untilActive(lb.id);
    await expect(sim.loadBalancers.changeMembers(ctx, lb.id, { op: 'remove', server_id: s.id })).rejects.toMatchObject({
      kind: 'not_found',
    });
    expect((await sim.loadBalancers.list(ctx, { ...list, status: 'active' })).items.map((x) => x.id)).toContain(lb.id);
    await sim.loadBalancers.remove(ctx, lb.id);
    await sim.servers.remove(ctx, s.id);
  });
});

describe('security groups', () => {
  it('creates a group with egress rules, refuses duplicate rules and deleting a used group', async () => {
    const g = await sim.securityGroups.create(ctx, { name: 'web', description: '' });
    expect(g.rules.map((r) => `${r.direction}/${r.ethertype}`)).toEqual(['egress/IPv4', 'egress/IPv6']);
    const rule = await sim.securityGroups.createRule(ctx, {
      security_group_id: g.id,
      direction: 'ingress',
      ethertype: 'IPv4',
      protocol: 'tcp',
      remote_ip_prefix: '10.0.0.7/24',
      port_range_min: 22,
      port_range_max: 22,
      description: '',
    });
    expect(rule.remote_ip_prefix).toBe('10.0.0.0/24');
    await expect(
      sim.securityGroups.createRule(ctx, {
        security_group_id: g.id,
        direction: 'ingress',
        ethertype: 'IPv4',
        protocol: 'tcp',
        remote_ip_prefix: '10.0.0.0/24',
        port_range_min: 22,
        port_range_max: 22,
        description: 'again',
      }),
    ).rejects.toMatchObject({ kind: 'conflict' });
    const s = await sim.servers.create(ctx, {
      name: 'sg-user',
      description: '',
      flavor_id: 's1.small',
      image_id: imageId,
      networks: [],
      block_devices: [],
      metadata: {},
      security_group_ids: [g.id],
    });
    expect((await sim.securityGroups.get(ctx, g.id)).server_ids).toEqual([s.id]);
    await expect(sim.securityGroups.remove(ctx, g.id)).rejects.toThrow(/sg-user/);
    await sim.servers.remove(ctx, s.id);
    await sim.securityGroups.removeRule(ctx, rule.id);
    await sim.securityGroups.remove(ctx, g.id);
    expect((await sim.securityGroups.list(ctx, list)).items.map((x) => x.name)).toEqual(['default']);
  });
});
