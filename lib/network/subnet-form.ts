import { cidrRange, cidrsOverlap, parseCidr, parseIp } from './ip';

export interface SubnetFormValues {
  cidr: string;
  gateway_ip?: string | null;
}
export type SubnetIssue =
  | { path: 'cidr'; code: 'not_cidr' | 'host_bits' | 'too_small' }
  | { path: 'gateway_ip'; code: 'not_ip' | 'wrong_version' | 'outside' };

/**
 * The subnet form's checks, matching what the API refuses (so the user learns before submitting): a CIDR
 * without host bits, room for a gateway and one more address, and a gateway inside the range (not its
 * network or IPv4 broadcast address).
 */
export function validateSubnet(v: SubnetFormValues): SubnetIssue[] {
  const r = cidrRange(v.cidr);
  if (!r) return [{ path: 'cidr', code: 'not_cidr' }];
  const issues: SubnetIssue[] = [];
  if (parseCidr(v.cidr.trim())!.bits !== r.network) issues.push({ path: 'cidr', code: 'host_bits' });
  if (r.prefix > (r.version === 4 ? 30 : 126)) issues.push({ path: 'cidr', code: 'too_small' });
  const g = v.gateway_ip?.trim();
  if (g) {
    const ip = parseIp(g);
    if (!ip) issues.push({ path: 'gateway_ip', code: 'not_ip' });
    else if (ip.version !== r.version) issues.push({ path: 'gateway_ip', code: 'wrong_version' });
    else if (ip.n <= r.network || ip.n > r.last || (r.version === 4 && ip.n === r.last))
      issues.push({ path: 'gateway_ip', code: 'outside' });
  }
  return issues;
}

/** The project's other subnets this CIDR overlaps (a warning: separate networks may reuse ranges). */
export function findOverlaps<S extends { cidr: string }>(cidr: string, subnets: S[]): S[] {
  return cidrRange(cidr) ? subnets.filter((s) => cidrsOverlap(cidr, s.cidr)) : [];
}
