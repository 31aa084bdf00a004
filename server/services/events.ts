import 'server-only';
import type { ResourceEvent } from '@/lib/contract/audit';
import { isoTime } from '@/lib/contract/common';
import { getDb } from '../db/client';
import { isAdmin, type RequestContext } from './context';

/**
 * Status changes visible to the caller that happened in (since, now]. Scheduled changes are stored with
 * their future time and become visible when the clock reaches them, so no timer has to fire.
 */
export async function eventsSince(ctx: RequestContext, since: Date, now: Date = new Date()): Promise<ResourceEvent[]> {
  const db = await getDb();
  const params: unknown[] = [since, now];
  let where = 'at > $1 AND at <= $2';
  if (!isAdmin(ctx)) {
    params.push(ctx.principal.projectId);
    where += ' AND project_id = $3';
  }
  const rows = await db.query<{
    id: string | number;
    at: Date;
    project_id: string | null;
    resource_type: string;
    resource_id: string;
    status: string;
  }>(`SELECT * FROM events WHERE ${where} ORDER BY at, id LIMIT 500`, params);
  return rows.map((r) => ({
    id: String(r.id),
    at: isoTime(r.at),
    project_id: r.project_id,
    resource_type: r.resource_type,
    resource_id: r.resource_id,
    status: r.status,
  }));
}

/**
 * The Server-Sent Events stream: polls the events table once a second. Rows written a moment late (a
 * transaction committing after a poll) are caught by re-reading a short overlap and skipping ids sent.
 */
export function eventStream(ctx: RequestContext, signal: AbortSignal, intervalMs = 1000): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  const overlapMs = 5000;
  let cursor = new Date();
  const sent = new Map<string, number>();
  let timer: ReturnType<typeof setTimeout> | undefined;
  let closed = false;
  return new ReadableStream<Uint8Array>({
    start(controller) {
      const close = () => {
        if (closed) return;
        closed = true;
        if (timer) clearTimeout(timer);
        try {
          controller.close();
        } catch {
          // already closed by the client
        }
      };
      signal.addEventListener('abort', close);
      controller.enqueue(encoder.encode(`retry: 3000\n: connected\n\n`));
      const tick = async () => {
        if (closed) return;
        try {
          const now = new Date();
          const events = await eventsSince(ctx, new Date(cursor.getTime() - overlapMs), now);
          for (const e of events) {
            if (sent.has(e.id)) continue;
            sent.set(e.id, now.getTime());
            controller.enqueue(encoder.encode(`id: ${e.id}\nevent: status\ndata: ${JSON.stringify(e)}\n\n`));
          }
          cursor = now;
          for (const [id, t] of sent) if (t < now.getTime() - 2 * overlapMs) sent.delete(id);
          controller.enqueue(encoder.encode(`: ping\n\n`));
        } catch {
          close();
          return;
        }
        timer = setTimeout(tick, intervalMs);
      };
      void tick();
    },
    cancel() {
      closed = true;
      if (timer) clearTimeout(timer);
    },
  });
}
