import { op } from '@/lib/contract/operations';
import { defineRoute, ok } from '@/server/http/define-route';
import { computeQuota } from '@/server/services/compute';

/** B.1.3 配额 (compute, table B.5). */
export const GET = defineRoute(op('GET /quotas/compute'), {
  handler: async ({ ctx, query }) => ok(await computeQuota(ctx, query)),
});
