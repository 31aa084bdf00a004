import { op } from '@/lib/contract/operations';
import { defineRoute, listReply } from '@/server/http/define-route';
import { floatingIpOperations } from '@/server/operations/floating-ips';
import { listFloatingIps } from '@/server/services/floating-ips';

export const GET = defineRoute(op('GET /floating-ips'), {
  handler: async ({ ctx, query }) => listReply('floating_ips', await listFloatingIps(ctx, query)),
});

export const POST = defineRoute(op('POST /floating-ips'), floatingIpOperations.create);
