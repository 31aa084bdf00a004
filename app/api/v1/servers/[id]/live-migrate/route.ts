import { op } from '@/lib/contract/operations';
import { accepted, defineRoute } from '@/server/http/define-route';
import { liveMigrateServer } from '@/server/services/servers';

export const POST = defineRoute(op('POST /servers/{id}/live-migrate'), {
  audit: { action: 'server.live_migrate', resourceType: 'server' },
  handler: async ({ ctx, params, body }) => accepted({ server: await liveMigrateServer(ctx, params.id, body.host) }),
});
