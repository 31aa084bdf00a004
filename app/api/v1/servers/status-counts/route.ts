import { ServerStatusCountsQuery } from '@/lib/contract/server-status-counts';
import { defineRoute, ok } from '@/server/http/define-route';
import { countServersByStatus } from '@/server/services/servers';

export const GET = defineRoute({
  query: ServerStatusCountsQuery,
  handler: async ({ ctx, query }) => ok(await countServersByStatus(ctx, query)),
});
