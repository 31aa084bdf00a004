import { z } from 'zod';
import { Id } from './common';

/** B.4: a datacenter is an availability zone. */
export const Datacenter = z
  .object({ id: Id, name: z.string(), region: z.string(), status: z.enum(['available', 'unavailable']) })
  .meta({ id: 'Datacenter' });
export type Datacenter = z.infer<typeof Datacenter>;

/** Compute host (admin, beyond the standard: the live-migrate picker and capacity dashboards). */
export const Host = z
  .object({
    id: Id,
    name: z.string(),
    datacenter_id: Id,
    status: z.enum(['enabled', 'disabled']),
    total_vcpus: z.number().int(),
    used_vcpus: z.number().int(),
    total_memory_mb: z.number().int(),
    used_memory_mb: z.number().int(),
    total_disk_gb: z.number().int(),
    used_disk_gb: z.number().int(),
    servers: z.number().int(),
  })
  .meta({ id: 'Host' });
export type Host = z.infer<typeof Host>;
