import { op } from '@/lib/contract/operations';
import { defineRoute, ok } from '@/server/http/define-route';
import { unbindPublicIp } from '@/server/services/public-ips';

export const POST = defineRoute(op('POST /public-ips/{id}/unbind'), {
  audit: { action: 'public_ip.unbind', resourceType: 'public_ip' },
  handler: async ({ ctx, params, body }) => ok({ public_ip: await unbindPublicIp(ctx, params.id, body) }),
});
