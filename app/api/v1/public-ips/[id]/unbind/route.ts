import { PublicIpBindInput } from '@/lib/contract/public-ip';
import { defineRoute, ok } from '@/server/http/define-route';
import { unbindPublicIp } from '@/server/services/public-ips';

export const POST = defineRoute({
  body: PublicIpBindInput,
  audit: { action: 'public_ip.unbind', resourceType: 'public_ip' },
  handler: async ({ ctx, params, body }) => ok({ public_ip: await unbindPublicIp(ctx, params.id!, body) }),
});
