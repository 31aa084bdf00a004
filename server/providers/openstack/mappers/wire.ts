import 'server-only';

/** The backends' wire shapes (only the fields the mappers read). They never cross the provider interface. */

export interface NovaServer {
  id: string;
  name: string;
  description?: string | null;
  tenant_id: string;
  status: string;
  'OS-EXT-STS:task_state'?: string | null;
  'OS-EXT-STS:vm_state'?: string | null;
  'OS-EXT-AZ:availability_zone'?: string;
  'OS-EXT-SRV-ATTR:host'?: string | null;
  'os-extended-volumes:volumes_attached'?: { id: string }[];
  flavor: { id?: string; original_name?: string };
  image: { id: string } | '' | null;
  metadata?: Record<string, string>;
  security_groups?: { name: string }[];
  key_name?: string | null;
  created: string;
  updated: string;
}

export interface NovaFlavor {
  id: string;
  name: string;
  vcpus: number;
  ram: number;
  disk: number;
  'os-flavor-access:is_public'?: boolean;
}

export interface NeutronPort {
  id: string;
  name: string;
  network_id: string;
  device_id: string;
  device_owner: string;
  project_id: string;
  mac_address: string;
  status: string;
  fixed_ips: { subnet_id: string; ip_address: string }[];
  security_groups?: string[];
  created_at?: string;
}

export interface NeutronFloatingIp {
  id: string;
  project_id: string;
  floating_ip_address: string;
  fixed_ip_address: string | null;
  floating_network_id: string;
  port_id: string | null;
  status: string;
  description?: string;
  tags?: string[];
  port_details?: { status: string; name: string; network_id: string; device_id: string; mac_address: string } | null;
  created_at?: string;
}

export interface NeutronNetwork {
  id: string;
  name: string;
  project_id: string;
  'router:external'?: boolean;
  shared?: boolean;
  status: string;
  subnets: string[];
  created_at?: string;
}

export interface NeutronSubnet {
  id: string;
  name: string;
  network_id: string;
  project_id: string;
  cidr: string;
  gateway_ip: string | null;
  ip_version: number;
  created_at?: string;
}

export interface NeutronSecurityGroupRule {
  id: string;
  security_group_id: string;
  project_id: string;
  description?: string | null;
  direction: 'ingress' | 'egress';
  ethertype: 'IPv4' | 'IPv6';
  protocol: string | null;
  remote_group_id: string | null;
  remote_ip_prefix: string | null;
  port_range_min: number | null;
  port_range_max: number | null;
  created_at?: string;
}

export interface NeutronSecurityGroup {
  id: string;
  project_id: string;
  name: string;
  description?: string;
  security_group_rules: NeutronSecurityGroupRule[];
  created_at?: string;
}

export interface GlanceImage {
  id: string;
  name: string | null;
  status: string;
  visibility: string;
  protected: boolean;
  owner: string;
  tags: string[];
  min_ram: number;
  min_disk: number;
  size: number | null;
  disk_format: string | null;
  container_format: string | null;
  checksum: string | null;
  os_hash_algo?: string | null;
  os_hash_value?: string | null;
  created_at: string;
  updated_at: string;
  /** Free-form properties sit beside the base ones. */
  [property: string]: unknown;
}

export interface CinderVolume {
  id: string;
  name: string | null;
  description: string | null;
  'os-vol-tenant-attr:tenant_id'?: string;
  'os-vol-host-attr:host'?: string | null;
  availability_zone: string;
  size: number;
  volume_type: string | null;
  multiattach: boolean;
  bootable: string;
  status: string;
  attachments: { server_id: string; device: string; attachment_id: string }[];
  volume_image_metadata?: Record<string, string>;
  snapshot_id?: string | null;
  created_at: string;
  updated_at: string | null;
}

/** Cinder v3 snapshot (GET /snapshots/detail). */
export interface CinderSnapshot {
  id: string;
  name: string | null;
  description: string | null;
  volume_id: string;
  size: number;
  status: string;
  'os-extended-snapshot-attributes:project_id'?: string;
  created_at: string;
  updated_at: string | null;
}

export interface OctaviaLoadBalancer {
  id: string;
  project_id: string;
  name: string;
  description: string;
  vip_address: string | null;
  vip_subnet_id: string | null;
  vip_network_id?: string | null;
  provisioning_status: string;
  listeners: { id: string }[];
  pools: { id: string }[];
  created_at: string;
  tags?: string[];
}

export interface OctaviaListener {
  id: string;
  protocol: string;
  protocol_port: number;
  default_pool_id: string | null;
  loadbalancers: { id: string }[];
}

export interface OctaviaMember {
  id: string;
  name: string;
  address: string;
  protocol_port: number;
  subnet_id?: string | null;
  tags?: string[];
}

export interface OctaviaPool {
  id: string;
  name: string;
  protocol: string;
  loadbalancers: { id: string }[];
  listeners: { id: string }[];
  members: { id: string }[];
}
