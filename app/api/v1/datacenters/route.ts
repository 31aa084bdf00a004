import { op } from '@/lib/contract/operations';
import { defineRoute, ok } from '@/server/http/define-route';
import { listDatacenters } from '@/server/services/compute';

/** B.1.2 数据中心. */
export const GET = defineRoute(op('GET /datacenters'), {
  handler: async ({ ctx }) => ok({ datacenters: await listDatacenters(ctx) }),
});
