import { z } from 'zod';
import { Description, Id, ProjectListQuery, Metadata, Name, Timestamp } from './common';
import { stateRules, type StateRow } from './state-rules';

export const ServerStatus = z.enum([
  'building',
  'active',
  'stopped',
  'rebooting',
  'resizing',
  'migrating',
  'deleting',
  'error',
]);
export type ServerStatus = z.infer<typeof ServerStatus>;

/** What one can do to a server: each POST action of B.2.1, PUT (update), DELETE, B.29 from it, B.80 to it. */
export const ServerOperation = z.enum([
  'start',
  'stop',
  'reboot-soft',
  'reboot-hard',
  'resize',
  'live-migrate',
  'update',
  'delete',
  'create-image',
  'attach-volume',
]);
export type ServerOperation = z.infer<typeof ServerOperation>;

/**
 * The one rule of which server operation each status accepts (anything else is the API's 409 naming the status).
 * As Nova: stop also from error, a hard reboot also from stopped or error and over a soft reboot still running;
 * resize and images from active or stopped; live migration only from active; volumes attach to active or
 * stopped servers (API.md B.4). A resize or migration in flight cannot be deleted under it.
 */
const serverStates = {
  building: { transitional: true, allows: ['update', 'delete'] },
  active: {
    transitional: false,
    allows: [
      'stop',
      'reboot-soft',
      'reboot-hard',
      'resize',
      'live-migrate',
      'update',
      'delete',
      'create-image',
      'attach-volume',
    ],
  },
  stopped: {
    transitional: false,
    allows: ['start', 'reboot-hard', 'resize', 'update', 'delete', 'create-image', 'attach-volume'],
  },
  rebooting: { transitional: true, allows: ['reboot-hard', 'update', 'delete'] },
  resizing: { transitional: true, allows: ['update'] },
  migrating: { transitional: true, allows: ['update'] },
  deleting: { transitional: true, allows: [] },
  error: { transitional: false, allows: ['stop', 'reboot-hard', 'update', 'delete'] },
} as const satisfies Record<ServerStatus, StateRow<ServerOperation>>;

export const serverRules = stateRules<ServerStatus, ServerOperation>(serverStates, ServerOperation.options, {
  start: 'start',
  stop: 'stop',
  'reboot-soft': 'soft reboot',
  'reboot-hard': 'hard reboot',
  resize: 'resize',
  'live-migrate': 'live-migrate',
  update: 'update',
  delete: 'delete',
  'create-image': 'create an image of',
  'attach-volume': 'attach a volume to',
});
export const serverActionAllowed = (action: ServerOperation, status: ServerStatus) =>
  serverRules.allowed(action, status);
export const isServerTransitional = (status: ServerStatus) => serverRules.isTransitional(status);

/** B.14 address of a server on a network. */
export const ServerAddress = z.object({
  network_id: Id,
  subnet_id: Id.optional(),
  port_id: Id.optional().meta({ description: 'the port holding the address (bind floating IPs to it)' }),
  private_ip: z.string(),
  floating_ip: z.string().nullable(),
});

/** B.13 / B.20 server. */
export const Server = z
  .object({
    id: Id,
    name: z.string(),
    description: z.string(),
    project_id: Id,
    flavor_id: Id,
    image_id: Id.nullable(),
    volume_ids: z.array(Id),
    addresses: z.array(ServerAddress),
    status: ServerStatus,
    security_groups: z.array(z.object({ id: Id, name: z.string() })),
    metadata: Metadata,
    created_at: Timestamp,
    updated_at: Timestamp,
    datacenter_id: Id,
    host: z.string().optional().meta({ description: 'compute host (admins only)' }),
    key_name: z.string().nullable().meta({ description: 'the key pair the server was created with' }),
  })
  .meta({ id: 'Server' });
export type Server = z.infer<typeof Server>;

/** Reference by id or by the resource's own /api/v1 URL (the standard allows "ID or URL"). */
export const refFrom = (collection: string) =>
  z
    .string()
    .min(1, 'is required')
    .max(512)
    .transform((v) => {
      const m = v.match(new RegExp(`/api/v1/${collection}/([^/?#]+)/?$`));
      return m?.[1] ? decodeURIComponent(m[1]) : v;
    });

