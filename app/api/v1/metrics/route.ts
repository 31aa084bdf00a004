import { timingSafeEqual } from 'node:crypto';
import { op } from '@/lib/contract/operations';
import { config } from '@/server/config';
import { queryCount } from '@/server/db/client';
import { defineRoute } from '@/server/http/define-route';
import { gauges, metrics } from '@/server/metrics';
import { CloudError } from '@/server/providers/errors';
import { eventHub } from '@/server/services/events';

export const dynamic = 'force-dynamic';

function sameToken(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** Prometheus metrics of this replica, for whoever holds YUNTU_METRICS_TOKEN; without one configured, no endpoint. */
export const GET = defineRoute(op('GET /metrics'), {
  handler: async ({ request }) => {
    const token = config().YUNTU_METRICS_TOKEN;
    if (!token)
      throw new CloudError('not_found', 'metrics: not enabled on this console (YUNTU_METRICS_TOKEN is unset)');
    const given = /^Bearer (.+)$/i.exec(request.headers.get('authorization') ?? '')?.[1] ?? '';
    if (!sameToken(given, token))
      throw new CloudError('unauthorized', 'Authorization: the metrics token is missing or wrong', [
        { path: 'Authorization', message: 'must be Bearer and the metrics token' },
      ]);
    gauges.openStreams = () => eventHub().size;
    gauges.dbQueries = queryCount;
    const m = metrics();
    return new Response(await m.registry.metrics(), {
      status: 200,
      headers: { 'Content-Type': m.registry.contentType, 'Cache-Control': 'no-store' },
    });
  },
});
