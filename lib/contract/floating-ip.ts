import { z } from 'zod';
import { Description, Id, ProjectListQuery } from './common';
import { stateRules, type StateRow } from './state-rules';

export const FloatingIpStatus = z.enum(['ACTIVE', 'DOWN', 'ERROR']);
export type FloatingIpStatus = z.infer<typeof FloatingIpStatus>;

/** What one can do to a floating IP: 6.4 b update (bind, unbind, describe) and B.45 delete. */
export const FloatingIpOperation = z.enum(['update', 'delete']);
export type FloatingIpOperation = z.infer<typeof FloatingIpOperation>;

/**
 * The one rule, as Neutron: a floating IP's status only reports its port (ACTIVE bound and up, DOWN unbound or the
 * server down, ERROR), it gates nothing; binding a bound one is refused by its port, not its status.
 */
const floatingIpStates = {
  ACTIVE: { transitional: false, allows: ['update', 'delete'] },
  DOWN: { transitional: false, allows: ['update', 'delete'] },
  ERROR: { transitional: false, allows: ['update', 'delete'] },
} as const satisfies Record<FloatingIpStatus, StateRow<FloatingIpOperation>>;

export const floatingIpRules = stateRules<FloatingIpStatus, FloatingIpOperation>(
  floatingIpStates,
  FloatingIpOperation.options,
  { update: 'update', delete: 'delete' },
);

/** B.43 / B.44 floating IP. */
export const FloatingIp = z
  .object({
    id: Id,
    project_id: Id,
    floating_ip_address: z.string(),
    fixed_ip_address: z.string().nullable(),
    external_network_id: Id,
    port_id: Id.nullable(),
    status: FloatingIpStatus,
    description: z.string(),
    port_details: z
      .object({ status: z.string(), name: z.string(), network_id: Id, device_id: Id, mac_address: z.string() })
      .nullable(),
    created_at: z.string(),
  })
  .meta({ id: 'FloatingIp' });
export type FloatingIp = z.infer<typeof FloatingIp>;

/** B.42 创建浮动IP. */
export const FloatingIpCreateInput = z
  .object({
    external_network_id: Id,
    floating_ip_address: z.string().max(64).optional(),
    subnet_id: Id.optional(),
    port_id: Id.optional(),
    fixed_ip_address: z.string().max(64).optional(),
    description: Description.default(''),
  })
  .refine((v) => v.fixed_ip_address === undefined || v.port_id !== undefined, {
    message: 'may only be given together with port_id',
    path: ['fixed_ip_address'],
  })
  .meta({ id: 'FloatingIpCreateInput' });
export type FloatingIpCreateInput = z.infer<typeof FloatingIpCreateInput>;

/** 6.4 b 修改浮动IP: bind (port_id), unbind (port_id null), describe. */
export const FloatingIpUpdateInput = z
  .object({
    port_id: Id.nullable().optional(),
    fixed_ip_address: z.string().max(64).optional(),
    description: Description.optional(),
  })
  .refine((v) => v.fixed_ip_address === undefined || typeof v.port_id === 'string', {
    message: 'may only be given together with port_id',
    path: ['fixed_ip_address'],
  })
  .meta({ id: 'FloatingIpUpdateInput' });
export type FloatingIpUpdateInput = z.infer<typeof FloatingIpUpdateInput>;
export const FloatingIpListQuery = ProjectListQuery.extend({ status: FloatingIpStatus.optional() });
export const floatingIpSortFields = ['floating_ip_address', 'status', 'created_at'] as const;
