import { z } from 'zod';

/** Kinds of failure every layer speaks; `server/http` maps each to one HTTP status. */
export const errorKinds = [
  'invalid',
  'unauthorized',
  'forbidden',
  'not_found',
  'conflict',
  'quota_exceeded',
  'not_supported',
  'unavailable',
  'rate_limited',
  'payload_too_large',
  'unsupported_media_type',
  'method_not_allowed',
  'not_acceptable',
  'internal',
] as const;
export const ErrorKind = z.enum(errorKinds);
export type ErrorKind = z.infer<typeof ErrorKind>;

export const ErrorBody = z
  .object({
    error: z.object({
      code: z.number().int(),
      type: ErrorKind,
      title: z.string(),
      message: z.string(),
      request_id: z.string(),
      details: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
    }),
  })
  .meta({ id: 'Error', description: 'Error body (Appendix A status codes)' });

export const Id = z.string().min(1).max(128);
export const Name = z.string().trim().min(1, 'must not be empty').max(255);
export const Description = z.string().max(1024);
export const Timestamp = z.string().meta({ description: 'ISO 8601 UTC', example: '2015-08-27T09:49:58.000000Z' });

const booleanish = z
  .union([z.boolean(), z.enum(['true', 'false', '1', '0'])])
  .transform((v) => v === true || v === 'true' || v === '1');

/** Query parameters every list shares: limit clamped to 100 (as in the Shanhe API), offset, sort. */
export const ListQuery = z.object({
  limit: z.coerce
    .number()
    .int('must be a whole number')
    .min(1, 'must be at least 1')
    .default(20)
    .transform((n) => Math.min(n, 100)),
  offset: z.coerce.number().int('must be a whole number').min(0, 'must not be negative').default(0),
  sort: z
    .string()
    .regex(/^-?[a-z_]+$/, 'must be a field name, optionally prefixed with -')
    .optional(),
  name: z.string().max(255).optional(),
  all_projects: booleanish.optional(),
});
export type ListQuery = z.infer<typeof ListQuery>;

/**
 * The query of a list of a project's resources: `project_id` narrows it to one project's. For administrators it
 * implies all_projects (another project's resources); anyone else may name only their own project (403 otherwise).
 */
export const ProjectListQuery = ListQuery.extend({
  project_id: Id.optional().meta({
    description: "only this project's resources (administrators: any project, implies all_projects; others: their own)",
  }),
});
export type ProjectListQuery = z.infer<typeof ProjectListQuery>;

export interface ListResult<T> {
  items: T[];
  total: number;
}

/** ISO 8601 with microseconds and Z, as in the standard's examples. */
export function isoTime(d: Date | string | number): string {
  const date = d instanceof Date ? d : new Date(d);
  return date.toISOString().replace(/\.(\d{3})Z$/, '.$1000Z');
}

export const Metadata = z.record(z.string().max(255), z.string().max(255));
export { booleanish };
