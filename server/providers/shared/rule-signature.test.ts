import { describe, expect, it } from 'vitest';
import { ruleSignature } from './rule-signature';

const base = {
  direction: 'ingress',
  ethertype: 'IPv4',
  protocol: 'tcp',
  port_range_min: 22,
  port_range_max: 22,
} as const;

describe('ruleSignature (duplicate rules)', () => {
  it('ignores the description and how the prefix is spelled', () => {
    expect(ruleSignature({ ...base, remote_ip_prefix: '10.0.0.9/24' })).toBe(
      ruleSignature({ ...base, remote_ip_prefix: '10.0.0.0/24' }),
    );
  });

  it('treats a /0 prefix as no prefix, and tcp 1-65535 as no ports', () => {
    expect(ruleSignature({ ...base, remote_ip_prefix: '0.0.0.0/0' })).toBe(
      ruleSignature({ ...base, remote_ip_prefix: null }),
    );
    expect(ruleSignature({ ...base, port_range_min: 1, port_range_max: 65535 })).toBe(
      ruleSignature({ ...base, port_range_min: null, port_range_max: null }),
    );
    // For icmp the two fields are type and code, so 1/65535 means nothing special (and cannot pass validation anyway).
    expect(ruleSignature({ ...base, protocol: 'icmp', port_range_min: 8, port_range_max: 0 })).not.toBe(
      ruleSignature({ ...base, protocol: 'icmp', port_range_min: null, port_range_max: null }),
    );
  });

  it('tells apart rules that differ in any field that matters', () => {
    const variants = [
      { ...base, direction: 'egress' as const },
      { ...base, ethertype: 'IPv6' as const },
      { ...base, protocol: 'udp' as const },
      { ...base, protocol: null, port_range_min: null, port_range_max: null },
      { ...base, port_range_max: 23 },
      { ...base, remote_ip_prefix: '10.0.0.0/25' },
      { ...base, remote_group_id: 'g1' },
    ];
    const all = new Set([ruleSignature(base), ...variants.map(ruleSignature)]);
    expect(all.size).toBe(variants.length + 1);
  });
});
