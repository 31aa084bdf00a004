import 'server-only';
import { unsupportedTable } from '../shared/unsupported';

/** What the Shanhe API (as this driver models it) cannot do, with the reason an admin sees. */
export const shanheUnsupported = unsupportedTable({
  'GET /servers/{id}/console-log': 'the Shanhe API overview this driver follows documents no console output action',
  'POST /volumes/{id}/retype':
    "changing a volume's type: the Shanhe API overview this driver follows documents no such action",
  'POST /snapshots': 'volume snapshots: the Shanhe API overview this driver follows documents no snapshot actions',
  'GET /snapshots': 'volume snapshots: the Shanhe API overview this driver follows documents no snapshot actions',
  'GET /snapshots/{id}': 'volume snapshots: the Shanhe API overview this driver follows documents no snapshot actions',
  'PATCH /snapshots/{id}':
    'volume snapshots: the Shanhe API overview this driver follows documents no snapshot actions',
  'DELETE /snapshots/{id}':
    'volume snapshots: the Shanhe API overview this driver follows documents no snapshot actions',
  'GET /demo': "the presenter's panel drives the simulated cloud only",
  'POST /demo/reset': "the presenter's panel drives the simulated cloud only",
  'PUT /demo/faults': "the presenter's panel drives the simulated cloud only",
  'POST /servers/{id}/live-migrate':
    'the Shanhe API offers no live migration to tenants: the cloud moves instances itself',
  'POST /flavors': 'Shanhe instance types are fixed by the cloud; a tenant cannot create them',
  'DELETE /flavors/{id}': 'Shanhe instance types are fixed by the cloud; a tenant cannot delete them',
  'PUT /images/{id}/file': 'the Shanhe API has no image upload: images are captured from a stopped instance',
  'POST /images/{id}/import':
    'the Shanhe API cannot import an image from a URL: images are captured from a stopped instance',
  'GET /images/{id}/file': 'the Shanhe API has no image download',
  'PATCH /images/{id}#properties':
    "ModifyImageAttributes changes only an image's name and description: the Shanhe API has no custom image properties (properties)",
  'POST /images#metadata':
    'the Shanhe API cannot create an empty image awaiting a file: capture one from a stopped instance',
  'POST /floating-ips': "Shanhe's floating addresses are EIPs: use the public IP operations",
  'DELETE /floating-ips/{id}': "Shanhe's floating addresses are EIPs: use the public IP operations",
  'POST /floating-ips/{id}/delete': "Shanhe's floating addresses are EIPs: use the public IP operations",
  'PUT /floating-ips/{id}': "Shanhe's floating addresses are EIPs: use the public IP operations",
  'GET /floating-ips/{id}': "Shanhe's floating addresses are EIPs: use the public IP operations",
  'GET /floating-ips': "Shanhe's floating addresses are EIPs: use the public IP operations",
  'POST /key-pairs':
    'this driver does not implement the Shanhe key pair actions (CreateKeyPair, DescribeKeyPairs, DeleteKeyPairs)',
  'GET /key-pairs':
    'this driver does not implement the Shanhe key pair actions (CreateKeyPair, DescribeKeyPairs, DeleteKeyPairs)',
  'GET /key-pairs/{name}':
    'this driver does not implement the Shanhe key pair actions (CreateKeyPair, DescribeKeyPairs, DeleteKeyPairs)',
  'DELETE /key-pairs/{name}':
    'this driver does not implement the Shanhe key pair actions (CreateKeyPair, DescribeKeyPairs, DeleteKeyPairs)',
  'POST /servers#key_name':
    'key_name: this driver runs instances without a key pair (the Shanhe key pair actions are not implemented)',
  'GET /hosts': 'a public cloud does not show its compute hosts',
  'POST /servers#host': 'host: a public cloud places servers on its own hosts; a host cannot be chosen',
  'GET /hosts/{id}': 'a public cloud does not show its compute hosts',
  'POST /hosts/{id}/disable':
    'a public cloud schedules servers on its own hosts: a tenant cannot take one out of service',
  'POST /hosts/{id}/enable':
    'a public cloud schedules servers on its own hosts: a tenant cannot take one out of service',
  'POST /hosts/{id}/migrate-servers':
    'a public cloud moves servers between its hosts itself: there is no host to empty',
  'GET /usage': "Shanhe's usage history is in its billing APIs, which this driver does not implement",
  'GET /projects': 'a Shanhe access key belongs to one account; there are no projects to list',
  'GET /projects/usage': 'a Shanhe access key belongs to one account; there are no projects to list',
  'POST /projects': 'a Shanhe access key belongs to one account; projects cannot be created through the console',
  'DELETE /projects/{id}': 'a Shanhe access key belongs to one account; projects cannot be removed through the console',
  'PUT /projects/{id}/quotas': 'quotas are raised by a ticket to Shanhe, not set by the console',
  'PATCH /projects/{id}':
    'a Shanhe access key belongs to one account; its one project cannot be changed through the console',
  'POST /projects/{id}/disable':
    'a Shanhe access key belongs to one account; its one project cannot be changed through the console',
  'POST /projects/{id}/enable':
    'a Shanhe access key belongs to one account; its one project cannot be changed through the console',
  'GET /projects/{id}/resources': 'a Shanhe access key belongs to one account; there are no projects to list',
  'POST /projects/{id}/purge':
    'a Shanhe access key belongs to one account; projects cannot be removed through the console',
  'GET /projects/{id}/purge':
    'a Shanhe access key belongs to one account; projects cannot be removed through the console',
  'GET /quotas/defaults': 'a public cloud sets the quotas of new projects itself; Shanhe publishes no defaults to set',
  'PUT /quotas/defaults': 'a public cloud sets the quotas of new projects itself; Shanhe publishes no defaults to set',
  'POST /users': 'sub-accounts and access keys are managed in the Shanhe console',
  'GET /users': 'sub-accounts and access keys are managed in the Shanhe console',
  'GET /users/{id}': 'sub-accounts and access keys are managed in the Shanhe console',
  'PATCH /users/{id}': 'sub-accounts and access keys are managed in the Shanhe console',
  'POST /users/{id}/setup-link': 'sub-accounts and access keys are managed in the Shanhe console',
  'DELETE /users/{id}': 'sub-accounts and access keys are managed in the Shanhe console',
  'POST /users/{id}/disable': 'sub-accounts and access keys are managed in the Shanhe console',
  'POST /users/{id}/enable': 'sub-accounts and access keys are managed in the Shanhe console',
  'PUT /users/{id}/password': 'sub-accounts and access keys are managed in the Shanhe console',
  'PUT /users/{id}/projects/{project_id}': 'sub-accounts and access keys are managed in the Shanhe console',
  'DELETE /users/{id}/projects/{project_id}': 'sub-accounts and access keys are managed in the Shanhe console',
  'POST /auth/password':
    "the console signs in with an access key (AK/SK), which has no password to change: rotate the key in the cloud's own console",
  'GET /quotas/compute#datacenter': "a public cloud does not show a zone's physical capacity",
  'GET /quotas/volume#datacenter': "a public cloud does not show a zone's physical capacity",
  'GET /quotas/compute#project_id':
    'a Shanhe access key belongs to one account: there is no other project whose quota and usage could be read',
  'GET /quotas/volume#project_id':
    'a Shanhe access key belongs to one account: there is no other project whose quota and usage could be read',
  'GET /servers#project_id':
    'a Shanhe access key belongs to one account: there is no other project whose servers could be listed',
  'GET /images#project_id':
    'a Shanhe access key belongs to one account: there is no other project whose images could be listed',
  'GET /load-balancers#project_id':
    'a Shanhe access key belongs to one account: there is no other project whose load balancers could be listed',
  'GET /networks#project_id':
    'a Shanhe access key belongs to one account: there is no other project whose networks could be listed',
  'GET /public-ips#project_id':
    'a Shanhe access key belongs to one account: there is no other project whose public IPs could be listed',
  'GET /security-groups#project_id':
    'a Shanhe access key belongs to one account: there is no other project whose security groups could be listed',
  'GET /volumes#project_id':
    'a Shanhe access key belongs to one account: there is no other project whose volumes could be listed',
  'POST /servers#networks.port_id':
    'networks[].port_id: RunInstances joins an instance to a vxnet and makes its port; an existing port cannot be used',
  'POST /servers#block_devices.source_type=image':
    'block_devices[]: RunInstances takes no block devices: create volumes and attach them once the server runs',
  'POST /servers#block_devices.source_type=volume':
    'block_devices[]: RunInstances takes no block devices: create volumes and attach them once the server runs',
  'POST /servers#block_devices.source_type=snapshot':
    'block_devices[]: RunInstances takes no block devices: create volumes and attach them once the server runs',
  'POST /servers#block_devices.source_type=blank':
    'block_devices[]: RunInstances takes no block devices: create volumes and attach them once the server runs',
  'POST /volumes#source.image_id': 'source.image_id: CreateVolumes makes blank volumes only',
  'POST /volumes#source.snapshot_id': 'source.snapshot_id: CreateVolumes makes blank volumes only',
  'POST /volumes#multiattach': 'multiattach: Shanhe volumes attach to one instance at a time',
  'POST /volumes/{id}/attach#mode=ro':
    'mode ro: AttachVolumes attaches a volume read-write; there is no read-only mode',
  'POST /public-ips#ip_version=IPv6': 'ip_version IPv6: Shanhe EIPs are IPv4',
  'POST /networks/{id}/subnets#ip_version=6': 'ip_version 6: Shanhe vxnets take IPv4 networks',
  'PATCH /images/{id}#path=/architecture':
    '/architecture: ModifyImageAttributes changes only the name and description of an image',
  'PATCH /images/{id}#path=/visibility':
    '/visibility: ModifyImageAttributes changes only the name and description of an image',
  'PATCH /images/{id}#path=/protected':
    '/protected: ModifyImageAttributes changes only the name and description of an image',
  'PATCH /images/{id}#path=/min_ram_mb':
    '/min_ram_mb: ModifyImageAttributes changes only the name and description of an image',
  'PATCH /images/{id}#path=/min_disk_gb':
    '/min_disk_gb: ModifyImageAttributes changes only the name and description of an image',
  'PATCH /images/{id}#path=/disk_format':
    '/disk_format: ModifyImageAttributes changes only the name and description of an image',
  'PATCH /images/{id}#path=/container_format':
    '/container_format: ModifyImageAttributes changes only the name and description of an image',
  'PATCH /images/{id}#path=/tags': '/tags: ModifyImageAttributes changes only the name and description of an image',
});

/** A key of this table: what `refuse` takes. */
export type ShanheRefusal = Parameters<typeof shanheUnsupported.refuse>[0];
