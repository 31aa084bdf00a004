import 'server-only';
import type { ResourceEvent } from '@/lib/contract/audit';
import { getDb } from '../db/client';
import { EventHub, toEvent, type EventRow } from '../db/event-hub';
import { isAdmin, type RequestContext } from './context';

const globalForHub = globalThis as unknown as { yuntuEventHub?: EventHub };

/** The process's one event hub (on globalThis: every route bundle loads this module). */
export function eventHub(): EventHub {
  return (globalForHub.yuntuEventHub ??= new EventHub(getDb));
}

/** How long a browser waits before reconnecting to a stream this replica closed on shutdown. */
export const shutdownRetryMs = 1000;

/**
 * Status changes visible to the caller after the event `afterId` (in time order) up to now: what a browser
 * reconnecting with Last-Event-ID missed, possibly on another replica. An id this database does not know
 * replays nothing.
 */
export async function eventsAfter(
  ctx: RequestContext,
  afterId: string,
  now: Date = new Date(),
): Promise<ResourceEvent[]> {
  const db = await getDb();
  const params: unknown[] = [afterId, now];
  let where = `(e.at, e.id) > (last.at, last.id) AND e.at <= $2`;
  if (!isAdmin(ctx)) {
    params.push(ctx.principal.projectId);
    where += ' AND e.project_id = $3';
  }
  const rows = await db.query<EventRow>(
    `SELECT e.* FROM events e, (SELECT at, id FROM events WHERE id = $1) last WHERE ${where} ORDER BY e.at, e.id LIMIT 1000`,
    params,
  );
  return rows.map(toEvent);
}

/**
 * The Server-Sent Events stream. Live changes come from the process's hub (one LISTEN for all streams); with
 * `lastEventId` the changes missed since are read once first, and live ones that arrive meanwhile are held and
 * sent after them (those already replayed skipped).
 */
export function eventStream(
  ctx: RequestContext,
  signal: AbortSignal,
  lastEventId?: string,
  hub: EventHub = eventHub(),
): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  let closed = false;
  let unsubscribe: (() => void) | undefined;
  return new ReadableStream<Uint8Array>({
    async start(controller) {
      const write = (text: string) => {
        if (closed) return;
        try {
          controller.enqueue(encoder.encode(text));
        } catch {
          end();
        }
      };
      const end = () => {
        if (closed) return;
        closed = true;
        unsubscribe?.();
        try {
          controller.close();
        } catch {
          // already closed by the client
        }
      };
      const frame = (e: ResourceEvent) => `id: ${e.id}\nevent: status\ndata: ${JSON.stringify(e)}\n\n`;
      signal.addEventListener('abort', end);
      write(`retry: 3000\n: connected\n\n`);
      let held: ResourceEvent[] | undefined = lastEventId ? [] : undefined;
      try {
        await hub.start();
        if (hub.draining) {
          write(`retry: ${shutdownRetryMs}\n: shutting down\n\n`);
          end();
          return;
        }
        unsubscribe = hub.subscribe({
          projectId: isAdmin(ctx) ? null : ctx.principal.projectId,
          send: (e) => (held ? held.push(e) : write(frame(e))),
          ping: () => write(`: ping\n\n`),
          close: (retryMs) => {
            write(`retry: ${retryMs}\n: shutting down\n\n`);
            end();
          },
        });
        if (closed) unsubscribe();
        if (lastEventId) {
          const replayed = await eventsAfter(ctx, lastEventId);
          const sent = new Set(replayed.map((e) => e.id));
          for (const e of replayed) write(frame(e));
          const live = held ?? [];
          held = undefined;
          for (const e of live) if (!sent.has(e.id)) write(frame(e));
        }
      } catch {
        end();
      }
    },
    cancel() {
      closed = true;
      unsubscribe?.();
    },
  });
}
