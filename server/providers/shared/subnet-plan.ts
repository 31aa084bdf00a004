import 'server-only';
import { cidrRange, cidrsOverlap, formatIp, parseCidr, parseIp } from '@/lib/network/ip';
import { conflict, invalid } from '../errors';

export interface SubnetPlan {
  cidr: string;
  gateway_ip: string | null;
  ip_version: 4 | 6;
  warnings: string[];
}

/**
 * Checks a new subnet against its network and project: the CIDR must parse with its host bits clear, the
 * gateway must be a usable address of it (the first one when not given; null means none). Overlapping a
 * subnet of the same network is refused, since one network cannot route one address to two places;
 * overlapping elsewhere in the project is legal (separate networks) but worth a warning.
 */
export function planSubnet(
  input: { cidr: string; gateway_ip?: string | null; ip_version?: 4 | 6 },
  siblings: { name: string; cidr: string }[],
  projectSubnets: { name: string; cidr: string; network_name: string }[],
): SubnetPlan {
  const c = parseCidr(input.cidr.trim());
  const range = cidrRange(input.cidr);
  if (!c || !range) throw invalid('cidr', `"${input.cidr}" is not a CIDR (e.g. 10.0.0.0/24 or 2001:db8::/64)`);
  if (input.ip_version !== undefined && input.ip_version !== c.version)
    throw invalid('ip_version', `is ${input.ip_version} but cidr ${input.cidr} is an IPv${c.version} network`);
  const fmt = (n: bigint) => formatIp(c.version, n);
  const cidr = `${fmt(range.network)}/${c.prefix}`;
  if (range.network !== c.bits) throw invalid('cidr', `${input.cidr} has host bits set; the network is ${cidr}`);
  // A subnet needs room for a gateway and at least one more address.
  const maxPrefix = c.version === 4 ? 30 : 126;
  if (c.prefix > maxPrefix)
    throw invalid('cidr', `${cidr} is too small: IPv${c.version} subnets must be /${maxPrefix} or larger`);

  let gateway: string | null;
  if (input.gateway_ip === null) gateway = null;
  else if (input.gateway_ip === undefined || input.gateway_ip === '') gateway = fmt(range.first);
  else {
    const g = parseIp(input.gateway_ip.trim());
    if (!g) throw invalid('gateway_ip', `"${input.gateway_ip}" is not an IP address`);
    if (g.version !== c.version)
      throw invalid(
        'gateway_ip',
        `${input.gateway_ip} is an IPv${g.version} address but cidr ${cidr} is IPv${c.version}`,
      );
    if (g.n < range.first || g.n > range.end)
      throw invalid('gateway_ip', `${input.gateway_ip} is not a usable address of ${cidr}`);
    gateway = fmt(g.n);
  }

  const clash = siblings.find((s) => cidrsOverlap(cidr, s.cidr));
  if (clash) throw conflict(`cidr ${cidr} overlaps subnet ${clash.name} (${clash.cidr}) of the same network`);
  const warnings = projectSubnets
    .filter((s) => cidrsOverlap(cidr, s.cidr))
    .map(
      (s) =>
        `cidr ${cidr} overlaps subnet ${s.name} (${s.cidr}) of network ${s.network_name}; servers on the two cannot reach each other by these addresses`,
    );
  return { cidr, gateway_ip: gateway, ip_version: c.version, warnings };
}
