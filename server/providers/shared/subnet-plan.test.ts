import { describe, expect, it } from 'vitest';
import { planSubnet } from './subnet-plan';

const fails = (fn: () => unknown) => {
  try {
    fn();
  } catch (e) {
    return e as { kind: string; message: string; details?: { path: string }[] };
  }
  throw new Error('expected a failure');
};

describe('planSubnet', () => {
  it('takes the version from the CIDR and the first usable address as the gateway', () => {
    expect(planSubnet({ cidr: '10.0.0.0/24' }, [], [])).toEqual({
      cidr: '10.0.0.0/24',
      gateway_ip: '10.0.0.1',
      ip_version: 4,
      warnings: [],
    });
    expect(planSubnet({ cidr: '2001:DB8::/64' }, [], [])).toMatchObject({
      cidr: '2001:db8::/64',
      gateway_ip: '2001:db8::',
      ip_version: 6,
    });
  });

  it('keeps a given gateway inside the CIDR, or none when null', () => {
    expect(planSubnet({ cidr: '10.0.0.0/24', gateway_ip: '10.0.0.254' }, [], []).gateway_ip).toBe('10.0.0.254');
    expect(planSubnet({ cidr: '10.0.0.0/24', gateway_ip: null }, [], []).gateway_ip).toBeNull();
    for (const gw of ['10.0.1.1', '10.0.0.0', '10.0.0.255', '2001:db8::1', 'gateway'])
      expect(
        fails(() => planSubnet({ cidr: '10.0.0.0/24', gateway_ip: gw }, [], [])),
        gw,
      ).toMatchObject({ kind: 'invalid', details: [{ path: 'gateway_ip' }] });
  });

  it('refuses CIDRs that do not parse, have host bits, are too small or contradict ip_version', () => {
    for (const cidr of ['10.0.0.0', '10.0.0.0/33', '300.0.0.0/24', 'x/24', '10.0.0.0/24/1'])
      expect(
        fails(() => planSubnet({ cidr }, [], [])),
        cidr,
      ).toMatchObject({ kind: 'invalid', details: [{ path: 'cidr' }] });
    expect(fails(() => planSubnet({ cidr: '10.0.0.5/24' }, [], [])).message).toContain('10.0.0.0/24');
    expect(fails(() => planSubnet({ cidr: '10.0.0.0/31' }, [], [])).details?.[0]?.path).toBe('cidr');
    expect(fails(() => planSubnet({ cidr: '10.0.0.0/24', ip_version: 6 }, [], [])).details?.[0]?.path).toBe(
      'ip_version',
    );
  });

  it('refuses an overlap within the network (409) and warns about one elsewhere in the project', () => {
    const e = fails(() => planSubnet({ cidr: '10.0.0.128/25' }, [{ name: 'a', cidr: '10.0.0.0/24' }], []));
    expect(e.kind).toBe('conflict');
    expect(e.message).toContain('a (10.0.0.0/24)');
    expect(planSubnet({ cidr: '10.0.1.0/24' }, [{ name: 'a', cidr: '10.0.0.0/24' }], []).warnings).toEqual([]);
    const w = planSubnet(
      { cidr: '10.0.0.0/16' },
      [],
      [
        { name: 'b', cidr: '10.0.5.0/24', network_name: 'other' },
        { name: 'c', cidr: '10.1.0.0/24', network_name: 'other' },
      ],
    ).warnings;
    expect(w).toHaveLength(1);
    expect(w[0]).toContain('b (10.0.5.0/24) of network other');
  });
});
