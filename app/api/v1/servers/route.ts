import { op } from '@/lib/contract/operations';
import { defineRoute, listReply } from '@/server/http/define-route';
import { serverOperations } from '@/server/operations/servers';
import { listServers } from '@/server/services/servers';

export const GET = defineRoute(op('GET /servers'), {
  handler: async ({ ctx, query }) => listReply('servers', await listServers(ctx, query)),
});

export const POST = defineRoute(op('POST /servers'), serverOperations.create);
