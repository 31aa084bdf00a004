import 'server-only';
import type { SecurityGroupRule } from '@/lib/contract/security-group';
import { normaliseCidr } from '@/lib/network/ip';

type RuleFields = Pick<SecurityGroupRule, 'direction' | 'ethertype' | 'protocol'> & {
  remote_ip_prefix?: string | null;
  remote_group_id?: string | null;
  port_range_min?: number | null;
  port_range_max?: number | null;
};

/**
 * What a rule lets through, spelled one way: two rules with the same signature are duplicates (Neutron's
 * 409). A /0 prefix lets in as much as no prefix, and tcp/udp 1-65535 as much as no ports; the description
 * does not count.
 */
export function ruleSignature(r: RuleFields): string {
  const prefix = r.remote_ip_prefix ? normaliseCidr(r.remote_ip_prefix) : null;
  let min = r.port_range_min ?? null;
  let max = r.port_range_max ?? null;
  if ((r.protocol === 'tcp' || r.protocol === 'udp') && min === 1 && max === 65535) min = max = null;
  return JSON.stringify([
    r.direction,
    r.ethertype,
    r.protocol ?? null,
    prefix?.endsWith('/0') ? null : prefix,
    r.remote_group_id ?? null,
    min,
    max,
  ]);
}
