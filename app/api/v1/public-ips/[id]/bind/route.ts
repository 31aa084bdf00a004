import { op } from '@/lib/contract/operations';
import { defineRoute, ok } from '@/server/http/define-route';
import { bindPublicIp } from '@/server/services/public-ips';

export const POST = defineRoute(op('POST /public-ips/{id}/bind'), {
  audit: { action: 'public_ip.bind', resourceType: 'public_ip' },
  handler: async ({ ctx, params, body }) => ok({ public_ip: await bindPublicIp(ctx, params.id, body) }),
});
