import 'server-only';
import { unsupportedTable } from '../shared/unsupported';

/** What Huawei Cloud's public APIs (as this driver models them) cannot do, with the reason an admin sees. */
export const huaweiUnsupported = unsupportedTable({
  'GET /servers/{id}/console-log':
    'ECS gives no console output through its API (only a remote-console URL, which this driver does not implement)',
  'POST /volumes/{id}/retype':
    "changing a disk's type is not implemented by the Huawei driver (EVS offers it for some disk types only)",
  'POST /snapshots':
    'EVS snapshots are not implemented by the Huawei driver yet (EVS has them: /v2/{project_id}/cloudsnapshots)',
  'GET /snapshots':
    'EVS snapshots are not implemented by the Huawei driver yet (EVS has them: /v2/{project_id}/cloudsnapshots)',
  'GET /snapshots/{id}':
    'EVS snapshots are not implemented by the Huawei driver yet (EVS has them: /v2/{project_id}/cloudsnapshots)',
  'PATCH /snapshots/{id}':
    'EVS snapshots are not implemented by the Huawei driver yet (EVS has them: /v2/{project_id}/cloudsnapshots)',
  'DELETE /snapshots/{id}':
    'EVS snapshots are not implemented by the Huawei driver yet (EVS has them: /v2/{project_id}/cloudsnapshots)',
  'GET /demo': "the presenter's panel drives the simulated cloud only",
  'POST /demo/reset': "the presenter's panel drives the simulated cloud only",
  'PUT /demo/faults': "the presenter's panel drives the simulated cloud only",
  'POST /servers/{id}/live-migrate':
    'Huawei Cloud ECS offers no live migration to tenants: the cloud moves servers itself',
  'POST /flavors': 'Huawei Cloud flavors are fixed by the cloud; a tenant cannot create them',
  'DELETE /flavors/{id}': 'Huawei Cloud flavors are fixed by the cloud; a tenant cannot delete them',
  'POST /images#visibility=public':
    'visibility: IMS creates image metadata as private only; publish the image after its upload',
  'POST /images#architecture=aarch64':
    "architecture: IMS's image metadata call has no architecture, so an uploaded file registers as x86_64",
  'POST /images#properties': 'properties: IMS keeps no custom properties of an image',
  'PATCH /images/{id}#properties':
    'IMS updates only its own fields of an image (PATCH /v2/cloudimages): custom properties (properties) are not among them',
  'POST /images/{id}/import':
    'IMS imports image files only from an OBS bucket of the same region, not from an arbitrary URL',
  'POST /floating-ips': "Huawei Cloud's floating addresses are EIPs: use the public IP operations",
  'DELETE /floating-ips/{id}': "Huawei Cloud's floating addresses are EIPs: use the public IP operations",
  'POST /floating-ips/{id}/delete': "Huawei Cloud's floating addresses are EIPs: use the public IP operations",
  'PUT /floating-ips/{id}': "Huawei Cloud's floating addresses are EIPs: use the public IP operations",
  'GET /floating-ips/{id}': "Huawei Cloud's floating addresses are EIPs: use the public IP operations",
  'GET /floating-ips': "Huawei Cloud's floating addresses are EIPs: use the public IP operations",
  'POST /key-pairs':
    "key pairs live in Huawei Cloud's key pair service (KPS, part of DEW), which this driver does not implement",
  'GET /key-pairs':
    "key pairs live in Huawei Cloud's key pair service (KPS, part of DEW), which this driver does not implement",
  'GET /key-pairs/{name}':
    "key pairs live in Huawei Cloud's key pair service (KPS, part of DEW), which this driver does not implement",
  'DELETE /key-pairs/{name}':
    "key pairs live in Huawei Cloud's key pair service (KPS, part of DEW), which this driver does not implement",
  'POST /servers#key_name':
    "key_name: this driver creates ECS servers without a key pair (Huawei's key pair service is not implemented); log in with the image's own credentials",
  'GET /hosts': 'a public cloud does not show its compute hosts',
  'POST /servers#host': 'host: a public cloud places servers on its own hosts; a host cannot be chosen',
  'GET /hosts/{id}': 'a public cloud does not show its compute hosts',
  'POST /hosts/{id}/disable':
    'a public cloud schedules servers on its own hosts: a tenant cannot take one out of service',
  'POST /hosts/{id}/enable':
    'a public cloud schedules servers on its own hosts: a tenant cannot take one out of service',
  'POST /hosts/{id}/migrate-servers':
    'a public cloud moves servers between its hosts itself: there is no host to empty',
  'GET /usage':
    "Huawei Cloud's usage history is in its billing service (BSS), whose APIs this driver does not implement",
  'GET /projects': 'projects are managed in Huawei IAM, not through the console',
  'GET /projects/usage': 'projects are managed in Huawei IAM, not through the console',
  'POST /projects': 'projects are managed in Huawei IAM, not through the console',
  'DELETE /projects/{id}': 'projects are managed in Huawei IAM, not through the console',
  'PUT /projects/{id}/quotas': 'quotas are raised by a service ticket to Huawei Cloud, not set by the console',
  'PATCH /projects/{id}': 'projects are managed in Huawei IAM, not through the console',
  'POST /projects/{id}/disable': 'projects are managed in Huawei IAM, not through the console',
  'POST /projects/{id}/enable': 'projects are managed in Huawei IAM, not through the console',
  'GET /projects/{id}/resources': 'projects are managed in Huawei IAM, not through the console',
  'POST /projects/{id}/purge': 'projects are managed in Huawei IAM, not through the console',
  'GET /projects/{id}/purge': 'projects are managed in Huawei IAM, not through the console',
  'GET /quotas/defaults':
    'a public cloud sets the quotas of new projects itself; Huawei Cloud publishes no defaults to set',
  'PUT /quotas/defaults':
    'a public cloud sets the quotas of new projects itself; Huawei Cloud publishes no defaults to set',
  'POST /users': 'users and their access keys are managed in Huawei IAM, not through the console',
  'GET /users': 'users and their access keys are managed in Huawei IAM, not through the console',
  'GET /users/{id}': 'users and their access keys are managed in Huawei IAM, not through the console',
  'PATCH /users/{id}': 'users and their access keys are managed in Huawei IAM, not through the console',
  'POST /users/{id}/setup-link': 'users and their access keys are managed in Huawei IAM, not through the console',
  'DELETE /users/{id}': 'users and their access keys are managed in Huawei IAM, not through the console',
  'POST /users/{id}/disable': 'users and their access keys are managed in Huawei IAM, not through the console',
  'POST /users/{id}/enable': 'users and their access keys are managed in Huawei IAM, not through the console',
  'PUT /users/{id}/password': 'users and their access keys are managed in Huawei IAM, not through the console',
  'PUT /users/{id}/projects/{project_id}':
    'users and their access keys are managed in Huawei IAM, not through the console',
  'DELETE /users/{id}/projects/{project_id}':
    'users and their access keys are managed in Huawei IAM, not through the console',
  'POST /auth/password':
    "the console signs in with an access key (AK/SK), which has no password to change: rotate the key in the cloud's own console",
  'GET /quotas/compute#datacenter': "a public cloud does not show a datacenter's physical capacity",
  'GET /quotas/volume#datacenter': "a public cloud does not show a datacenter's physical capacity",
  'GET /quotas/compute#project_id':
    "the console works in the one Huawei Cloud project its access key is configured for: another project's quota and usage are not readable through it",
  'GET /quotas/volume#project_id':
    "the console works in the one Huawei Cloud project its access key is configured for: another project's quota and usage are not readable through it",
  'GET /servers#project_id':
    "the console works in the one Huawei Cloud project its access key is configured for: another project's servers are not listed through it",
  'GET /images#project_id':
    "the console works in the one Huawei Cloud project its access key is configured for: another project's images are not listed through it",
  'GET /load-balancers#project_id':
    "the console works in the one Huawei Cloud project its access key is configured for: another project's load balancers are not listed through it",
  'GET /networks#project_id':
    "the console works in the one Huawei Cloud project its access key is configured for: another project's networks are not listed through it",
  'GET /public-ips#project_id':
    "the console works in the one Huawei Cloud project its access key is configured for: another project's public IPs are not listed through it",
  'GET /security-groups#project_id':
    "the console works in the one Huawei Cloud project its access key is configured for: another project's security groups are not listed through it",
  'GET /volumes#project_id':
    "the console works in the one Huawei Cloud project its access key is configured for: another project's volumes are not listed through it",
  'POST /servers#networks.port_id':
    'networks[].port_id: ECS boots every server on a new port in a VPC subnet; an existing port cannot be used',
  'POST /servers#block_devices.source_type=volume':
    'block_devices[].source_type volume: ECS creates a server with new disks only; attach an existing volume after the server is built',
  'POST /servers#block_devices.source_type=snapshot':
    'block_devices[].source_type snapshot: ECS creates a server with new disks only; snapshots are not modelled by this driver',
  'POST /volumes#source.snapshot_id':
    'source.snapshot_id: snapshots are not modelled by the Huawei driver; create from an image or blank',
  'POST /volumes/{id}/attach#mode=ro': 'mode ro: EVS attaches a disk read-write; a read-only attachment is not offered',
  'POST /networks/{id}/subnets#ip_version=6':
    'ip_version 6: Huawei VPC v1 subnets are IPv4 (IPv6 is enabled on an existing subnet in the Huawei console)',
  'PATCH /images/{id}#path=/architecture':
    '/architecture: IMS changes only the name, description, min_ram_mb and min_disk_gb of an image',
  'PATCH /images/{id}#path=/visibility':
    '/visibility: IMS changes only the name, description, min_ram_mb and min_disk_gb of an image (sharing is a separate IMS operation)',
  'PATCH /images/{id}#path=/protected':
    '/protected: IMS changes only the name, description, min_ram_mb and min_disk_gb of an image',
  'PATCH /images/{id}#path=/disk_format':
    '/disk_format: IMS changes only the name, description, min_ram_mb and min_disk_gb of an image',
  'PATCH /images/{id}#path=/container_format':
    '/container_format: IMS changes only the name, description, min_ram_mb and min_disk_gb of an image',
  'PATCH /images/{id}#path=/tags':
    '/tags: IMS changes only the name, description, min_ram_mb and min_disk_gb of an image (tags are a separate IMS operation)',
});

/** A key of this table: what `refuse` takes. */
export type HuaweiRefusal = Parameters<typeof huaweiUnsupported.refuse>[0];

/**
 * Image upload and download go through an OBS bucket (IMS imports from and exports to OBS only): without
 * HUAWEICLOUD_OBS_BUCKET they are refused with this reason, and published in the capabilities table.
 */
export const huaweiNoObs = unsupportedTable({
  'PUT /images/{id}/file':
    'IMS takes image files only from OBS: set HUAWEICLOUD_OBS_BUCKET (docs/public-clouds.md) to upload through a bucket',
  'GET /images/{id}/file':
    'IMS exports image files only to OBS: set HUAWEICLOUD_OBS_BUCKET (docs/public-clouds.md) to download through a bucket',
  'POST /images#metadata':
    'an empty image awaits a file that IMS takes only from OBS: set HUAWEICLOUD_OBS_BUCKET (docs/public-clouds.md)',
});
