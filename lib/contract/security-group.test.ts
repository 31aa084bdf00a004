import { describe, expect, it } from 'vitest';
import { SecurityGroupRuleCreateInput, validateRule } from './security-group';

const paths = (v: Parameters<typeof validateRule>[0]) => validateRule(v).map((i) => i.path);

describe('validateRule', () => {
  it('accepts the usual rules', () => {
    expect(
      validateRule({
        ethertype: 'IPv4',
        protocol: 'tcp',
        port_range_min: 22,
        port_range_max: 22,
        remote_ip_prefix: '0.0.0.0/0',
      }),
    ).toEqual([]);
    expect(validateRule({ ethertype: 'IPv6', protocol: null, remote_group_id: 'g' })).toEqual([]);
    expect(validateRule({ ethertype: 'IPv4', protocol: 'icmp', port_range_min: 8, port_range_max: 0 })).toEqual([]);
    expect(validateRule({ ethertype: 'IPv4', protocol: 'icmp', port_range_min: 8 })).toEqual([]);
  });

  it('names the field of each mistake', () => {
    expect(paths({ ethertype: 'IPv4', protocol: null, remote_ip_prefix: '10.0.0.0/8', remote_group_id: 'g' })).toEqual([
      'remote_group_id',
    ]);
    expect(paths({ ethertype: 'IPv4', protocol: null, remote_ip_prefix: '10.0.0/8' })).toEqual(['remote_ip_prefix']);
    expect(paths({ ethertype: 'IPv6', protocol: null, remote_ip_prefix: '10.0.0.0/8' })).toEqual(['remote_ip_prefix']);
    expect(paths({ ethertype: 'IPv4', protocol: 'tcp', port_range_min: 0, port_range_max: 70000 })).toEqual([
      'port_range_min',
      'port_range_max',
    ]);
    expect(paths({ ethertype: 'IPv4', protocol: 'udp', port_range_min: 100, port_range_max: 10 })).toEqual([
      'port_range_min',
    ]);
    expect(paths({ ethertype: 'IPv4', protocol: 'tcp', port_range_min: 100 })).toEqual(['port_range_max']);
    expect(paths({ ethertype: 'IPv4', protocol: 'icmp', port_range_min: 256 })).toEqual(['port_range_min']);
    expect(paths({ ethertype: 'IPv4', protocol: 'icmp', port_range_max: 0 })).toEqual(['port_range_min']);
    expect(paths({ ethertype: 'IPv4', protocol: null, port_range_min: 22, port_range_max: 22 })).toEqual([
      'port_range_min',
    ]);
  });

  it('runs inside the create schema, with its defaults', () => {
    const ok = SecurityGroupRuleCreateInput.safeParse({ security_group_id: 'g' });
    expect(ok.success && ok.data).toMatchObject({
      direction: 'ingress',
      ethertype: 'IPv4',
      protocol: null,
      description: '',
    });
    const bad = SecurityGroupRuleCreateInput.safeParse({ security_group_id: 'g', protocol: 'tcp', port_range_min: 5 });
    expect(bad.success).toBe(false);
    expect(bad.error?.issues.map((i) => i.path.join('.'))).toEqual(['port_range_max']);
  });
});
