import 'server-only';
import { randomUUID } from 'node:crypto';
import type { Queryable } from '../../db/client';
import { notifyEvents, toEvent, type EventRow } from '../../db/event-hub';
import { config } from '../../config';
import { invalid, notFound } from '../errors';
import type { ProviderContext } from '../types';

export const newId = () => randomUUID();

/**
 * Base durations of the simulated cloud's transitions, scaled by SIM_SPEED (10 = ten times faster).
 * Transitions are stored as (status, next_status, settle_at): the state a reader sees is derived from the
 * clock, so there is no timer to lose when the process restarts.
 */
const baseMs = {
  serverBuild: 4000,
  serverReboot: 2000,
  serverResize: 3000,
  serverMigrate: 3000,
  serverStartStop: 1500,
  volumeCreate: 2000,
  volumeAttach: 1000,
  volumeExtend: 2000,
  snapshotCreate: 2000,
  volumeRetype: 2000,
  imageSave: 3000,
  loadBalancerCreate: 3000,
  loadBalancerUpdate: 1000,
} as const;
export type TransitionKind = keyof typeof baseMs;

export function durationMs(kind: TransitionKind): number {
  return Math.max(10, Math.round(baseMs[kind] / config().SIM_SPEED));
}

export interface Transitional {
  status: string;
  next_status: string | null;
  settle_at: Date | string | null;
}

/** The status a row has now: its stored status, or where it was heading once the deadline has passed. */
export function effectiveStatus(row: Transitional, now: number = Date.now()): string {
  if (row.next_status && row.settle_at && new Date(row.settle_at).getTime() <= now) return row.next_status;
  return row.status;
}

/** SQL for the same, for filters and sorts in the database. `$n` is the parameter holding now. */
export const effectiveStatusSql = (alias: string, nowParam: string) =>
  `(CASE WHEN ${alias}.next_status IS NOT NULL AND ${alias}.settle_at <= ${nowParam} THEN ${alias}.next_status ELSE ${alias}.status END)`;

/** Writes a finished transition back, before a change is decided on the row (call inside the transaction). */
export async function settle(q: Queryable, table: string, id: string): Promise<void> {
  await q.query(
    `UPDATE ${table} SET status = next_status, next_status = NULL, settle_at = NULL
     WHERE id = $1 AND next_status IS NOT NULL AND settle_at <= $2`,
    [id, new Date()],
  );
}

/**
 * Puts a resource in `status`, heading for `next` after `ms` (or staying when `next` is null), and records the
 * status changes on the events stream: the future one carries its future time, so the stream needs no timer.
 */
export async function transition(
  q: Queryable,
  r: { table: string; resourceType: string; id: string; projectId: string | null },
  status: string,
  next: { status: string; ms: number } | null,
): Promise<void> {
  const now = new Date();
  const settleAt = next ? new Date(now.getTime() + next.ms) : null;
  await q.query(`UPDATE ${r.table} SET status = $2, next_status = $3, settle_at = $4 WHERE id = $1`, [
    r.id,
    status,
    next?.status ?? null,
    settleAt,
  ]);
  await recordEvent(q, r, status, now, next && settleAt ? { status: next.status, at: settleAt } : undefined);
}

/** Records a status change (and a scheduled one), dropping changes this one supersedes. */
export async function recordEvent(
  q: Queryable,
  r: { resourceType: string; id: string; projectId: string | null },
  status: string,
  at: Date = new Date(),
  then?: { status: string; at: Date },
): Promise<void> {
  const dropped = await q.query<{ id: string | number }>(
    'DELETE FROM events WHERE resource_id = $1 AND at > $2 RETURNING id',
    [r.id, at],
  );
  const insert =
    'INSERT INTO events (at, project_id, resource_type, resource_id, status) VALUES ($1, $2, $3, $4, $5) RETURNING *';
  const added = await q.query<EventRow>(insert, [at, r.projectId, r.resourceType, r.id, status]);
  if (then) added.push(...(await q.query<EventRow>(insert, [then.at, r.projectId, r.resourceType, r.id, then.status])));
  // Every replica's event hub hears of it when this transaction commits (and not at all if it rolls back).
  await notifyEvents(q, { add: added.map(toEvent), drop: dropped.map((d) => String(d.id)) });
}

