import { beforeAll, describe, expect, it } from 'vitest';
import { deleteAndWait, demo, expectError, newTenant, signIn, type Client } from './client';
import { activeServer, cirrosImageId } from './network-fixtures';

let admin: Client;
let t: Awaited<ReturnType<typeof newTenant>>;
let other: Awaited<ReturnType<typeof newTenant>>;
let imageId: string;

beforeAll(async () => {
  admin = await signIn(demo.admin);
  t = await newTenant(admin, { quotas: { security_groups: 50 } });
  other = await newTenant(admin);
  imageId = await cirrosImageId(t.member);
});

const createGroup = async (c: Client, name: string, description = '') => {
  const r = await c.post('/security-groups', { name, description });
  expect(r.status, JSON.stringify(r.body)).toBe(201);
  return r.body.security_group;
};
const createRule = async (c: Client, body: Record<string, unknown>) => {
  const r = await c.post('/security-group-rules', body);
  expect(r.status, JSON.stringify(r.body)).toBe(201);
  return r.body.security_group_rule;
};
const ruleFields = [
  'description',
  'direction',
  'ethertype',
  'id',
  'port_range_max',
  'port_range_min',
  'protocol',
  'remote_group_id',
  'remote_ip_prefix',
  'security_group_id',
];

describe('B.64-B.66 POST /security-groups', () => {
  it('creates a group (201) with Neutron’s default egress rules and every B.65 field', async () => {
    const r = await t.member.post('/security-groups', { name: 'web', description: 'HTTP servers' });
    expect(r.status).toBe(201);
    const g = r.body.security_group;
    expect(g).toMatchObject({ name: 'web', description: 'HTTP servers', project_id: t.projectId, server_ids: [] });
    expect(g.id).toBeTruthy();
    expect(g.created_at).toMatch(/Z$/);
    expect(g.rules).toHaveLength(2);
    for (const [i, ethertype] of ['IPv4', 'IPv6'].entries()) {
      expect(Object.keys(g.rules[i]).sort()).toEqual(ruleFields);
      expect(g.rules[i]).toMatchObject({
        security_group_id: g.id,
        direction: 'egress',
        ethertype,
        protocol: null,
        remote_ip_prefix: null,
        remote_group_id: null,
        port_range_min: null,
        port_range_max: null,
      });
    }
  });

  it("takes the standard's optional name (B.64: a group without one is named sg-…), refuses the reserved name default (409)", async () => {
    const unnamed = await t.member.post('/security-groups', { description: 'x' });
    expect(unnamed.status, JSON.stringify(unnamed.body)).toBe(201);
    expect(unnamed.body.security_group.name).toMatch(/^sg-[0-9a-f]{8}$/);
    expect((await t.member.post('/security-groups', {})).body.security_group.name).toMatch(/^sg-[0-9a-f]{8}$/);
    expect(
      expectError(await t.member.post('/security-groups', { name: 'x'.repeat(256) }), 400, 'invalid').details?.map(
        (d) => d.path,
      ),
    ).toContain('name');
    expect(
      expectError(
        await t.member.post('/security-groups', { name: 'x', description: 'd'.repeat(2000) }),
        400,
        'invalid',
      ).details?.map((d) => d.path),
    ).toContain('description');
    expect(
      expectError(await t.member.post('/security-groups', { name: 'default' }), 409, 'conflict').message,
    ).toContain('default');
  });

  it('stops at the security_groups quota, counting the default group (409 naming it)', async () => {
    const small = await newTenant(admin, { quotas: { security_groups: 2 } });
    await createGroup(small.member, 'one-more');
    const e = expectError(await small.member.post('/security-groups', { name: 'too-many' }), 409, 'quota_exceeded');
    expect(e.message).toContain('security groups quota exceeded: 2 of 2 used');
  });
});

