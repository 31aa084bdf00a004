import { op } from '@/lib/contract/operations';
import { accepted, defineRoute, listReply } from '@/server/http/define-route';
import { createServer, listServers } from '@/server/services/servers';

export const GET = defineRoute(op('GET /servers'), {
  handler: async ({ ctx, query }) => listReply('servers', await listServers(ctx, query)),
});

export const POST = defineRoute(op('POST /servers'), {
  idempotent: true,
  audit: { action: 'server.create', resourceType: 'server' },
  handler: async ({ ctx, body }) => {
    const server = await createServer(ctx, body);
    return accepted({ id: server.id, server });
  },
});
