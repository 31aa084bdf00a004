import { op } from '@/lib/contract/operations';
import { defineRoute, ok } from '@/server/http/define-route';

export const dynamic = 'force-dynamic';

/** Liveness (public): the process answers; nothing else is checked, so a slow backend restarts no replica. */
export const GET = defineRoute(op('GET /health/live'), {
  handler: async () => ok({ status: 'ok' as const }),
});
