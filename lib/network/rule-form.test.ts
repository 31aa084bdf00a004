import { describe, expect, it } from 'vitest';
import { RuleForm } from './rule-form';

const base = {
  direction: 'ingress' as const,
  ethertype: 'IPv4' as const,
  protocol: 'tcp' as const,
  remote: 'cidr' as const,
  remote_ip_prefix: '0.0.0.0/0',
  remote_group_id: '',
  port_range_min: 22,
  port_range_max: 22,
  description: '',
};
const issues = (v: unknown) => {
  const r = RuleForm.safeParse(v);
  return r.success ? [] : r.error.issues.map((i) => i.path.join('.'));
};

describe('RuleForm', () => {
  it('maps an SSH rule to the contract fields', () => {
    const r = RuleForm.parse(base);
    expect(r).toMatchObject({
      protocol: 'tcp',
      remote_ip_prefix: '0.0.0.0/0',
      remote_group_id: null,
      port_range_min: 22,
      port_range_max: 22,
    });
  });
  it('maps "any" protocol and empty ports to null', () => {
    expect(
      RuleForm.parse({ ...base, protocol: 'any', port_range_min: Number.NaN, port_range_max: Number.NaN }),
    ).toMatchObject({ protocol: null, port_range_min: null, port_range_max: null });
  });
  it('refuses bad CIDRs, family mismatches, bad ports and ICMP fields', () => {
    expect(issues({ ...base, remote_ip_prefix: '10.0.0/8' })).toEqual(['remote_ip_prefix']);
    expect(issues({ ...base, remote_ip_prefix: '::/0' }), 'IPv6 CIDR with IPv4').toEqual(['remote_ip_prefix']);
    expect(issues({ ...base, port_range_min: 0 })).toEqual(['port_range_min']);
    expect(issues({ ...base, port_range_min: 100, port_range_max: 80 })).toEqual(['port_range_min']);
    expect(issues({ ...base, port_range_max: Number.NaN }), 'half a range').toEqual(['port_range_max']);
    expect(issues({ ...base, protocol: 'icmp', port_range_min: 300, port_range_max: Number.NaN })).toEqual([
      'port_range_min',
    ]);
    expect(issues({ ...base, protocol: 'icmp', port_range_min: 8, port_range_max: 0 })).toEqual([]);
    expect(RuleForm.parse({ ...base, protocol: 'any' }), 'hidden ports are dropped for any protocol').toMatchObject({
      port_range_min: null,
      port_range_max: null,
    });
  });
  it('needs a group when the remote is a group, and then sends no CIDR', () => {
    expect(issues({ ...base, remote: 'group' })).toEqual(['remote_group_id']);
    expect(RuleForm.parse({ ...base, remote: 'group', remote_group_id: 'g1' })).toMatchObject({
      remote_ip_prefix: null,
      remote_group_id: 'g1',
    });
  });
});
