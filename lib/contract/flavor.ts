import { z } from 'zod';
import { Id, ListQuery } from './common';

export const Flavor = z
  .object({
    id: Id,
    name: z.string(),
    vcpus: z.number().int(),
    ram_mb: z.number().int(),
    disk_gb: z.number().int(),
    is_public: z.boolean(),
  })
  .meta({ id: 'Flavor' });
export type Flavor = z.infer<typeof Flavor>;

/** B.23 创建云主机规格 (admin). */
export const FlavorCreateInput = z
  .object({
    id: z
      .string()
      .min(1, 'is required')
      .max(64)
      .regex(/^[\w.-]+$/, 'may use letters, digits, . _ -'),
    name: z.string().trim().min(1, 'is required').max(255),
    vcpus: z.number().int('must be a whole number').min(1, 'must be at least 1').max(512),
    ram_mb: z
      .number()
      .int('must be a whole number')
      .min(64, 'must be at least 64')
      .max(4 * 1024 * 1024),
    disk_gb: z.number().int('must be a whole number').min(0, 'must not be negative').max(65536),
    is_public: z.boolean().default(true),
  })
  .meta({ id: 'FlavorCreateInput' });
export type FlavorCreateInput = z.infer<typeof FlavorCreateInput>;
export const FlavorListQuery = ListQuery;
export const flavorSortFields = ['name', 'vcpus', 'ram_mb', 'disk_gb'] as const;
