import { describe, expect, it } from 'vitest';
import { findOverlaps, validateSubnet } from './subnet-form';

describe('findOverlaps', () => {
  it('lists the subnets a new CIDR overlaps', () => {
    const subnets = [
      { name: 'a', cidr: '10.1.0.0/24' },
      { name: 'b', cidr: '10.2.0.0/24' },
    ];
    expect(findOverlaps('10.1.0.0/16', subnets).map((s) => s.name)).toEqual(['a']);
    expect(findOverlaps('not a cidr', subnets)).toEqual([]);
  });
});

describe('validateSubnet', () => {
  it('accepts a plain subnet with or without a gateway', () => {
    expect(validateSubnet({ cidr: '10.0.0.0/24' })).toEqual([]);
    expect(validateSubnet({ cidr: '10.0.0.0/24', gateway_ip: '10.0.0.254' })).toEqual([]);
    expect(validateSubnet({ cidr: '2001:db8::/64', gateway_ip: '2001:db8::1' })).toEqual([]);
  });
  it('refuses what the API refuses', () => {
    expect(validateSubnet({ cidr: '10.0.0/24' })).toEqual([{ path: 'cidr', code: 'not_cidr' }]);
    expect(validateSubnet({ cidr: '10.0.0.5/24' })).toEqual([{ path: 'cidr', code: 'host_bits' }]);
    expect(validateSubnet({ cidr: '10.0.0.0/31' })).toEqual([{ path: 'cidr', code: 'too_small' }]);
    expect(validateSubnet({ cidr: '10.0.0.0/24', gateway_ip: '10.0.1.1' })).toEqual([
      { path: 'gateway_ip', code: 'outside' },
    ]);
    expect(validateSubnet({ cidr: '10.0.0.0/24', gateway_ip: '10.0.0.0' }), 'network address').toEqual([
      { path: 'gateway_ip', code: 'outside' },
    ]);
    expect(validateSubnet({ cidr: '10.0.0.0/24', gateway_ip: '10.0.0.255' }), 'broadcast').toEqual([
      { path: 'gateway_ip', code: 'outside' },
    ]);
    expect(validateSubnet({ cidr: '10.0.0.0/24', gateway_ip: 'fe80::1' })).toEqual([
      { path: 'gateway_ip', code: 'wrong_version' },
    ]);
    expect(validateSubnet({ cidr: '10.0.0.0/24', gateway_ip: 'gateway' })).toEqual([
      { path: 'gateway_ip', code: 'not_ip' },
    ]);
  });
});
