import { op } from '@/lib/contract/operations';
import { defineRoute } from '@/server/http/define-route';
import { readiness } from '@/server/services/health';

export const dynamic = 'force-dynamic';

/** Readiness (public): database and backend reachable and not shutting down; 503 names what is down. */
export const GET = defineRoute(op('GET /health/ready'), {
  handler: async () => {
    const body = await readiness();
    return { status: body.down.length ? 503 : 200, body };
  },
});
