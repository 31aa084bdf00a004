import { op } from '@/lib/contract/operations';
import { usageCsv } from '@/lib/contract/usage';
import { defineRoute, ok } from '@/server/http/define-route';
import { usage } from '@/server/services/usage';

/**
 * Usage over time (extension). A route-only operation, like the quota reads: it changes nothing, so it has no
 * server action; format=csv answers the same points as a file.
 */
export const GET = defineRoute(op('GET /usage'), {
  handler: async ({ ctx, query }) => {
    const series = await usage(ctx, query);
    if (query.format !== 'csv') return ok({ usage: series });
    const name = `usage-${series.project_id ?? 'all'}-${series.datacenter_id ?? 'all'}-${series.from.slice(0, 10)}.csv`;
    return new Response(usageCsv(series.points), {
      status: 200,
      headers: {
        'Content-Type': 'text/csv; charset=utf-8',
        'Content-Disposition': `attachment; filename="${name.replace(/[^\w.-]/g, '_')}"`,
        'Cache-Control': 'no-store',
      },
    });
  },
});