const ipv4 = z.string().regex(/^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/, 'must be an IPv4 address');

/** B.7-B.10 创建云主机. */
export const ServerCreateInput = z
  .object({
    name: Name,
    description: Description.default(''),
    flavor_id: refFrom('flavors'),
    image_id: refFrom('images'),
    networks: z
      .array(
        z.object({
          network_id: Id,
          port_id: Id.optional(),
          fixed_ip: z.union([ipv4, z.ipv6()]).optional(),
        }),
      )
      .max(8)
      .default([]),
    block_devices: z
      .array(
        z.object({
          source_type: z.enum(['volume', 'image', 'snapshot', 'blank']),
          uuid: Id.optional(),
          size_gb: z.number().int().min(1).max(16384).optional(),
          name: z.string().max(255).optional(),
          boot_index: z.number().int().min(0).optional(),
        }),
      )
      .max(16)
      .default([]),
    metadata: Metadata.default({}),
    user_data: z.string().max(65536, 'must be at most 64 KiB').optional(),
    security_group_ids: z.array(Id).max(16).default([]),
    key_name: z.string().min(1, 'must not be empty').max(255).optional().meta({
      description: "one of the signed-in user's key pairs, its public key put on the server",
    }),
    datacenter_id: Id.optional(),
    host: z.string().min(1, 'must not be empty').max(255).optional().meta({
      description:
        'place the server on this compute host, by name (administrators; a disabled host is refused with its reason)',
    }),
  })
  .superRefine((v, ctx) => {
    v.block_devices.forEach((bd, i) => {
      if (bd.source_type !== 'blank' && !bd.uuid)
        ctx.addIssue({
          code: 'custom',
          path: ['block_devices', i, 'uuid'],
          message: 'is required for source_type ' + bd.source_type,
        });
      if (bd.source_type === 'blank' && !bd.size_gb)
        ctx.addIssue({
          code: 'custom',
          path: ['block_devices', i, 'size_gb'],
          message: 'is required for a blank volume',
        });
    });
  })
  .meta({ id: 'ServerCreateInput' });
export type ServerCreateInput = z.infer<typeof ServerCreateInput>;

/** B.15 修改云主机. */
export const ServerUpdateInput = z
  .object({ name: Name.optional(), description: Description.optional() })
  .refine((v) => v.name !== undefined || v.description !== undefined, {
    message: 'give name or description',
    path: ['name'],
  })
  .meta({ id: 'ServerUpdateInput' });
export type ServerUpdateInput = z.infer<typeof ServerUpdateInput>;

export const ServerRebootInput = z.object({ type: z.enum(['soft', 'hard']) }).meta({ id: 'ServerRebootInput' });
export const ServerLiveMigrateInput = z
  .object({ host: z.string().min(1, 'is required').max(255) })
  .meta({ id: 'ServerLiveMigrateInput' });
export const ServerResizeInput = z.object({ flavor_id: refFrom('flavors') }).meta({ id: 'ServerResizeInput' });

/** The console log's query (extension, Nova's os-getConsoleOutput): the last `lines` lines. */
export const ConsoleLogQuery = z.object({
  lines: z.coerce
    .number()
    .int('must be a whole number')
    .min(1, 'must be at least 1')
    .max(10000, 'must be at most 10000')
    .default(100),
});
export type ConsoleLogQuery = z.infer<typeof ConsoleLogQuery>;
export const ConsoleLog = z
  .object({
    output: z.string().meta({ description: "the last lines of the server's serial console, oldest first" }),
    lines: z.number().int().meta({ description: 'how many lines `output` holds' }),
  })
  .meta({ id: 'ConsoleLog' });
export type ConsoleLog = z.infer<typeof ConsoleLog>;

export const ServerListQuery = ProjectListQuery.extend({
  status: ServerStatus.optional(),
  datacenter_id: z.string().max(128).optional(),
  host: z
    .string()
    .min(1, 'must not be empty')
    .max(255)
    .optional()
    .meta({ description: "only the servers on this compute host, by its name (administrators; the host page's list)" }),
});
export type ServerListQuery = z.infer<typeof ServerListQuery>;
export const serverSortFields = ['name', 'status', 'created_at', 'datacenter_id'] as const;
