import { op } from '@/lib/contract/operations';
import { accepted, defineRoute } from '@/server/http/define-route';
import { resizeServer } from '@/server/services/servers';

export const POST = defineRoute(op('POST /servers/{id}/resize'), {
  audit: { action: 'server.resize', resourceType: 'server' },
  handler: async ({ ctx, params, body }) => accepted({ server: await resizeServer(ctx, params.id, body.flavor_id) }),
});
