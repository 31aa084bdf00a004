import 'server-only';
import { randomBytes } from 'node:crypto';
import { cidrRange, formatIp, parseIp } from '@/lib/network/ip';
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
  const range = cidrRange(subnet.cidr);
  if (!range) throw invalid('cidr', `"${subnet.cidr}" is not a CIDR`);
  const used = new Set(
    (await q.query<{ ip_address: string }>('SELECT ip_address FROM sim_ports WHERE subnet_id = $1', [subnetId])).map(
      (r) => r.ip_address,
    ),
  );
  if (subnet.gateway_ip) used.add(subnet.gateway_ip);
  const fmt = (n: bigint) => formatIp(range.version, n);
  let ip: string | undefined;
  if (requestedIp) {
    const r = parseIp(requestedIp);
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
      const candidate = fmt(
        range.network + 2n + (BigInt('0x' + randomBytes(8).toString('hex')) % (span > 3n ? span - 2n : 1n)),
      );
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
    [
      port.id,
      port.network_id,
      port.subnet_id,
      port.ip_address,
      port.mac_address,
      port.project_id,
      port.device_type,
      port.device_id,
      port.name,
    ],
  );
  return port;
}
