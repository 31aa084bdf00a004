import { z } from 'zod';
import { Description, Id, ListQuery } from './common';

/** B.43 / B.44 floating IP. */
export const FloatingIp = z
  .object({
    id: Id,
    project_id: Id,
    floating_ip_address: z.string(),
    fixed_ip_address: z.string().nullable(),
    external_network_id: Id,
    port_id: Id.nullable(),
    status: z.enum(['ACTIVE', 'DOWN', 'ERROR']),
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
export const FloatingIpListQuery = ListQuery.extend({ status: z.enum(['ACTIVE', 'DOWN', 'ERROR']).optional() });
export const floatingIpSortFields = ['floating_ip_address', 'status', 'created_at'] as const;
