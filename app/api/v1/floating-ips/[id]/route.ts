import { op } from '@/lib/contract/operations';
import { defineRoute, ok } from '@/server/http/define-route';
import { floatingIpOperations } from '@/server/operations/floating-ips';
import { getFloatingIp } from '@/server/services/floating-ips';

export const GET = defineRoute(op('GET /floating-ips/{id}'), {
  handler: async ({ ctx, params }) => ok({ floating_ip: await getFloatingIp(ctx, params.id) }),
});

export const PUT = defineRoute(op('PUT /floating-ips/{id}'), floatingIpOperations.update);

export const DELETE = defineRoute(op('DELETE /floating-ips/{id}'), floatingIpOperations.remove);
