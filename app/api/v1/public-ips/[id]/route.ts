import { op } from '@/lib/contract/operations';
import { defineRoute, ok } from '@/server/http/define-route';
import { publicIpOperations } from '@/server/operations/public-ips';
import { getPublicIp } from '@/server/services/public-ips';

export const GET = defineRoute(op('GET /public-ips/{id}'), {
  handler: async ({ ctx, params }) => ok({ public_ip: await getPublicIp(ctx, params.id) }),
});

export const DELETE = defineRoute(op('DELETE /public-ips/{id}'), publicIpOperations.remove);
