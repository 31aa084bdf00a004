import { op } from '@/lib/contract/operations';
import { defineRoute, listReply } from '@/server/http/define-route';
import { publicIpOperations } from '@/server/operations/public-ips';
import { listPublicIps } from '@/server/services/public-ips';

export const GET = defineRoute(op('GET /public-ips'), {
  handler: async ({ ctx, query }) => listReply('public_ips', await listPublicIps(ctx, query)),
});

export const POST = defineRoute(op('POST /public-ips'), publicIpOperations.create);
