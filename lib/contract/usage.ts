import { z } from 'zod';

/** The longest range one `GET /usage` answers: a quarter, so a year's history is four calls, not one huge scan. */
export const usageMaxRangeDays = 92;
/** At most this many points per answer (31 days by the hour is 744): a longer hourly range must ask for days. */
export const usageMaxPoints = 1000;
export const usageSteps = ['hour', 'day'] as const;
export type UsageStep = (typeof usageSteps)[number];
export const usageStepMs: Record<UsageStep, number> = { hour: 3_600_000, day: 86_400_000 };
/** The range the console asks for when `from` is left out. */
export const usageDefaultRangeMs = 7 * 86_400_000;

/**
 * `from`/`to` and the cross-field rules (`to` after `from`, the range, the number of points) are checked by the
 * service so each refusal names its field; the schema only says what each field looks like.
 */
export const UsageQuery = z.object({
  project_id: z.string().min(1).max(128).optional(),
  datacenter_id: z.string().min(1).max(128).optional(),
  from: z.iso.datetime({ offset: true }).optional(),
  to: z.iso.datetime({ offset: true }).optional(),
  step: z.enum(usageSteps).optional(),
  format: z.enum(['json', 'csv']).default('json'),
});
export type UsageQuery = z.infer<typeof UsageQuery>;

/** One step of the series: the time-weighted average of what was allocated during [at, at + step) ∩ [from, to). */
export const UsagePoint = z
  .object({
    at: z.string(),
    vcpus: z.number(),
    memory_mb: z.number(),
    disk_gb: z.number(),
    servers: z.number(),
  })
  .meta({ id: 'UsagePoint' });
export type UsagePoint = z.infer<typeof UsagePoint>;

export const UsageSeries = z
  .object({
    from: z.string(),
    to: z.string(),
    step: z.enum(usageSteps),
    project_id: z.string().nullable(),
    datacenter_id: z.string().nullable(),
    points: z.array(UsagePoint),
  })
  .meta({ id: 'UsageSeries' });
export type UsageSeries = z.infer<typeof UsageSeries>;

export const UsageResponse = z.object({ usage: UsageSeries });
export type UsageResponse = z.infer<typeof UsageResponse>;

export const usageCsvHeader = 'at,vcpus,memory_mb,disk_gb,servers';

/** The CSV of a series: the header row, then one row per point (the API's `format=csv` and the page's download). */
export function usageCsv(points: readonly UsagePoint[]): string {
  const rows = points.map((p) => [p.at, p.vcpus, p.memory_mb, p.disk_gb, p.servers].join(','));
  return [usageCsvHeader, ...rows].join('\r\n') + '\r\n';
}
