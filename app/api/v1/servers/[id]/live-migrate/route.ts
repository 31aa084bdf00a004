import { ServerLiveMigrateInput } from '@/lib/contract/server';
import { accepted, defineRoute } from '@/server/http/define-route';
import { liveMigrateServer } from '@/server/services/servers';

export const POST = defineRoute({
  body: ServerLiveMigrateInput,
  audit: { action: 'server.live_migrate', resourceType: 'server' },
  handler: async ({ ctx, params, body }) => accepted({ server: await liveMigrateServer(ctx, params.id!, body.host) }),
});
