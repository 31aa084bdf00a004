import { op } from '@/lib/contract/operations';
import { defineRoute, ok } from '@/server/http/define-route';
import { getConsoleLog } from '@/server/services/servers';

export const GET = defineRoute(op('GET /servers/{id}/console-log'), {
  handler: async ({ ctx, params, query }) => ok(await getConsoleLog(ctx, params.id, query.lines)),
});
