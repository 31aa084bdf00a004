import { op } from '@/lib/contract/operations';
import { created, defineRoute, listReply } from '@/server/http/define-route';
import { createFloatingIp, listFloatingIps } from '@/server/services/floating-ips';

export const GET = defineRoute(op('GET /floating-ips'), {
  handler: async ({ ctx, query }) => listReply('floating_ips', await listFloatingIps(ctx, query)),
});

export const POST = defineRoute(op('POST /floating-ips'), {
  idempotent: true,
  audit: { action: 'floating_ip.create', resourceType: 'floating_ip' },
  handler: async ({ ctx, body }) => created({ floating_ip: await createFloatingIp(ctx, body) }),
});
