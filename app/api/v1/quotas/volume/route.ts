import { op } from '@/lib/contract/operations';
import { defineRoute, ok } from '@/server/http/define-route';
import { volumeQuota } from '@/server/services/compute';

/** B.1.3 配额 (volume, table B.6). */
export const GET = defineRoute(op('GET /quotas/volume'), {
  handler: async ({ ctx, query }) => ok(await volumeQuota(ctx, query)),
});
