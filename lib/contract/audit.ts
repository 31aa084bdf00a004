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

export const AuditListQuery = ListQuery.extend({
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
