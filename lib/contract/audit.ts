import { z } from 'zod';
import { Id, ListQuery } from './common';

export const AuditRecord = z
  .object({
    id: z.string(),
    at: z.string(),
    user_id: z.string().nullable(),
    user_name: z.string().nullable(),
    project_id: z.string().nullable(),
    action: z.string(),
    resource_type: z.string(),
    resource_id: z.string().nullable(),
    result: z.enum(['success', 'failure']),
    status_code: z.number().int(),
    message: z.string().nullable(),
    request_id: z.string(),
  })
  .meta({ id: 'AuditRecord' });
export type AuditRecord = z.infer<typeof AuditRecord>;

/** The fields an audit list can be sorted by (`?sort=field` or `?sort=-field`); any other key is a 400 naming `sort`. */
export const auditSortFields = [
  'at',
  'user_name',
  'project_id',
  'action',
  'resource_type',
  'resource_id',
  'result',
  'status_code',
  'request_id',
] as const;

export const AuditListQuery = ListQuery.extend({
  sort: z
    .enum([...auditSortFields, ...auditSortFields.map((f) => `-${f}` as const)], {
      error: `must be one of ${auditSortFields.join(', ')}, optionally prefixed with -`,
    })
    .optional(),
  // API.md's `?name=` (substring) on the one name an audit record carries: the user's.
  name: z.string().max(255).optional().meta({ description: 'substring of the user name (case-insensitive)' }),
  user: z.string().max(255).optional(),
  action: z.string().max(128).optional(),
  resource_type: z.string().max(64).optional(),
  resource_id: Id.optional(),
  result: z.enum(['success', 'failure']).optional(),
  since: z.iso.datetime({ offset: true }).optional(),
  until: z.iso.datetime({ offset: true }).optional(),
});
export type AuditListQuery = z.infer<typeof AuditListQuery>;

/** One status change, as sent on the events stream. */
export const ResourceEvent = z.object({
  id: z.string(),
  at: z.string(),
  project_id: z.string().nullable(),
  resource_type: z.string(),
  resource_id: z.string(),
  status: z.string(),
});
export type ResourceEvent = z.infer<typeof ResourceEvent>;
