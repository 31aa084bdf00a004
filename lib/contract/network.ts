import { z } from 'zod';
import { Id, ProjectListQuery, Name } from './common';

export const Subnet = z
  .object({
    id: Id,
    name: z.string(),
    network_id: Id,
    cidr: z.string(),
    gateway_ip: z.string().nullable(),
    ip_version: z.union([z.literal(4), z.literal(6)]),
  })
  .meta({ id: 'Subnet' });
export type Subnet = z.infer<typeof Subnet>;

/** B.39-B.41 network. */
export const Network = z
  .object({
    id: Id,
    name: z.string(),
    project_id: Id.nullable().meta({ description: 'null for shared networks (e.g. external)' }),
    external: z.boolean(),
    shared: z.boolean(),
    status: z.enum(['active', 'down']),
    subnets: z.array(Subnet),
    created_at: z.string(),
  })
  .meta({ id: 'Network' });
export type Network = z.infer<typeof Network>;

export const NetworkCreateInput = z
  .object({ name: Name, external: z.boolean().default(false).meta({ description: 'admin only' }) })
  .meta({ id: 'NetworkCreateInput' });
export type NetworkCreateInput = z.infer<typeof NetworkCreateInput>;

export const SubnetCreateInput = z
  .object({
    name: Name,
    cidr: z.string().min(1, 'is required').max(64),
    gateway_ip: z.string().max(64).nullable().optional(),
    ip_version: z
      .union([z.literal(4), z.literal(6)])
      .optional()
      .meta({ description: 'taken from cidr when omitted; when given, it must match cidr' }),
  })
  .meta({ id: 'SubnetCreateInput' });
export type SubnetCreateInput = z.infer<typeof SubnetCreateInput>;

/** A created subnet, with what the caller should know but which did not stop the creation (e.g. overlaps). */
export const SubnetCreated = z.object({ subnet: Subnet, warnings: z.array(z.string()) }).meta({ id: 'SubnetCreated' });
export type SubnetCreated = z.infer<typeof SubnetCreated>;

export const NetworkListQuery = ProjectListQuery.extend({ external: z.enum(['true', 'false']).optional() });
export type NetworkListQuery = z.infer<typeof NetworkListQuery>;
export const networkSortFields = ['name', 'created_at'] as const;
