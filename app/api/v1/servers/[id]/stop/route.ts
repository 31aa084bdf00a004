import { op } from '@/lib/contract/operations';
import { accepted, defineRoute } from '@/server/http/define-route';
import { stopServer } from '@/server/services/servers';

export const POST = defineRoute(op('POST /servers/{id}/stop'), {
  audit: { action: 'server.stop', resourceType: 'server' },
  handler: async ({ ctx, params }) => accepted({ server: await stopServer(ctx, params.id) }),
});
