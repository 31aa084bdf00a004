import 'server-only';
import type { Queryable } from '../../db/client';
import { defaultQuotas } from './identity';
import { newId } from './state';

/**
 * How a seed names what it creates: a fresh random id by default; the demo seed passes fixed ids (derived from what
 * each thing is), so a reset gives back the same ids and signed-in sessions stay valid.
 */
export type IdMaker = (what: string) => string;
const randomIds: IdMaker = () => newId();

/** Like Neutron's: all egress, and ingress from members of the same group. */
export async function defaultSecurityGroup(q: Queryable, projectId: string, ids: IdMaker = randomIds) {
  const id = ids(`security-group:${projectId}:default`);
  await q.query(
    `INSERT INTO sim_security_groups (id, project_id, name, description, created_at) VALUES ($1,$2,'default','Default security group',now())`,
    [id, projectId],
  );
  const rules = [
    ['egress', 'IPv4', null],
    ['egress', 'IPv6', null],
    ['ingress', 'IPv4', id],
    ['ingress', 'IPv6', id],
  ] as const;
  for (const [i, [direction, ethertype, remote]] of rules.entries())
    await q.query(
      `INSERT INTO sim_security_group_rules (id, security_group_id, direction, ethertype, remote_group_id, created_at) VALUES ($1,$2,$3,$4,$5,now())`,
      [ids(`security-group-rule:${id}:${i}`), id, direction, ethertype, remote],
    );
  return id;
}

/**
 * A new tenant's first subnet: 10.0.0.0/24 (index 0, every project created through the API), as on a fresh
 * OpenStack project; the demo projects get 192.168.<index>.0/24 so their addresses tell them apart.
 */
export function tenantSubnet(cidrIndex: number): { cidr: string; gateway: string } {
  return cidrIndex === 0
    ? { cidr: '10.0.0.0/24', gateway: '10.0.0.1' }
    : { cidr: `192.168.${cidrIndex}.0/24`, gateway: `192.168.${cidrIndex}.1` };
}

/** Creates a project with its own network, subnet and default security group, as a new tenant would get. */
export async function createTenantProject(
  q: Queryable,
  name: string,
  description: string,
  cidrIndex: number,
  quotas: object = defaultQuotas,
  ids: IdMaker = randomIds,
) {
  const subnet = tenantSubnet(cidrIndex);
  const projectId = ids(`project:${name}`);
  await q.query('INSERT INTO sim_projects (id, name, description, quotas) VALUES ($1,$2,$3,$4)', [
    projectId,
    name,
    description,
    JSON.stringify(quotas),
  ]);
  const networkId = ids(`network:${name}`);
  await q.query(
    `INSERT INTO sim_networks (id, project_id, name, external, shared, created_at) VALUES ($1,$2,$3,false,false,now())`,
    [networkId, projectId, `${name}-net`],
  );
  await q.query(
    `INSERT INTO sim_subnets (id, network_id, project_id, name, cidr, gateway_ip, ip_version, created_at) VALUES ($1,$2,$3,$4,$5,$6,4,now())`,
    [ids(`subnet:${name}`), networkId, projectId, `${name}-subnet`, subnet.cidr, subnet.gateway],
  );
  await defaultSecurityGroup(q, projectId, ids);
  return projectId;
}
