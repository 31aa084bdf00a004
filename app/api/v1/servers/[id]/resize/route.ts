import { ServerResizeInput } from '@/lib/contract/server';
import { accepted, defineRoute } from '@/server/http/define-route';
import { resizeServer } from '@/server/services/servers';

export const POST = defineRoute({
  body: ServerResizeInput,
  audit: { action: 'server.resize', resourceType: 'server' },
  handler: async ({ ctx, params, body }) => accepted({ server: await resizeServer(ctx, params.id!, body.flavor_id) }),
});
