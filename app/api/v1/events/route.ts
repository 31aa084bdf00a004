import { op } from '@/lib/contract/operations';
import { defineRoute } from '@/server/http/define-route';
import { eventStream } from '@/server/services/events';

export const dynamic = 'force-dynamic';

/** Server-Sent Events: status changes of the caller's resources. */
export const GET = defineRoute(op('GET /events'), {
  handler: async ({ ctx, request }) =>
    new Response(eventStream(ctx, request.signal), {
      status: 200,
      headers: {
        'Content-Type': 'text/event-stream; charset=utf-8',
        'Cache-Control': 'no-store, no-transform',
        Connection: 'keep-alive',
        'X-Accel-Buffering': 'no',
      },
    }),
});
