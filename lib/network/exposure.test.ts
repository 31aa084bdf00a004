import { describe, expect, it } from 'vitest';
import {
  findRedundantRules,
  formatRanges,
  isWorldOpen,
  mergeRanges,
  ruleCovers,
  serverExposure,
  worldExposure,
  type Rule,
} from './exposure';

let seq = 0;
const rule = (p: Partial<Rule>): Rule => ({
  id: `r${++seq}`,
  direction: 'ingress',
  ethertype: 'IPv4',
  protocol: 'tcp',
  remote_group_id: null,
  remote_ip_prefix: '0.0.0.0/0',
  port_range_min: null,
  port_range_max: null,
  ...p,
});
const tcp = (min: number, max = min, remote: string | null = '0.0.0.0/0') =>
  rule({ protocol: 'tcp', port_range_min: min, port_range_max: max, remote_ip_prefix: remote });

describe('isWorldOpen', () => {
  it('counts /0 and missing remotes, not narrower prefixes, groups or egress', () => {
    expect(isWorldOpen(tcp(22))).toBe(true);
    expect(isWorldOpen(rule({ remote_ip_prefix: null })), 'no remote means anywhere').toBe(true);
    expect(isWorldOpen(rule({ ethertype: 'IPv6', remote_ip_prefix: '::/0' }))).toBe(true);
    expect(isWorldOpen(tcp(22, 22, '10.0.0.0/8'))).toBe(false);
    expect(isWorldOpen(rule({ remote_ip_prefix: null, remote_group_id: 'g1' }))).toBe(false);
    expect(isWorldOpen(rule({ direction: 'egress' }))).toBe(false);
  });
});

describe('ruleCovers', () => {
  it('compares protocol, ports and remote', () => {
    expect(ruleCovers(tcp(1, 1024), tcp(22)), 'wider range').toBe(true);
    expect(ruleCovers(tcp(22), tcp(1, 1024))).toBe(false);
    expect(ruleCovers(rule({ protocol: null }), tcp(22)), 'any protocol covers tcp').toBe(true);
    expect(ruleCovers(tcp(22), rule({ protocol: 'udp', port_range_min: 22, port_range_max: 22 }))).toBe(false);
    expect(ruleCovers(tcp(22, 22, '10.0.0.0/8'), tcp(22, 22, '10.1.0.0/16')), 'wider cidr').toBe(true);
    expect(ruleCovers(tcp(22, 22, '10.1.0.0/16'), tcp(22, 22, '10.0.0.0/8'))).toBe(false);
    expect(
      ruleCovers(
        tcp(22),
        rule({ protocol: 'tcp', port_range_min: 22, port_range_max: 22, remote_ip_prefix: null, remote_group_id: 'g' }),
      ),
      'world covers a group',
    ).toBe(true);
    expect(
      ruleCovers(
        tcp(22, 22, '10.0.0.0/8'),
        rule({ protocol: 'tcp', port_range_min: 22, port_range_max: 22, remote_ip_prefix: null, remote_group_id: 'g' }),
      ),
    ).toBe(false);
    expect(ruleCovers(tcp(22), { ...tcp(22), ethertype: 'IPv6', remote_ip_prefix: '::/0' }), 'other family').toBe(
      false,
    );
  });
  it('treats ICMP type/code', () => {
    const allIcmp = rule({ protocol: 'icmp' });
    const echo = rule({ protocol: 'icmp', port_range_min: 8, port_range_max: null });
    const echo0 = rule({ protocol: 'icmp', port_range_min: 8, port_range_max: 0 });
    expect(ruleCovers(allIcmp, echo)).toBe(true);
    expect(ruleCovers(echo, echo0)).toBe(true);
    expect(ruleCovers(echo0, echo)).toBe(false);
  });
});

describe('findRedundantRules', () => {
  it('flags covered rules and only the later of two identical ones', () => {
    const a = { ...tcp(1, 1024), groupId: 'g1' };
    const b = { ...tcp(22), groupId: 'g2' };
    const c = { ...tcp(3000), groupId: 'g1' };
    const d = { ...tcp(3000), groupId: 'g2' };
    const found = findRedundantRules([a, b, c, d]);
    expect(found, 'b inside a; d duplicates c').toEqual([
      { ruleId: b.id, groupId: 'g2', coveredBy: { ruleId: a.id, groupId: 'g1' } },
      { ruleId: d.id, groupId: 'g2', coveredBy: { ruleId: c.id, groupId: 'g1' } },
    ]);
  });
  it('finds nothing in disjoint rules', () => {
    expect(
      findRedundantRules([
        { ...tcp(22), groupId: 'g' },
        { ...tcp(80), groupId: 'g' },
      ]),
    ).toEqual([]);
  });
});

describe('worldExposure', () => {
  it('merges ranges across rules per family and protocol, ignoring private remotes', () => {
    const entries = worldExposure([
      tcp(22),
      tcp(80),
      tcp(81, 90),
      tcp(5432, 5432, '10.0.0.0/8'),
      rule({ protocol: 'icmp' }),
      { ...tcp(443), ethertype: 'IPv6', remote_ip_prefix: '::/0' },
    ]);
    expect(entries.map((e) => [e.ethertype, e.protocol, formatRanges(e), e.isAll])).toEqual([
      ['IPv4', 'tcp', '22, 80-90', false],
      ['IPv4', 'icmp', '', true],
      ['IPv6', 'tcp', '443', false],
    ]);
  });
  it('reports all traffic once when a rule opens every protocol', () => {
    const entries = worldExposure([tcp(22), rule({ protocol: null, remote_ip_prefix: null })]);
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({ protocol: 'any', isAll: true });
  });
  it('marks a full tcp range as all ports', () => {
    expect(worldExposure([tcp(1, 30000), tcp(30001, 65535)])[0]).toMatchObject({
      protocol: 'tcp',
      isAll: true,
      ranges: [],
    });
  });
});

describe('mergeRanges', () => {
  it('joins adjacent and overlapping runs', () => {
    expect(
      mergeRanges([
        { min: 80, max: 80 },
        { min: 22, max: 22 },
        { min: 81, max: 85 },
        { min: 84, max: 100 },
      ]),
    ).toEqual([
      { min: 22, max: 22 },
      { min: 80, max: 100 },
    ]);
  });
});

describe('serverExposure', () => {
  it('unions the rules of all the server’s groups', () => {
    const web = { id: 'web', rules: [tcp(80), tcp(443)] };
    const ssh = { id: 'ssh', rules: [tcp(22), tcp(22, 22, '10.0.0.0/8')] };
    const groups = new Map(
      [
        [web.id, web],
        [ssh.id, ssh],
      ].map(([k, v]) => [k as string, v as typeof web]),
    );
    const e = serverExposure(
      { id: 's1', name: 'app', security_groups: [{ id: 'web' }, { id: 'ssh' }, { id: 'gone' }] },
      groups,
    );
    expect(e.open.map(formatRanges)).toEqual(['22, 80, 443']);
    expect(
      e.redundant.map((r) => r.ruleId),
      'the private ssh rule is inside the world ssh rule',
    ).toEqual([ssh.rules[1]!.id]);
  });
});
