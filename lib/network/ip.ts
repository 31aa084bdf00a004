/**
 * The one place for IP address arithmetic, IPv4 and IPv6, isomorphic: the contract's rule checks, the forms
 * in the browser and every driver use it, so "is this address in that subnet" has one answer everywhere.
 * Addresses are bigints (an IPv6 address does not fit a number); nothing here throws on bad input, it
 * answers null or false and the caller words the refusal naming its field.
 */

export type IpVersion = 4 | 6;

/** A dotted quad, strictly: four decimal octets of at most 255, nothing around them. */
export function parseIpv4(s: string): bigint | null {
  const m = s.match(/^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/);
  if (!m) return null;
  let n = 0n;
  for (const part of m.slice(1)) {
    const v = Number(part);
    if (v > 255) return null;
    n = (n << 8n) | BigInt(v);
  }
  return n;
}

/** Eight hex groups, or fewer with one `::` standing for the missing zero groups (no embedded IPv4 form). */
export function parseIpv6(s: string): bigint | null {
  if (!/^[0-9a-fA-F:]+$/.test(s) || s.split('::').length > 2) return null;
  const [head = '', tail] = s.split('::');
  const h = head ? head.split(':') : [];
  const t = tail !== undefined && tail !== '' ? tail.split(':') : [];
  if (tail === undefined ? h.length !== 8 : h.length + t.length > 7) return null;
  const groups = [...h, ...Array(8 - h.length - t.length).fill('0'), ...t];
  let n = 0n;
  for (const g of groups) {
    if (!/^[0-9a-fA-F]{1,4}$/.test(g)) return null;
    n = (n << 16n) | BigInt(parseInt(g, 16));
  }
  return n;
}

/** `address/prefix`, strictly (no spaces); `bits` is the address as written, host bits included. */
export function parseCidr(cidr: string): { version: IpVersion; prefix: number; bits: bigint } | null {
  const [addr, len, ...rest] = cidr.split('/');
  if (!addr || len === undefined || rest.length) return null;
  if (!/^\d{1,3}$/.test(len)) return null;
  const prefix = Number(len);
  const v4 = parseIpv4(addr);
  if (v4 !== null) return prefix <= 32 ? { version: 4, prefix, bits: v4 } : null;
  const v6 = parseIpv6(addr);
  if (v6 !== null) return prefix <= 128 ? { version: 6, prefix, bits: v6 } : null;
  return null;
}

/** An address of either version as a number, surrounding spaces ignored (what a user typed). */
export function parseIp(ip: string): { version: IpVersion; n: bigint } | null {
  const v4 = parseIpv4(ip.trim());
  if (v4 !== null) return { version: 4, n: v4 };
  const v6 = parseIpv6(ip.trim());
  return v6 === null ? null : { version: 6, n: v6 };
}

export function formatIpv4(n: bigint): string {
  return [24n, 16n, 8n, 0n].map((s) => String((n >> s) & 255n)).join('.');
}

export function formatIpv6(n: bigint): string {
  const groups: string[] = [];
  for (let i = 7; i >= 0; i--) groups.push(((n >> BigInt(i * 16)) & 0xffffn).toString(16));
  // Compress the longest run of zero groups, as RFC 5952 asks.
  let best = { start: -1, len: 0 };
  for (let i = 0; i < 8;) {
    if (groups[i] !== '0') {
      i++;
      continue;
    }
    let j = i;
    while (j < 8 && groups[j] === '0') j++;
    if (j - i > best.len && j - i > 1) best = { start: i, len: j - i };
    i = j;
  }
  if (best.start < 0) return groups.join(':');
  return groups.slice(0, best.start).join(':') + '::' + groups.slice(best.start + best.len).join(':');
}

export const formatIp = (version: IpVersion, n: bigint): string => (version === 4 ? formatIpv4(n) : formatIpv6(n));

/** The canonical text of an address (IPv6 compressed as RFC 5952 asks), so two spellings compare equal. */
export function canonicalIp(ip: string): string | null {
  const a = parseIp(ip);
  return a ? formatIp(a.version, a.n) : null;
}

export interface CidrRange {
  version: IpVersion;
  prefix: number;
  /** The network address (host bits cleared) and the last address of the block. */
  network: bigint;
  last: bigint;
  /** The usable addresses: IPv4 loses its network and broadcast addresses, except in a /31 or /32. */
  first: bigint;
  end: bigint;
}

export function cidrRange(cidr: string): CidrRange | null {
  const c = parseCidr(cidr.trim());
  if (!c) return null;
  const width = c.version === 4 ? 32 : 128;
  const hostBits = BigInt(width - c.prefix);
  const network = (c.bits >> hostBits) << hostBits;
  const last = network + (1n << hostBits) - 1n;
  const trimsEnds = c.version === 4 && c.prefix < 31;
  return {
    version: c.version,
    prefix: c.prefix,
    network,
    last,
    first: trimsEnds ? network + 1n : network,
    end: trimsEnds ? last - 1n : last,
  };
}

/** The canonical text of a CIDR (host bits cleared, IPv6 compressed), or null when it does not parse. */
export function normaliseCidr(cidr: string): string | null {
  const c = parseCidr(cidr);
  const r = c && cidrRange(cidr);
  return r ? `${formatIp(r.version, r.network)}/${r.prefix}` : null;
}

/** Whether two blocks share an address; blocks of different versions never do. */
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

/** Whether an address lies in a block (network and broadcast addresses included), per version. */
export function ipInCidr(ip: string, cidr: string): boolean {
  const a = parseIp(ip);
  const r = cidrRange(cidr);
  return !!a && !!r && a.version === r.version && a.n >= r.network && a.n <= r.last;
}

/** The address after the network address: the gateway clouds expect when a subnet is created without one. */
export function firstHost(cidr: string): string | null {
  const r = cidrRange(cidr);
  return r ? formatIp(r.version, r.network + 1n) : null;
}
