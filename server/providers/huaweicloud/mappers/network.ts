import 'server-only';
import type { Network, Subnet } from '@/lib/contract/network';
import { hwTime } from './time';

/** VPC v1: the contract's network is a VPC, its subnets are the VPC's subnets. */
export interface HwVpc {
  id: string;
  name: string;
  cidr?: string;
  status: string;
  created_at?: string;
}
export interface HwSubnet {
  id: string;
  name: string;
  cidr: string;
  gateway_ip: string;
  vpc_id: string;
  status: string;
  availability_zone?: string;
  neutron_subnet_id?: string;
}

export const toSubnet = (s: HwSubnet): Subnet => ({
  id: s.id,
  name: s.name,
  network_id: s.vpc_id,
  cidr: s.cidr,
  gateway_ip: s.gateway_ip || null,
  ip_version: 4,
});

export const toNetwork = (v: HwVpc, subnets: HwSubnet[], projectId: string): Network => ({
  id: v.id,
  name: v.name,
  project_id: projectId,
  // A VPC is never the external network: internet access is an EIP bound to a port.
  external: false,
  shared: false,
  status: v.status === 'OK' || v.status === 'CREATING' ? 'active' : 'down',
  subnets: subnets.filter((s) => s.vpc_id === v.id).map(toSubnet),
  created_at: hwTime(v.created_at),
});
