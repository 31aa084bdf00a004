import { op } from '@/lib/contract/operations';
import { CloudError } from '@/server/providers/errors';
import { defineRoute } from '@/server/http/define-route';
import { eventStream } from '@/server/services/events';

export const dynamic = 'force-dynamic';

/** An event id is the events table's bigserial. */
const eventId = /^\d{1,19}$/;

/**
 * Server-Sent Events: status changes of the caller's resources. A browser reconnecting sends the last id it got
 * as Last-Event-ID, and gets what it missed first (from whichever replica answers).
 */
export const GET = defineRoute(op('GET /events'), {
  handler: async ({ ctx, request }) => {
    const last = request.headers.get('last-event-id')?.trim() || undefined;
    if (last !== undefined && !eventId.test(last))
      throw new CloudError('invalid', 'Last-Event-ID: must be an event id (digits)', [
        { path: 'Last-Event-ID', message: 'must be an event id (digits)' },
      ]);
    return new Response(eventStream(ctx, request.signal, last), {
      status: 200,
      headers: {
        'Content-Type': 'text/event-stream; charset=utf-8',
        'Cache-Control': 'no-store, no-transform',
        Connection: 'keep-alive',
        'X-Accel-Buffering': 'no',
      },
    });
  },
});
