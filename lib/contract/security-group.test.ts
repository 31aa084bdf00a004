import { describe, expect, it } from 'vitest';
import { parseCidr, parseIpv4, parseIpv6, SecurityGroupRuleCreateInput, validateRule } from './security-group';

const paths = (v: Parameters<typeof validateRule>[0]) => validateRule(v).map((i) => i.path);

describe('address parsing', () => {
  it('parses IPv4 strictly', () => {
    expect(parseIpv4('10.0.0.1')).toBe(0x0a000001n);
    for (const bad of ['10.0.0', '10.0.0.256', '10.0.0.1.2', ' 10.0.0.1', '1e1.0.0.1']) expect(parseIpv4(bad), bad).toBeNull();
  });

  it('parses IPv6 with and without ::', () => {
    expect(parseIpv6('::')).toBe(0n);
    expect(parseIpv6('::1')).toBe(1n);
    expect(parseIpv6('2001:db8::')).toBe(0x20010db8n << 96n);
    expect(parseIpv6('1:2:3:4:5:6:7:8')).toBe(0x00010002000300040005000600070008n);
    for (const bad of ['1::2::3', '1:2:3:4:5:6:7', '1:2:3:4:5:6:7:8:9', '12345::', 'g::1', '1:2:3:4:5:6:7::8']) expect(parseIpv6(bad), bad).toBeNull();
  });

  it('parses CIDRs with their prefix bounds', () => {
    expect(parseCidr('10.0.0.0/8')).toEqual({ version: 4, prefix: 8, bits: 0x0a000000n });
    expect(parseCidr('2001:db8::/128')?.prefix).toBe(128);
    for (const bad of ['10.0.0.0', '10.0.0.0/33', '::/129', '10.0.0.0/-1', '10.0.0.0/8/8', '/8']) expect(parseCidr(bad), bad).toBeNull();
  });
});

describe('validateRule', () => {
  it('accepts the usual rules', () => {
    expect(validateRule({ ethertype: 'IPv4', protocol: 'tcp', port_range_min: 22, port_range_max: 22, remote_ip_prefix: '0.0.0.0/0' })).toEqual([]);
    expect(validateRule({ ethertype: 'IPv6', protocol: null, remote_group_id: 'g' })).toEqual([]);
    expect(validateRule({ ethertype: 'IPv4', protocol: 'icmp', port_range_min: 8, port_range_max: 0 })).toEqual([]);
    expect(validateRule({ ethertype: 'IPv4', protocol: 'icmp', port_range_min: 8 })).toEqual([]);
  });

  it('names the field of each mistake', () => {
    expect(paths({ ethertype: 'IPv4', protocol: null, remote_ip_prefix: '10.0.0.0/8', remote_group_id: 'g' })).toEqual(['remote_group_id']);
    expect(paths({ ethertype: 'IPv4', protocol: null, remote_ip_prefix: '10.0.0/8' })).toEqual(['remote_ip_prefix']);
    expect(paths({ ethertype: 'IPv6', protocol: null, remote_ip_prefix: '10.0.0.0/8' })).toEqual(['remote_ip_prefix']);
    expect(paths({ ethertype: 'IPv4', protocol: 'tcp', port_range_min: 0, port_range_max: 70000 })).toEqual(['port_range_min', 'port_range_max']);
    expect(paths({ ethertype: 'IPv4', protocol: 'udp', port_range_min: 100, port_range_max: 10 })).toEqual(['port_range_min']);
    expect(paths({ ethertype: 'IPv4', protocol: 'tcp', port_range_min: 100 })).toEqual(['port_range_max']);
    expect(paths({ ethertype: 'IPv4', protocol: 'icmp', port_range_min: 256 })).toEqual(['port_range_min']);
    expect(paths({ ethertype: 'IPv4', protocol: 'icmp', port_range_max: 0 })).toEqual(['port_range_min']);
    expect(paths({ ethertype: 'IPv4', protocol: null, port_range_min: 22, port_range_max: 22 })).toEqual(['port_range_min']);
  });

  it('runs inside the create schema, with its defaults', () => {
    const ok = SecurityGroupRuleCreateInput.safeParse({ security_group_id: 'g' });
    expect(ok.success && ok.data).toMatchObject({ direction: 'ingress', ethertype: 'IPv4', protocol: null, description: '' });
    const bad = SecurityGroupRuleCreateInput.safeParse({ security_group_id: 'g', protocol: 'tcp', port_range_min: 5 });
    expect(bad.success).toBe(false);
    expect(bad.error?.issues.map((i) => i.path.join('.'))).toEqual(['port_range_max']);
  });
});
