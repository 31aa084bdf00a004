import 'server-only';
import type { Network, Subnet } from '@/lib/contract/network';
import { shTime } from './time';

/**
 * `DescribeVxnets` item. A vxnet is the contract's network; joined to a router it has one IP network, which is
 * its (only) subnet, with the vxnet's id.
 */
export interface ShVxnet {
  vxnet_id: string;
  vxnet_name: string;
  description?: string | null;
  vxnet_type: number;
  router?: { router_id: string; router_name?: string; ip_network: string; manager_ip?: string } | null;
  instance_ids?: string[];
  create_time?: string;
}

export const toSubnet = (v: ShVxnet): Subnet | null =>
  v.router
    ? {
        id: v.vxnet_id,
        name: v.vxnet_name,
        network_id: v.vxnet_id,
        cidr: v.router.ip_network,
        gateway_ip: v.router.manager_ip ?? null,
        ip_version: 4,
      }
    : null;

export const toNetwork = (v: ShVxnet, projectId: string): Network => ({
  id: v.vxnet_id,
  name: v.vxnet_name,
  project_id: projectId,
  external: false,
  shared: false,
  status: 'active',
  subnets: [toSubnet(v)].filter((s): s is Subnet => s !== null),
  created_at: shTime(v.create_time),
});
