import { op } from '@/lib/contract/operations';
import { accepted, defineRoute } from '@/server/http/define-route';
import { startServer } from '@/server/services/servers';

export const POST = defineRoute(op('POST /servers/{id}/start'), {
  audit: { action: 'server.start', resourceType: 'server' },
  handler: async ({ ctx, params }) => accepted({ server: await startServer(ctx, params.id) }),
});
