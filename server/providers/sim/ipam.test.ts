import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../db/client';
import { ipInCidr } from '@/lib/network/ip';
import { allocatePort, isSubnetFull } from './ipam';

describe('allocatePort', () => {
  let db: Db;
  let dir: string;
  const subnet = async (cidr: string, gateway: string | null, version = 4) => {
    const id = `sub-${Math.random().toString(36).slice(2)}`;
    await db.query(
      `INSERT INTO sim_subnets (id, network_id, project_id, name, cidr, gateway_ip, ip_version, created_at) VALUES ($1,'net','p',$1,$2,$3,$4,now())`,
      [id, cidr, gateway, version],
    );
    return id;
  };
  const device = (id: string) => ({ type: 'server', id, projectId: 'p', name: id });

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'yuntu-ipam-'));
    process.env.YUNTU_DATA_DIR ??= dir;
    const { openDb } = await import('../../db/client');
    db = await openDb({ dir: path.join(dir, 'pg') });
    await db.query(`INSERT INTO sim_networks (id, project_id, name, created_at) VALUES ('net','p','net',now())`);
  }, 60_000);
  afterAll(async () => {
    await db?.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('gives the lowest free address, skipping the gateway and addresses in use', async () => {
    const s = await subnet('10.1.0.0/24', '10.1.0.1');
    const a = await db.tx((q) => allocatePort(q, s, device('a')));
    const b = await db.tx((q) => allocatePort(q, s, device('b')));
    expect([a.ip_address, b.ip_address]).toEqual(['10.1.0.2', '10.1.0.3']);
    expect(a.mac_address).toMatch(/^fa:16:3e(:[0-9a-f]{2}){3}$/);
    await db.query('DELETE FROM sim_ports WHERE id = $1', [a.id]);
    expect((await db.tx((q) => allocatePort(q, s, device('c')))).ip_address, 'a released address is reused').toBe(
      '10.1.0.2',
    );
  });

  it('honours a requested address, refusing one in use (409) or outside the subnet (400)', async () => {
    const s = await subnet('10.2.0.0/24', '10.2.0.1');
    expect((await db.tx((q) => allocatePort(q, s, device('a'), '10.2.0.50'))).ip_address).toBe('10.2.0.50');
    await expect(db.tx((q) => allocatePort(q, s, device('b'), '10.2.0.50'))).rejects.toMatchObject({
      kind: 'conflict',
    });
    await expect(
      db.tx((q) => allocatePort(q, s, device('b'), '10.2.0.1')),
      'the gateway is taken',
    ).rejects.toMatchObject({ kind: 'conflict' });
    for (const bad of ['10.3.0.5', '10.2.0.0', '10.2.0.255', '2001:db8::1', 'x'])
      await expect(
        db.tx((q) => allocatePort(q, s, device('b'), bad, 'fixed_ip')),
        bad,
      ).rejects.toMatchObject({ kind: 'invalid', details: [{ path: 'fixed_ip' }] });
  });

  it('says when a subnet is full', async () => {
    const s = await subnet('10.4.0.0/30', '10.4.0.1');
    expect((await db.tx((q) => allocatePort(q, s, device('a')))).ip_address).toBe('10.4.0.2');
    const full = await db.tx((q) => allocatePort(q, s, device('b'))).catch((e: unknown) => e);
    expect(full).toMatchObject({ kind: 'conflict', message: expect.stringContaining('no free address') });
    expect(isSubnetFull(full), 'callers can tell a full subnet from other conflicts').toBe(true);
    const taken = await db.tx((q) => allocatePort(q, s, device('c'), '10.4.0.2')).catch((e: unknown) => e);
    expect(taken).toMatchObject({ kind: 'conflict' });
    expect(isSubnetFull(taken)).toBe(false);
  });

  it('allocates distinct IPv6 addresses inside the prefix', async () => {
    const s = await subnet('2001:db8:5::/64', '2001:db8:5::1', 6);
    const ips = new Set<string>();
    for (let i = 0; i < 20; i++) ips.add((await db.tx((q) => allocatePort(q, s, device(`v6-${i}`)))).ip_address);
    expect(ips.size).toBe(20);
    for (const ip of ips) expect(ipInCidr(ip, '2001:db8:5::/64'), ip).toBe(true);
  });

  it('answers 404 for an unknown subnet', async () => {
    await expect(db.tx((q) => allocatePort(q, 'nope', device('a')))).rejects.toMatchObject({ kind: 'not_found' });
  });
});
