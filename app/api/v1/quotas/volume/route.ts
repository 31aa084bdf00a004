import { QuotaQuery } from '@/lib/contract/quota';
import { defineRoute, ok } from '@/server/http/define-route';
import { volumeQuota } from '@/server/services/compute';

/** B.1.3 配额 (volume, table B.6). */
export const GET = defineRoute({
  query: QuotaQuery,
  handler: async ({ ctx, query }) => ok(await volumeQuota(ctx, query)),
});
