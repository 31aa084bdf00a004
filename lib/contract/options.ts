import type { OperationKey } from './operations';
import { imageWritableProperties } from './image';

/**
 * The options of an operation whose support differs between backends: a field, or one value of a field, that some
 * cloud cannot honour although it performs the operation itself. Each is named `METHOD /path#option` and described
 * for the capabilities page. A driver that lacks one declares it in its table of what it cannot do and refuses it
 * with `refuse(key)` — the same table `GET /capabilities` publishes — so the 501 and the capability row cannot
 * disagree (tests/http/capability-options.test.ts sends every option to the running backend and checks both ways).
 *
 * An option is listed here only when a backend of ours lacks it; a field every backend honours needs no row.
 */
/** A list's `project_id` naming another project (administrators): public clouds work in one configured project. */
function listOfProject<K extends OperationKey>(key: K, what: string) {
  return { [key]: { project_id: `project_id: another project's ${what} (administrators)` } } as {
    [P in K]: { project_id: string };
  };
}

export const operationOptions = {
  'POST /servers': {
    'networks.port_id': 'boot on an existing port (networks[].port_id) instead of letting the cloud make one',
    'block_devices.source_type=image': 'a boot or data disk made from an image (block_devices[].source_type image)',
    'block_devices.source_type=volume': 'attach an existing volume at boot (block_devices[].source_type volume)',
    'block_devices.source_type=snapshot': 'a disk made from a volume snapshot (block_devices[].source_type snapshot)',
    'block_devices.source_type=blank': 'a new empty data disk at boot (block_devices[].source_type blank)',
    host: 'place the server on a chosen compute host (host, administrators)',
    key_name: "put one of the user's SSH key pairs on the server (key_name)",
  },
  'POST /volumes': {
    'source.image_id': 'a volume made from an image',
    'source.snapshot_id': 'a volume made from a volume snapshot',
    multiattach: 'a volume that attaches to several servers at once',
  },
  'POST /volumes/{id}/attach': {
    'mode=ro': 'attach read-only (mode ro)',
  },
  'POST /public-ips': {
    'ip_version=IPv6': 'an IPv6 public IP',
  },
  'POST /networks/{id}/subnets': {
    'ip_version=6': 'an IPv6 subnet',
  },
  'POST /images': {
    metadata: 'an empty image awaiting its file (no server_id): the first step of an upload',
    'visibility=public': 'an empty image created public (visibility public)',
    'architecture=aarch64': 'an empty image for ARM servers (architecture aarch64)',
    properties: 'custom properties given at creation',
  },
  'PATCH /images/{id}': {
    ...(Object.fromEntries(
      Object.keys(imageWritableProperties).map((p) => [`path=/${p}`, `change the image's ${p}`]),
    ) as Record<`path=/${keyof typeof imageWritableProperties}`, string>),
    properties: 'add, change and remove custom properties (GIS metadata such as gis_crs)',
  },
  'GET /quotas/compute': {
    datacenter: "scope=datacenter: the datacenter's physical capacity and use",
    project_id: "project_id: another project's quota and usage (administrators)",
  },
  'GET /quotas/volume': {
    datacenter: "scope=datacenter: the datacenter's physical capacity and use",
    project_id: "project_id: another project's quota and usage (administrators)",
  },
  ...listOfProject('GET /servers', 'servers'),
  ...listOfProject('GET /volumes', 'volumes'),
  ...listOfProject('GET /networks', 'networks'),
  ...listOfProject('GET /public-ips', 'public IPs'),
  ...listOfProject('GET /load-balancers', 'load balancers'),
  ...listOfProject('GET /security-groups', 'security groups'),
  ...listOfProject('GET /images', 'images'),
  'PUT /quotas/defaults': {
    floating_ips: 'floating_ips: the floating IPs a new project may hold',
    public_ips: 'public_ips: the public IPs a new project may hold',
    security_groups: 'security_groups: the security groups a new project may hold',
  },
} as const satisfies Partial<Record<OperationKey, Record<string, string>>>;

type Options = typeof operationOptions;
/** `POST /servers#networks.port_id`: one option of one operation. */
export type OptionKey = {
  [K in keyof Options]: `${K}#${Extract<keyof Options[K], string>}`;
}[keyof Options];

/** What a driver's table of refusals may name: a whole operation, or one option of one. */
export type CapabilityKey = OperationKey | OptionKey;

/** The options of one operation, in the catalog's order (none for most). */
export function optionsOf(key: OperationKey): { name: string; description: string }[] {
  const table = (operationOptions as Partial<Record<OperationKey, Record<string, string>>>)[key];
  return Object.entries(table ?? {}).map(([name, description]) => ({ name, description }));
}

export const optionKeys: OptionKey[] = (Object.keys(operationOptions) as (keyof Options)[]).flatMap((op) =>
  Object.keys(operationOptions[op]).map((name) => `${op}#${name}` as OptionKey),
);
