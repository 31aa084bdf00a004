import { describe, expect, it } from 'vitest';
import { memberAddress } from './load-balancers';

const ports = [
  { subnet_id: 's-other', network_id: 'n-other', ip_address: '172.16.0.5' },
  { subnet_id: 's-v6', network_id: 'n-vip', ip_address: '2001:db8::5' },
  { subnet_id: 's-vip', network_id: 'n-vip', ip_address: '10.0.0.5' },
];

describe('memberAddress', () => {
  it('prefers the VIP subnet, then the VIP network, then any address of the VIP version', () => {
    expect(memberAddress(ports, { subnet_id: 's-vip', network_id: 'n-vip', version: 4 })?.ip_address).toBe('10.0.0.5');
    expect(memberAddress(ports, { subnet_id: 's-new', network_id: 'n-vip', version: 4 })?.ip_address).toBe(
      '2001:db8::5',
    );
    expect(memberAddress(ports, { subnet_id: 's-x', network_id: 'n-x', version: 4 })?.ip_address).toBe('172.16.0.5');
  });

  it('finds nothing when the server has no address the VIP can reach', () => {
    expect(memberAddress([ports[0]!], { subnet_id: 's-x', network_id: 'n-x', version: 6 })).toBeUndefined();
    expect(memberAddress([], null)).toBeUndefined();
  });
});
