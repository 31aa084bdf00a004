import { parseCidr, parseIpv4, parseIpv6 } from '@/lib/contract/security-group';

/** Address arithmetic for the subnet form and the exposure view (the browser's copy of the API's checks). */
export interface CidrRange {
  version: 4 | 6;
  prefix: number;
  network: bigint;
  last: bigint;
}

export function cidrRange(cidr: string): CidrRange | null {
  const c = parseCidr(cidr.trim());
  if (!c) return null;
  const width = c.version === 4 ? 32 : 128;
  const hostBits = BigInt(width - c.prefix);
  const network = (c.bits >> hostBits) << hostBits;
  return { version: c.version, prefix: c.prefix, network, last: network + (1n << hostBits) - 1n };
}

export function parseIp(ip: string): { version: 4 | 6; n: bigint } | null {
  const v4 = parseIpv4(ip.trim());
  if (v4 !== null) return { version: 4, n: v4 };
  const v6 = parseIpv6(ip.trim());
  return v6 === null ? null : { version: 6, n: v6 };
}

export function cidrsOverlap(a: string, b: string): boolean {
  const x = cidrRange(a);
  const y = cidrRange(b);
  return !!x && !!y && x.version === y.version && x.network <= y.last && y.network <= x.last;
}

/** True when every address of `inner` is in `outer`. */
export function cidrContains(outer: string, inner: string): boolean {
  const o = cidrRange(outer);
  const i = cidrRange(inner);
  return !!o && !!i && o.version === i.version && o.network <= i.network && i.last <= o.last;
}

export function ipInCidr(ip: string, cidr: string): boolean {
  const a = parseIp(ip);
  const r = cidrRange(cidr);
  return !!a && !!r && a.version === r.version && a.n >= r.network && a.n <= r.last;
}

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
    else if (ip.n <= r.network || ip.n > r.last || (r.version === 4 && ip.n === r.last)) issues.push({ path: 'gateway_ip', code: 'outside' });
  }
  return issues;
}

/** The project's other subnets this CIDR overlaps (a warning: separate networks may reuse ranges). */
export function findOverlaps<S extends { cidr: string }>(cidr: string, subnets: S[]): S[] {
  return cidrRange(cidr) ? subnets.filter((s) => cidrsOverlap(cidr, s.cidr)) : [];
}