describe('B.68-B.70 GET and list', () => {
  it('lists the project’s groups, the default one with its rules, with total_count, filter and sort', async () => {
    await createGroup(t.member, 'zz-listed');
    const foreign = await createGroup(other.member, 'zz-listed');
    const r = await t.member.get('/security-groups?limit=100');
    expect(r.status).toBe(200);
    expect(r.body.total_count).toBe(r.body.security_groups.length);
    expect(r.body.security_groups.map((g: any) => g.id)).not.toContain(foreign.id);
    const def = r.body.security_groups.find((g: any) => g.name === 'default');
    expect(
      def.rules
        .map((x: any) => `${x.direction}/${x.ethertype}/${x.remote_group_id === def.id ? 'self' : 'any'}`)
        .sort(),
    ).toEqual(['egress/IPv4/any', 'egress/IPv6/any', 'ingress/IPv4/self', 'ingress/IPv6/self']);
    expect((await t.member.get('/security-groups?name=zz-listed')).body).toMatchObject({
      total_count: 1,
      security_groups: [{ name: 'zz-listed' }],
    });
    const sorted = (await t.member.get('/security-groups?sort=-name&limit=100')).body.security_groups.map(
      (g: any) => g.name,
    );
    expect(sorted).toEqual([...sorted].sort().reverse());
    expect(expectError(await t.member.get('/security-groups?sort=rules'), 400).details?.map((d) => d.path)).toContain(
      'sort',
    );
  });

  it('reads one with its rules and the servers using it', async () => {
    const g = await createGroup(t.member, 'used');
    const s = await activeServer(t.member, imageId, 'sg-user', { security_group_ids: [g.id] });
    const r = await t.member.get(`/security-groups/${g.id}`);
    expect(r.status).toBe(200);
    expect(r.body.security_group).toMatchObject({ id: g.id, name: 'used', server_ids: [s.id], rules: g.rules });
    expect((await t.member.get(`/servers/${s.id}`)).body.server.security_groups).toEqual([{ id: g.id, name: 'used' }]);
    await t.member.delete(`/servers/${s.id}`);
  });
});

describe('B.67 DELETE /security-groups/{id}', () => {
  it('refuses deleting a group used by a server (409 naming the server), then deletes it (204)', async () => {
    const g = await createGroup(t.member, 'in-use');
    const s = await activeServer(t.member, imageId, 'guarded', { security_group_ids: [g.id] });
    const e = expectError(await t.member.delete(`/security-groups/${g.id}`), 409, 'conflict');
    expect(e.message).toContain(`guarded (${s.id})`);
    await deleteAndWait(t.member, `/servers/${s.id}`);
    expect((await t.member.delete(`/security-groups/${g.id}`)).status).toBe(204);
    expectError(await t.member.get(`/security-groups/${g.id}`), 404, 'not_found');
    expectError(await t.member.delete(`/security-groups/${g.id}`), 404, 'not_found');
  });

  it('refuses deleting the default group, and a group other rules name as their remote (409)', async () => {
    const def = (await t.member.get('/security-groups?name=default')).body.security_groups.find(
      (g: any) => g.name === 'default',
    );
    expect(expectError(await t.member.delete(`/security-groups/${def.id}`), 409, 'conflict').message).toContain(
      'default',
    );
    const app = await createGroup(t.member, 'app');
    const db = await createGroup(t.member, 'db');
    const rule = await createRule(t.member, {
      security_group_id: db.id,
      protocol: 'tcp',
      port_range_min: 5432,
      port_range_max: 5432,
      remote_group_id: app.id,
    });
    expect(expectError(await t.member.delete(`/security-groups/${app.id}`), 409, 'conflict').message).toContain(
      'security group db',
    );
    expect((await t.member.delete(`/security-group-rules/${rule.id}`)).status).toBe(204);
    expect((await t.member.delete(`/security-groups/${app.id}`)).status).toBe(204);
  });
});

