import 'server-only';
import { randomBytes } from 'node:crypto';
import { parseCidr, parseIpv4, parseIpv6 } from '@/lib/contract/security-group';
import type { Queryable } from '../../db/client';
import { CloudError, conflict, invalid, notFound } from '../errors';
import { newId } from './state';

export type SubnetRow = {
  id: string;
  network_id: string;
  project_id: string | null;
  name: string;
  cidr: string;
  gateway_ip: string | null;
  ip_version: 4 | 6;
  created_at: Date;
};

export function formatIpv4(n: bigint): string {
  return [24n, 16n, 8n, 0n].map((s) => String((n >> s) & 255n)).join('.');
}
export function formatIpv6(n: bigint): string {
  const groups: string[] = [];
  for (let i = 7; i >= 0; i--) groups.push(((n >> BigInt(i * 16)) & 0xffffn).toString(16));
  // Compress the longest run of zero groups, as RFC 5952 asks.
  let best = { start: -1, len: 0 };
  for (let i = 0; i < 8; ) {
    if (groups[i] !== '0') { i++; continue; }
    let j = i;
    while (j < 8 && groups[j] === '0') j++;
    if (j - i > best.len && j - i > 1) best = { start: i, len: j - i };
    i = j;
  }
  if (best.start < 0) return groups.join(':');
  return groups.slice(0, best.start).join(':') + '::' + groups.slice(best.start + best.len).join(':');
}

export function ipToBigint(ip: string): { version: 4 | 6; n: bigint } | null {
  const v4 = parseIpv4(ip);
  if (v4 !== null) return { version: 4, n: v4 };
  const v6 = parseIpv6(ip);
  return v6 === null ? null : { version: 6, n: v6 };
}

/** The canonical text of an address (IPv6 compressed as RFC 5952 asks), so two spellings compare equal. */
export function canonicalIp(ip: string): string | null {
  const a = ipToBigint(ip.trim());
  if (!a) return null;
  return a.version === 4 ? formatIpv4(a.n) : formatIpv6(a.n);
}

/** The usable range of a subnet: network and broadcast addresses excluded for IPv4. */
export function subnetRange(cidr: string) {
  const c = parseCidr(cidr);
  if (!c) throw invalid('cidr', `"${cidr}" is not a CIDR`);
  const width = c.version === 4 ? 32 : 128;
  const hostBits = BigInt(width - c.prefix);
  const network = (c.bits >> hostBits) << hostBits;
  const last = network + (1n << hostBits) - 1n;
  return { version: c.version, network, last, prefix: c.prefix, first: c.version === 4 && c.prefix < 31 ? network + 1n : network, end: c.version === 4 && c.prefix < 31 ? last - 1n : last };
}

export function ipInCidr(ip: string, cidr: string): boolean {
  const a = ipToBigint(ip);
  if (!a) return false;
  const r = subnetRange(cidr);
  return a.version === r.version && a.n >= r.network && a.n <= r.last;
}

/** The canonical text of a CIDR (host bits cleared), or null when it does not parse. */
export function normaliseCidr(cidr: string): string | null {
  const c = parseCidr(cidr);
  if (!c) return null;
  const r = subnetRange(cidr);
  return `${c.version === 4 ? formatIpv4(r.network) : formatIpv6(r.network)}/${c.prefix}`;
}

export function cidrsOverlap(a: string, b: string): boolean {
  const x = subnetRange(a);
  const y = subnetRange(b);
  return x.version === y.version && x.network <= y.last && y.network <= x.last;
}

function randomMac(): string {
  const b = randomBytes(3);
  return `fa:16:3e:${[...b].map((x) => x.toString(16).padStart(2, '0')).join(':')}`;
}

export interface PortRow {
  id: string;
  network_id: string;
  subnet_id: string;
  ip_address: string;
  mac_address: string;
  project_id: string | null;
  device_type: string;
  device_id: string;
  name: string;
}

const fullSubnetErrors = new WeakSet<CloudError>();

/** Whether allocatePort failed only because the subnet is full, so a caller may try another subnet. */
export const isSubnetFull = (e: unknown): boolean => e instanceof CloudError && fullSubnetErrors.has(e);

/**
 * Gives a device an address on a subnet: the requested one if it is inside the CIDR and free, else the
 * lowest free one. The subnet row is locked, so two allocations never pick the same address.
 */
export async function allocatePort(
  q: Queryable,
  subnetId: string,
  device: { type: string; id: string; projectId: string | null; name?: string },
  requestedIp?: string,
  field = 'fixed_ip',
): Promise<PortRow> {
  const subnet = (await q.query<SubnetRow>('SELECT * FROM sim_subnets WHERE id = $1 FOR UPDATE', [subnetId]))[0];
  if (!subnet) throw notFound('subnet', subnetId);
  const range = subnetRange(subnet.cidr);
  const used = new Set((await q.query<{ ip_address: string }>('SELECT ip_address FROM sim_ports WHERE subnet_id = $1', [subnetId])).map((r) => r.ip_address));
  if (subnet.gateway_ip) used.add(subnet.gateway_ip);
  const fmt = range.version === 4 ? formatIpv4 : formatIpv6;
  let ip: string | undefined;
  if (requestedIp) {
    const r = ipToBigint(requestedIp);
    if (!r || r.version !== range.version || r.n < range.first || r.n > range.end)
      throw invalid(field, `${requestedIp} is not a usable address of subnet ${subnet.name} (${subnet.cidr})`);
    ip = fmt(r.n);
    if (used.has(ip)) throw conflict(`${field} ${ip} is already in use on subnet ${subnet.name}`);
  } else if (range.version === 4) {
    for (let n = range.first; n <= range.end; n++) {
      const candidate = fmt(n);
      if (!used.has(candidate)) {
        ip = candidate;
        break;
      }
    }
  } else {
    for (let i = 0; i < 16 && !ip; i++) {
      const span = range.last - range.network;
      const candidate = fmt(range.network + 2n + (BigInt('0x' + randomBytes(8).toString('hex')) % (span > 3n ? span - 2n : 1n)));
      if (!used.has(candidate)) ip = candidate;
    }
  }
  if (!ip) {
    const full = conflict(`subnet ${subnet.name} (${subnet.cidr}) has no free address left`);
    fullSubnetErrors.add(full);
    throw full;
  }
  const port: PortRow = {
    id: newId(),
    network_id: subnet.network_id,
    subnet_id: subnet.id,
    ip_address: ip,
    mac_address: randomMac(),
    project_id: device.projectId,
    device_type: device.type,
    device_id: device.id,
    name: device.name ?? '',
  };
  await q.query(
    `INSERT INTO sim_ports (id, network_id, subnet_id, ip_address, mac_address, project_id, device_type, device_id, name, created_at)
     VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,now())`,
    [port.id, port.network_id, port.subnet_id, port.ip_address, port.mac_address, port.project_id, port.device_type, port.device_id, port.name],
  );
  return port;
}
