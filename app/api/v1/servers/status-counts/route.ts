import { op } from '@/lib/contract/operations';
import { defineRoute, ok } from '@/server/http/define-route';
import { countServersByStatus } from '@/server/services/servers';

export const GET = defineRoute(op('GET /servers/status-counts'), {
  handler: async ({ ctx, query }) => ok(await countServersByStatus(ctx, query)),
});