describe('B.71-B.73 security group rules', () => {
  it('creates a rule (201) with every B.72 field and shows it in the group', async () => {
    const g = await createGroup(t.member, 'ssh');
    const r = await t.member.post('/security-group-rules', {
      security_group_id: g.id,
      protocol: 'tcp',
      port_range_min: 22,
      port_range_max: 22,
      remote_ip_prefix: '192.0.2.0/24',
      description: 'admins',
    });
    expect(r.status).toBe(201);
    const rule = r.body.security_group_rule;
    expect(Object.keys(rule).sort()).toEqual(ruleFields);
    expect(rule).toMatchObject({
      security_group_id: g.id,
      direction: 'ingress',
      ethertype: 'IPv4',
      protocol: 'tcp',
      port_range_min: 22,
      port_range_max: 22,
      remote_ip_prefix: '192.0.2.0/24',
      remote_group_id: null,
      description: 'admins',
    });
    expect((await t.member.get(`/security-group-rules/${rule.id}`)).body.security_group_rule).toEqual(rule);
    expect((await t.member.get(`/security-groups/${g.id}`)).body.security_group.rules.map((x: any) => x.id)).toContain(
      rule.id,
    );
  });

  it('accepts icmp type/code, IPv6 prefixes, any protocol and a remote group of the project', async () => {
    const g = await createGroup(t.member, 'varied');
    expect(
      await createRule(t.member, { security_group_id: g.id, protocol: 'icmp', port_range_min: 8, port_range_max: 0 }),
    ).toMatchObject({ port_range_min: 8, port_range_max: 0 });
    expect(
      await createRule(t.member, {
        security_group_id: g.id,
        ethertype: 'IPv6',
        protocol: 'udp',
        port_range_min: 53,
        port_range_max: 53,
        remote_ip_prefix: '2001:db8::/32',
      }),
    ).toMatchObject({
      ethertype: 'IPv6',
      remote_ip_prefix: '2001:db8::/32',
    });
    expect(
      await createRule(t.member, { security_group_id: g.id, direction: 'egress', remote_group_id: g.id }),
    ).toMatchObject({ protocol: null, remote_group_id: g.id });
  });

  it('refuses a duplicate rule (409), however its prefix is spelled', async () => {
    const g = await createGroup(t.member, 'dups');
    const first = await createRule(t.member, {
      security_group_id: g.id,
      protocol: 'tcp',
      port_range_min: 80,
      port_range_max: 80,
      remote_ip_prefix: '10.1.2.0/24',
    });
    expect(first.remote_ip_prefix).toBe('10.1.2.0/24');
    const e = expectError(
      await t.member.post('/security-group-rules', {
        security_group_id: g.id,
        protocol: 'tcp',
        port_range_min: 80,
        port_range_max: 80,
        remote_ip_prefix: '10.1.2.3/24',
        description: 'again',
      }),
      409,
      'conflict',
    );
    expect(e.message).toContain(first.id);
    expectError(
      await t.member.post('/security-group-rules', { security_group_id: g.id, direction: 'egress' }),
      409,
      'conflict',
    );
  });

  it('refuses bad rules with a 400 naming the field', async () => {
    const g = await createGroup(t.member, 'bad-rules');
    const foreign = await createGroup(other.member, 'theirs');
    const cases: [Record<string, unknown>, string][] = [
      [{}, 'security_group_id'],
      [{ security_group_id: g.id, direction: 'sideways' }, 'direction'],
      [{ security_group_id: g.id, ethertype: 'IPX' }, 'ethertype'],
      [{ security_group_id: g.id, protocol: 'sctp' }, 'protocol'],
      [{ security_group_id: g.id, protocol: 'tcp', port_range_min: 100, port_range_max: 10 }, 'port_range_min'],
      [{ security_group_id: g.id, protocol: 'tcp', port_range_min: 0, port_range_max: 10 }, 'port_range_min'],
      [{ security_group_id: g.id, protocol: 'udp', port_range_min: 53 }, 'port_range_max'],
      [{ security_group_id: g.id, protocol: 'icmp', port_range_min: 300 }, 'port_range_min'],
      [{ security_group_id: g.id, port_range_min: 22, port_range_max: 22 }, 'port_range_min'],
      [{ security_group_id: g.id, remote_ip_prefix: '10.0.0.0/33' }, 'remote_ip_prefix'],
      [{ security_group_id: g.id, remote_ip_prefix: '2001:db8::/32' }, 'remote_ip_prefix'],
      [{ security_group_id: g.id, remote_ip_prefix: '10.0.0.0/8', remote_group_id: g.id }, 'remote_group_id'],
      [{ security_group_id: g.id, remote_group_id: foreign.id }, 'remote_group_id'],
      [{ security_group_id: g.id, remote_group_id: 'no-such-group' }, 'remote_group_id'],
    ];
    for (const [body, path] of cases) {
      const e = expectError(await t.member.post('/security-group-rules', body), 400, 'invalid');
      expect(
        e.details?.map((d) => d.path),
        JSON.stringify(body),
      ).toContain(path);
    }
    expect(
      (await t.member.get(`/security-groups/${g.id}`)).body.security_group.rules,
      'nothing was added',
    ).toHaveLength(2);
  });

  it('deletes a rule (204), then answers 404', async () => {
    const g = await createGroup(t.member, 'shrinking');
    const rule = await createRule(t.member, {
      security_group_id: g.id,
      protocol: 'tcp',
      port_range_min: 443,
      port_range_max: 443,
    });
    expect((await t.member.delete(`/security-group-rules/${rule.id}`)).status).toBe(204);
    expectError(await t.member.get(`/security-group-rules/${rule.id}`), 404, 'not_found');
    expectError(await t.member.delete(`/security-group-rules/${rule.id}`), 404, 'not_found');
    const egress = (await t.member.get(`/security-groups/${g.id}`)).body.security_group.rules[0];
    expect(
      (await t.member.delete(`/security-group-rules/${egress.id}`)).status,
      'default egress rules can go too',
    ).toBe(204);
  });
});

