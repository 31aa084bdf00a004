import 'server-only';
import { auditSortFields, type AuditListQuery, type AuditRecord } from '@/lib/contract/audit';
import type { ListResult } from '@/lib/contract/common';
import { isoTime } from '@/lib/contract/common';
import { getDb } from '../db/client';
import { log } from '../log';
import { invalid } from '../providers/errors';
import type { RequestContext } from './context';
import { isAdmin, requireAllProjectsRight } from './context';

export interface AuditEntry {
  user_id: string | null;
  user_name: string | null;
  project_id: string | null;
  action: string;
  resource_type: string;
  resource_id: string | null;
  result: 'success' | 'failure';
  status_code: number;
  message: string | null;
  request_id: string;
}

/** One record per change attempt: who, what, which resource, result, request id, time. */
export async function recordAudit(entry: AuditEntry): Promise<void> {
  // A refused request's own input ends up here (a path id with a NUL, a lone surrogate): PostgreSQL cannot store
  // either in text, and the refusal would lose its audit line. The record keeps a visible stand-in instead.
  const text = (v: string | null) =>
    v === null ? null : v.replaceAll('\u0000', '\uFFFD').toWellFormed().slice(0, 2048);
  entry = {
    ...entry,
    user_name: text(entry.user_name),
    action: text(entry.action)!,
    resource_type: text(entry.resource_type)!,
    resource_id: text(entry.resource_id),
    message: text(entry.message),
    request_id: text(entry.request_id)!,
  };
  try {
    const db = await getDb();
    await db.query(
      `INSERT INTO audit (user_id, user_name, project_id, action, resource_type, resource_id, result, status_code, message, request_id)
       VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10)`,
      [
        entry.user_id,
        entry.user_name,
        entry.project_id,
        entry.action,
        entry.resource_type,
        entry.resource_id,
        entry.result,
        entry.status_code,
        entry.message,
        entry.request_id,
      ],
    );
  } catch (e) {
    // The change itself has happened; losing its audit line is logged loudly rather than failing the caller.
    log.error({ err: e, entry }, 'audit record could not be written');
  }
}

/** `%` and `_` in a filter are literal, not wildcards. */
const likeEscape = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

/** Admins read everything; others read their own project's records. */
export async function listAudit(ctx: RequestContext, q: AuditListQuery): Promise<ListResult<AuditRecord>> {
  const db = await getDb();
  const where: string[] = [];
  const params: unknown[] = [];
  const add = (sql: string, v: unknown) => {
    params.push(v);
    where.push(sql.replace('?', `$${params.length}`));
  };
  requireAllProjectsRight(ctx, q.all_projects);
  if (!isAdmin(ctx)) add('project_id = ?', ctx.principal.projectId);
  else if (!q.all_projects && q.all_projects !== undefined) add('project_id = ?', ctx.principal.projectId);
  if (q.name) add("user_name ILIKE ? ESCAPE '\\'", `%${likeEscape(q.name)}%`);
  if (q.user) add('user_name ILIKE ?', `%${q.user}%`);
  if (q.action) add('action ILIKE ?', `%${q.action}%`);
  if (q.resource_type) add('resource_type = ?', q.resource_type);
  if (q.resource_id) add('resource_id = ?', q.resource_id);
  if (q.result) add('result = ?', q.result);
  if (q.since) add('at >= ?', new Date(q.since));
  if (q.until) add('at <= ?', new Date(q.until));
  const w = where.length ? 'WHERE ' + where.join(' AND ') : '';
  // The contract allows only auditSortFields (each a column of the same name): newest first unless asked otherwise.
  const sort = q.sort ?? '-at';
  const dir = sort.startsWith('-') ? 'DESC' : 'ASC';
  const column = sort.replace(/^-/, '');
  if (!(auditSortFields as readonly string[]).includes(column))
    throw invalid('sort', `cannot sort by "${column}"; sortable fields: ${auditSortFields.join(', ')}`);
  const rows = await db.query<Omit<AuditRecord, 'id' | 'at'> & { id: string | number; at: Date; total: string }>(
    `SELECT *, count(*) OVER () AS total FROM audit ${w} ORDER BY ${column} ${dir}, id ${dir} LIMIT $${params.length + 1} OFFSET $${params.length + 2}`,
    [...params, q.limit, q.offset],
  );
  return {
    total: Number(rows[0]?.total ?? 0),
    items: rows.map((r) => ({
      id: String(r.id),
      at: isoTime(r.at),
      user_id: r.user_id,
      user_name: r.user_name,
      project_id: r.project_id,
      action: r.action,
      resource_type: r.resource_type,
      resource_id: r.resource_id,
      result: r.result,
      status_code: r.status_code,
      message: r.message,
      request_id: r.request_id,
    })),
  };
}