export interface ListSpec {
  /** FROM clause, with the main table aliased `t`. */
  from: string;
  where: string[];
  params: unknown[];
  /** Sortable fields of the contract and their SQL. */
  sortable: Record<string, string>;
  defaultSort: string;
  sort?: string;
  limit: number;
  offset: number;
}

/** One query for a page and the filtered total (count(*) OVER ()), sorted and paged in the database. */
export async function listPage<T>(q: Queryable, spec: ListSpec): Promise<{ rows: T[]; total: number }> {
  let order = spec.defaultSort;
  if (spec.sort) {
    const desc = spec.sort.startsWith('-');
    const field = desc ? spec.sort.slice(1) : spec.sort;
    const expr = spec.sortable[field];
    if (!expr)
      throw invalid('sort', `cannot sort by "${field}"; sortable fields: ${Object.keys(spec.sortable).join(', ')}`);
    order = `${expr} ${desc ? 'DESC' : 'ASC'}, t.id ASC`;
  }
  const clauses = [...spec.where];
  // A parameter only the (unused) status sort or filter needed would have no inferable type: reference it.
  const text = clauses.join(' ') + ' ' + order + ' ' + spec.from;
  spec.params.forEach((_, i) => {
    if (!new RegExp(`\\$${i + 1}(?!\\d)`).test(text)) clauses.push(`($${i + 1}::text IS NULL OR TRUE)`);
  });
  const where = clauses.length ? 'WHERE ' + clauses.join(' AND ') : '';
  const n = spec.params.length;
  const rows = await q.query<T & { total_count: string | number }>(
    `SELECT t.*, count(*) OVER () AS total_count FROM ${spec.from} ${where} ORDER BY ${order} LIMIT $${n + 1} OFFSET $${n + 2}`,
    [...spec.params, spec.limit, spec.offset],
  );
  let total = rows[0] ? Number(rows[0].total_count) : 0;
  if (!rows.length && spec.offset > 0) {
    const c = await q.query<{ c: string | number }>(`SELECT count(*) AS c FROM ${spec.from} ${where}`, spec.params);
    total = Number(c[0]?.c ?? 0);
  }
  return { rows, total };
}

/** Adds a parameter and returns its placeholder. */
export function param(params: unknown[], value: unknown): string {
  params.push(value);
  return `$${params.length}`;
}

export const iso = (d: Date | string) => new Date(d).toISOString().replace(/\.(\d{3})Z$/, '.$1000Z');

/**
 * Where a caller may see a row: its own project's, or every project's when the service widened the scope; a list
 * narrowed to one project (`project_id`) adds that project on top.
 */
export function scopeSql(ctx: ProviderContext, params: unknown[], column = 't.project_id'): string {
  return andOnlyProject(ctx, params, ctx.allProjects ? 'TRUE' : `${column} = ${param(params, ctx.projectId)}`, column);
}

/** `visible` narrowed to the list's one project (`ctx.onlyProjectId`), when it names one. */
export function andOnlyProject(ctx: ProviderContext, params: unknown[], visible: string, column = 't.project_id') {
  return ctx.onlyProjectId === undefined ? visible : `(${visible}) AND ${column} = ${param(params, ctx.onlyProjectId)}`;
}

/**
 * Locks one row the caller may see (FOR UPDATE, until the transaction ends), after writing back a finished
 * transition when the table has them; another project's row is not_found like a missing one.
 */
export async function lockVisibleRow<T>(
  q: Queryable,
  ctx: ProviderContext,
  r: {
    table: string;
    kind: string;
    id: string;
    transitional?: boolean;
    visible?: (ctx: ProviderContext, params: unknown[]) => string;
  },
): Promise<T> {
  if (r.transitional) await settle(q, r.table, r.id);
  const params: unknown[] = [r.id];
  const visible = (r.visible ?? scopeSql)(ctx, params);
  const rows = await q.query<T>(`SELECT * FROM ${r.table} t WHERE t.id = $1 AND ${visible} FOR UPDATE`, params);
  if (!rows[0]) throw notFound(r.kind, r.id);
  return rows[0];
}
