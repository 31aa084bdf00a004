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
    disabled_reason: z
      .string()
      .nullable()
      .meta({ description: 'why an administrator took the host out of scheduling (maintenance); null when enabled' }),
    state: z.enum(['up', 'down']).optional().meta({
      description: "whether the host answers (Nova's service state); the simulator's host-down fault sets down",
    }),
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

/** Taking a host out of scheduling for maintenance: the reason is required, so the next administrator knows why. */
export const HostDisableInput = z
  .object({
    reason: z.string({ error: 'is required' }).trim().min(1, 'is required').max(255, 'must be at most 255 characters'),
  })
  .meta({ id: 'HostDisableInput' });
export type HostDisableInput = z.infer<typeof HostDisableInput>;

/** Live-migrating every server off a host: to one named host, or (no target) each to the enabled host with most room. */
export const HostMigrateServersInput = z
  .object({
    target_host: z.string().min(1, 'must not be empty').max(255).optional(),
    project_id: Id.optional().meta({
      description: "only this project's servers (drain one tenant at a time); every project's when left out",
    }),
  })
  .meta({ id: 'HostMigrateServersInput' });
export type HostMigrateServersInput = z.infer<typeof HostMigrateServersInput>;

export const HostMigrationResult = z
  .object({
    server_id: Id,
    name: z.string(),
    outcome: z.enum(['started', 'refused']),
    target_host: z.string().optional(),
    error: z
      .string()
      .optional()
      .meta({ description: 'why this server was not moved (its state, no room, the backend)' }),
  })
  .meta({ id: 'HostMigrationResult' });
export type HostMigrationResult = z.infer<typeof HostMigrationResult>;

export const HostMigrateServersResult = z
  .object({ host: Host, results: z.array(HostMigrationResult) })
  .meta({ id: 'HostMigrateServersResult' });
