import type { SecurityGroupRule } from '@/lib/contract/security-group';
import { cidrContains, cidrRange } from './ip';

/**
 * Which ports a server really exposes to the Internet, and which rules add nothing.
 *
 * The API answers per group, but a server's effective policy is the union of all its groups' rules, so a port
 * closed in one group may still be open through another. "The world" is a remote of 0.0.0.0/0 or ::/0, or no
 * remote at all (Neutron and the simulator read a rule without remote as "from anywhere").
 */

export type Rule = Pick<
  SecurityGroupRule,
  | 'id'
  | 'direction'
  | 'ethertype'
  | 'protocol'
  | 'remote_group_id'
  | 'remote_ip_prefix'
  | 'port_range_min'
  | 'port_range_max'
>;
type Proto = 'tcp' | 'udp' | 'icmp' | 'any';

/** A run of open ports (tcp/udp) or ICMP types, with `min === 1 && max === 65535` meaning all ports. */
export interface OpenRange {
  min: number;
  max: number;
}
export interface ExposureEntry {
  ethertype: 'IPv4' | 'IPv6';
  protocol: Proto;
  /** Merged, sorted ranges; empty for `any` (everything) and for ICMP "all types". */
  ranges: OpenRange[];
  /** Every type/port open (all traffic, all TCP ports, all ICMP types). */
  isAll: boolean;
  ruleIds: string[];
}
export interface RedundantRule {
  ruleId: string;
  groupId: string;
  coveredBy: { ruleId: string; groupId: string };
}
export interface ServerExposure {
  serverId: string;
  serverName: string;
  open: ExposureEntry[];
  redundant: RedundantRule[];
}

const worldPrefix = (ethertype: 'IPv4' | 'IPv6') => (ethertype === 'IPv4' ? '0.0.0.0/0' : '::/0');

/** The rule's remote as a CIDR, or the remote group's id; no remote means the whole address family. */
const remoteOf = (r: Rule): { cidr: string } | { group: string } =>
  r.remote_group_id ? { group: r.remote_group_id } : { cidr: r.remote_ip_prefix ?? worldPrefix(r.ethertype) };

export const isWorldOpen = (r: Rule): boolean => {
  if (r.direction !== 'ingress' || r.remote_group_id) return false;
  const range = cidrRange(r.remote_ip_prefix ?? worldPrefix(r.ethertype));
  return range !== null && range.prefix === 0;
};

/** The rule's ports (tcp/udp) or ICMP type range; null protocol covers every protocol. */
function portsOf(r: Rule): OpenRange {
  if (r.protocol === 'icmp')
    return r.port_range_min === null ? { min: 0, max: 255 } : { min: r.port_range_min, max: r.port_range_min };
  return { min: r.port_range_min ?? 1, max: r.port_range_max ?? 65535 };
}

/** Does rule `a` allow everything rule `b` allows? (Same direction and family; wider protocol, ports and remote.) */
export function ruleCovers(a: Rule, b: Rule): boolean {
  if (a.direction !== b.direction || a.ethertype !== b.ethertype) return false;
  if (a.protocol !== null && a.protocol !== b.protocol) return false;
  if (a.protocol !== null) {
    const pa = portsOf(a);
    const pb = portsOf(b);
    if (pa.min > pb.min || pa.max < pb.max) return false;
    // An ICMP rule naming a code covers only that code.
    if (a.protocol === 'icmp' && a.port_range_max !== null && a.port_range_max !== b.port_range_max) return false;
  }
  const ra = remoteOf(a);
  const rb = remoteOf(b);
  if ('group' in ra) return 'group' in rb && ra.group === rb.group;
  // A CIDR covers a remote group only when it is the whole family: the group's members could be anywhere.
  if ('group' in rb) return cidrRange(ra.cidr)?.prefix === 0;
  return cidrContains(ra.cidr, rb.cidr);
}

/**
 * Rules that another rule of the list already covers. Of two identical rules the later one is flagged, so
 * exactly one of them remains "needed".
 */
export function findRedundantRules<R extends Rule & { groupId: string }>(rules: R[]): RedundantRule[] {
  const out: RedundantRule[] = [];
  rules.forEach((b, i) => {
    const cover = rules.find((a, j) => j !== i && ruleCovers(a, b) && (!ruleCovers(b, a) || j < i));
    if (cover) out.push({ ruleId: b.id, groupId: b.groupId, coveredBy: { ruleId: cover.id, groupId: cover.groupId } });
  });
  return out;
}

/** Sorts and joins overlapping or adjacent ranges: [22,22] [80,80] [81,90] → [22,22] [80,90]. */
export function mergeRanges(ranges: OpenRange[]): OpenRange[] {
  const sorted = [...ranges].sort((x, y) => x.min - y.min);
  const out: OpenRange[] = [];
  for (const r of sorted) {
    const last = out[out.length - 1];
    if (last && r.min <= last.max + 1) last.max = Math.max(last.max, r.max);
    else out.push({ ...r });
  }
  return out;
}

/** What the world can reach through these rules, per family and protocol. */
export function worldExposure(rules: Rule[]): ExposureEntry[] {
  const open = rules.filter(isWorldOpen);
  const entries: ExposureEntry[] = [];
  for (const ethertype of ['IPv4', 'IPv6'] as const) {
    const fam = open.filter((r) => r.ethertype === ethertype);
    const any = fam.filter((r) => r.protocol === null);
    if (any.length) {
      entries.push({ ethertype, protocol: 'any', ranges: [], isAll: true, ruleIds: any.map((r) => r.id) });
      continue;
    }
    for (const protocol of ['tcp', 'udp', 'icmp'] as const) {
      const rs = fam.filter((r) => r.protocol === protocol);
      if (!rs.length) continue;
      const ranges = mergeRanges(rs.map(portsOf));
      const full = protocol === 'icmp' ? { min: 0, max: 255 } : { min: 1, max: 65535 };
      const isAll = ranges.length === 1 && ranges[0]!.min === full.min && ranges[0]!.max === full.max;
      entries.push({ ethertype, protocol, ranges: isAll ? [] : ranges, isAll, ruleIds: rs.map((r) => r.id) });
    }
  }
  return entries;
}

/** Per server: the union of its groups' rules, what that opens to the world, and which rules are redundant. */
export function serverExposure(
  server: { id: string; name: string; security_groups: Array<{ id: string }> },
  groupsById: ReadonlyMap<string, { id: string; rules: Rule[] }>,
): ServerExposure {
  const rules = server.security_groups.flatMap((g) =>
    (groupsById.get(g.id)?.rules ?? []).map((r) => ({ ...r, groupId: g.id })),
  );
  return {
    serverId: server.id,
    serverName: server.name,
    open: worldExposure(rules),
    redundant: findRedundantRules(rules),
  };
}

/** "TCP 22, 80-443" style text for an entry (the protocol name is left to the caller's translation). */
export const formatRanges = (e: ExposureEntry): string =>
  e.ranges.map((r) => (r.min === r.max ? String(r.min) : `${r.min}-${r.max}`)).join(', ');
