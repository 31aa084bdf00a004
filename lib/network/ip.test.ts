import { describe, expect, it } from 'vitest';
import {
  canonicalIp,
  cidrContains,
  cidrRange,
  cidrsOverlap,
  firstHost,
  formatIpv4,
  formatIpv6,
  ipInCidr,
  normaliseCidr,
  parseCidr,
  parseIp,
  parseIpv4,
  parseIpv6,
} from './ip';

describe('address parsing', () => {
  it('parses IPv4 strictly', () => {
    expect(parseIpv4('10.0.0.1')).toBe(0x0a000001n);
    for (const bad of ['10.0.0', '10.0.0.256', '10.0.0.1.2', ' 10.0.0.1', '1e1.0.0.1'])
      expect(parseIpv4(bad), bad).toBeNull();
  });

  it('parses IPv6 with and without ::', () => {
    expect(parseIpv6('::')).toBe(0n);
    expect(parseIpv6('::1')).toBe(1n);
    expect(parseIpv6('2001:db8::')).toBe(0x20010db8n << 96n);
    expect(parseIpv6('1:2:3:4:5:6:7:8')).toBe(0x00010002000300040005000600070008n);
    for (const bad of ['1::2::3', '1:2:3:4:5:6:7', '1:2:3:4:5:6:7:8:9', '12345::', 'g::1', '1:2:3:4:5:6:7::8'])
      expect(parseIpv6(bad), bad).toBeNull();
  });

  it('parses CIDRs with their prefix bounds', () => {
    expect(parseCidr('10.0.0.0/8')).toEqual({ version: 4, prefix: 8, bits: 0x0a000000n });
    expect(parseCidr('2001:db8::/128')?.prefix).toBe(128);
    for (const bad of ['10.0.0.0', '10.0.0.0/33', '::/129', '10.0.0.0/-1', '10.0.0.0/8/8', '/8'])
      expect(parseCidr(bad), bad).toBeNull();
  });

  it('reads a typed address of either version, ignoring surrounding spaces', () => {
    expect(parseIp(' 10.0.0.5 ')).toEqual({ version: 4, n: 0x0a000005n });
    expect(parseIp('2001:db8::1')).toEqual({ version: 6, n: 0x20010db8000000000000000000000001n });
    expect(parseIp('gateway')).toBeNull();
  });
});

describe('address arithmetic', () => {
  it('formats IPv6 compressed as RFC 5952 asks', () => {
    expect(formatIpv6(0x20010db8000000000000000000000001n)).toBe('2001:db8::1');
    expect(formatIpv6(0n)).toBe('::');
    // A single zero group is not compressed, and the longest run wins.
    expect(formatIpv6(0x20010db8000000010000000000000001n)).toBe('2001:db8:0:1::1');
    expect(formatIpv6(0x20010db8000100010001000100010001n)).toBe('2001:db8:1:1:1:1:1:1');
    expect(formatIpv4(0xc0a8010an)).toBe('192.168.1.10');
  });

  it('gives the usable range of a subnet: IPv4 without network and broadcast', () => {
    const r = cidrRange('10.0.0.0/24')!;
    expect(r.version).toBe(4);
    expect(r.first).toBe(r.network + 1n);
    expect(r.end).toBe(r.last - 1n);
    expect(r.last - r.network).toBe(255n);
    const v6 = cidrRange('2001:db8::/64')!;
    expect(v6.first).toBe(v6.network);
    const p2p = cidrRange('10.0.0.0/31')!;
    expect([p2p.first, p2p.end], 'a /31 has no network or broadcast address to lose').toEqual([p2p.network, p2p.last]);
    expect(cidrRange('10.0.0.0/33')).toBeNull();
  });

  it('tells whether an address is in a CIDR, per version', () => {
    expect(ipInCidr('10.0.0.255', '10.0.0.0/24')).toBe(true);
    expect(ipInCidr('10.0.1.0', '10.0.0.0/24')).toBe(false);
    expect(ipInCidr('192.168.1.7', '192.168.1.0/24')).toBe(true);
    expect(ipInCidr('192.168.2.7', '192.168.1.0/24')).toBe(false);
    expect(ipInCidr('2001:db8::5', '2001:db8::/64')).toBe(true);
    expect(ipInCidr('::ffff:10.0.0.1', '10.0.0.0/24')).toBe(false);
    expect(ipInCidr('not-an-ip', '10.0.0.0/24')).toBe(false);
    expect(ipInCidr('10.0.0.1', 'not-a-cidr')).toBe(false);
  });

  it('normalises CIDRs and addresses', () => {
    expect(normaliseCidr('10.0.0.7/24')).toBe('10.0.0.0/24');
    expect(normaliseCidr('2001:DB8:0:0::1/64')).toBe('2001:db8::/64');
    expect(normaliseCidr('10.0.0.0')).toBeNull();
    expect(canonicalIp('2001:0db8:0000::0001')).toBe('2001:db8::1');
    expect(canonicalIp(' 10.0.0.5 ')).toBe('10.0.0.5');
    expect(canonicalIp('10.0.0.256')).toBeNull();
  });

  it('finds overlapping CIDRs, never across versions', () => {
    expect(cidrsOverlap('10.0.0.0/24', '10.0.0.128/25')).toBe(true);
    expect(cidrsOverlap('10.0.0.0/16', '10.0.200.0/24')).toBe(true);
    expect(cidrsOverlap('10.0.0.0/16', '10.0.5.0/24'), '/24 inside /16').toBe(true);
    expect(cidrsOverlap('10.0.0.0/24', '10.0.1.0/24'), 'adjacent /24s').toBe(false);
    expect(cidrsOverlap('0.0.0.0/0', '2001:db8::/64')).toBe(false);
    expect(cidrsOverlap('10.0.0.0/8', '2001:db8::/32'), 'different families').toBe(false);
    expect(cidrsOverlap('2001:db8::/48', '2001:db8:0:ff::/64')).toBe(true);
    expect(cidrsOverlap('10.0.0.0/24', 'not a cidr')).toBe(false);
  });

  it('tells containment, per version', () => {
    expect(cidrContains('0.0.0.0/0', '192.168.1.0/24')).toBe(true);
    expect(cidrContains('192.168.1.0/24', '192.168.0.0/16')).toBe(false);
    expect(cidrContains('2001:db8::/32', '2001:db8:1::/48')).toBe(true);
  });

  it('gives the first host of a block, the gateway the public clouds expect by default', () => {
    expect(firstHost('192.168.1.0/24')).toBe('192.168.1.1');
    expect(firstHost('10.20.30.40/16'), 'host bits are cleared first').toBe('10.20.0.1');
    expect(firstHost('0.0.0.0/0')).toBe('0.0.0.1');
    expect(firstHost('2001:db8::/64')).toBe('2001:db8::1');
    expect(firstHost('10.0.0.0')).toBeNull();
  });
});
