import 'server-only';
import type { Queryable } from '../../db/client';
import { defaultQuotas } from './identity';
import { newId } from './state';

/** Like Neutron's: all egress, and ingress from members of the same group. */
export async function defaultSecurityGroup(q: Queryable, projectId: string) {
  const id = newId();
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
  for (const [direction, ethertype, remote] of rules)
    await q.query(
      `INSERT INTO sim_security_group_rules (id, security_group_id, direction, ethertype, remote_group_id, created_at) VALUES ($1,$2,$3,$4,$5,now())`,
      [newId(), id, direction, ethertype, remote],
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
) {
  const subnet = tenantSubnet(cidrIndex);
  const projectId = newId();
  await q.query('INSERT INTO sim_projects (id, name, description, quotas) VALUES ($1,$2,$3,$4)', [
    projectId,
    name,
    description,
    JSON.stringify(quotas),
  ]);
  const networkId = newId();
  await q.query(
    `INSERT INTO sim_networks (id, project_id, name, external, shared, created_at) VALUES ($1,$2,$3,false,false,now())`,
    [networkId, projectId, `${name}-net`],
  );
  await q.query(
    `INSERT INTO sim_subnets (id, network_id, project_id, name, cidr, gateway_ip, ip_version, created_at) VALUES ($1,$2,$3,$4,$5,$6,4,now())`,
    [newId(), networkId, projectId, `${name}-subnet`, subnet.cidr, subnet.gateway],
  );
  await defaultSecurityGroup(q, projectId);
  return projectId;
}
