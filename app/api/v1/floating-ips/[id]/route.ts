import { op } from '@/lib/contract/operations';
import { defineRoute, noContent, ok } from '@/server/http/define-route';
import { deleteFloatingIp, getFloatingIp, updateFloatingIp } from '@/server/services/floating-ips';

export const GET = defineRoute(op('GET /floating-ips/{id}'), {
  handler: async ({ ctx, params }) => ok({ floating_ip: await getFloatingIp(ctx, params.id) }),
});

export const PUT = defineRoute(op('PUT /floating-ips/{id}'), {
  audit: { action: 'floating_ip.update', resourceType: 'floating_ip' },
  handler: async ({ ctx, params, body }) => ok({ floating_ip: await updateFloatingIp(ctx, params.id, body) }),
});

export const DELETE = defineRoute(op('DELETE /floating-ips/{id}'), {
  audit: { action: 'floating_ip.delete', resourceType: 'floating_ip' },
  handler: async ({ ctx, params }) => {
    await deleteFloatingIp(ctx, params.id);
    return noContent();
  },
});
