import { op } from '@/lib/contract/operations';
import { accepted, defineRoute } from '@/server/http/define-route';
import { rebootServer } from '@/server/services/servers';

export const POST = defineRoute(op('POST /servers/{id}/reboot'), {
  audit: { action: 'server.reboot', resourceType: 'server' },
  handler: async ({ ctx, params, body }) => accepted({ server: await rebootServer(ctx, params.id, body.type) }),
});
