import { op } from '@/lib/contract/operations';
import { created, defineRoute, listReply } from '@/server/http/define-route';
import { createPublicIp, listPublicIps } from '@/server/services/public-ips';

export const GET = defineRoute(op('GET /public-ips'), {
  handler: async ({ ctx, query }) => listReply('public_ips', await listPublicIps(ctx, query)),
});

export const POST = defineRoute(op('POST /public-ips'), {
  idempotent: true,
  audit: { action: 'public_ip.create', resourceType: 'public_ip' },
  handler: async ({ ctx, body }) => created({ public_ip: await createPublicIp(ctx, body) }),
});