describe('authorization', () => {
  it('answers another tenant 404 for every operation on a group and its rules', async () => {
    const g = await createGroup(t.member, 'private-sg');
    const rule = await createRule(t.member, {
      security_group_id: g.id,
      protocol: 'tcp',
      port_range_min: 22,
      port_range_max: 22,
    });
    expectError(await other.member.get(`/security-groups/${g.id}`), 404, 'not_found');
    expectError(await other.member.delete(`/security-groups/${g.id}`), 404, 'not_found');
    expectError(
      await other.member.post('/security-group-rules', { security_group_id: g.id, protocol: 'udp' }),
      404,
      'not_found',
    );
    expectError(await other.member.get(`/security-group-rules/${rule.id}`), 404, 'not_found');
    expectError(await other.member.delete(`/security-group-rules/${rule.id}`), 404, 'not_found');
    expect((await t.member.get(`/security-groups/${g.id}`)).body.security_group.rules).toHaveLength(3);
  });

  it('answers the reader 403 on every change', async () => {
    const g = await createGroup(t.member, 'read-only-sg');
    const rule = await createRule(t.member, {
      security_group_id: g.id,
      protocol: 'tcp',
      port_range_min: 22,
      port_range_max: 22,
    });
    expectError(await t.reader.post('/security-groups', { name: 'nope' }), 403, 'forbidden');
    expectError(await t.reader.delete(`/security-groups/${g.id}`), 403, 'forbidden');
    expectError(
      await t.reader.post('/security-group-rules', { security_group_id: g.id, protocol: 'udp' }),
      403,
      'forbidden',
    );
    expectError(await t.reader.delete(`/security-group-rules/${rule.id}`), 403, 'forbidden');
    expect((await t.reader.get(`/security-groups/${g.id}`)).status).toBe(200);
    expect((await t.reader.get(`/security-group-rules/${rule.id}`)).status).toBe(200);
  });
});
