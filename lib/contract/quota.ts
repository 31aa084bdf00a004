import { z } from 'zod';

export const QuotaQuery = z.object({
  datacenter_id: z.string().max(128).optional(),
  scope: z.enum(['project', 'datacenter']).default('project'),
  /**
   * Not in API.md nor the standard's B.5/B.6 (which answer for the caller's project only): an administrator reads
   * another project's usage with it (the Projects admin page); anyone else naming a project not their own gets 403.
   */
  project_id: z.string().min(1).max(128).optional(),
});
export type QuotaQuery = z.infer<typeof QuotaQuery>;

/** B.5: compute quota and usage (extra fields allowed by the standard). */
export const ComputeQuota = z
  .object({
    total_memory_mb: z.number().int(),
    used_memory_mb: z.number().int(),
    total_vcpus: z.number().int(),
    used_vcpus: z.number().int(),
    total_instances: z.number().int(),
    used_instances: z.number().int(),
    total_floating_ips: z.number().int().optional(),
    used_floating_ips: z.number().int().optional(),
    total_public_ips: z.number().int().optional(),
    used_public_ips: z.number().int().optional(),
    total_security_groups: z.number().int().optional(),
    used_security_groups: z.number().int().optional(),
  })
  .meta({ id: 'ComputeQuota' });
export type ComputeQuota = z.infer<typeof ComputeQuota>;

/** B.6: volume quota and usage. */
export const VolumeQuota = z
  .object({
    total_gb: z.number().int(),
    used_gb: z.number().int(),
    total_volumes: z.number().int(),
    used_volumes: z.number().int(),
  })
  .meta({ id: 'VolumeQuota' });
export type VolumeQuota = z.infer<typeof VolumeQuota>;

/**
 * One project's quota and usage (B.5 and B.6 together) for the Projects admin page: every project in one request
 * (GET /projects/usage) instead of two per row. A project whose quota the backend could not read carries `error`
 * (the others still answer).
 */
export const ProjectUsage = z
  .object({
    project_id: z.string(),
    compute: ComputeQuota.optional(),
    volume: VolumeQuota.optional(),
    error: z.string().optional().meta({ description: "the backend's reason this project's quota could not be read" }),
  })
  .meta({ id: 'ProjectUsage' });
export type ProjectUsage = z.infer<typeof ProjectUsage>;
