import { FloatingIpUpdateInput } from '@/lib/contract/floating-ip';
import { defineRoute, noContent, ok } from '@/server/http/define-route';
import { deleteFloatingIp, getFloatingIp, updateFloatingIp } from '@/server/services/floating-ips';

export const GET = defineRoute({
  handler: async ({ ctx, params }) => ok({ floating_ip: await getFloatingIp(ctx, params.id!) }),
});

export const PUT = defineRoute({
  body: FloatingIpUpdateInput,
  audit: { action: 'floating_ip.update', resourceType: 'floating_ip' },
  handler: async ({ ctx, params, body }) => ok({ floating_ip: await updateFloatingIp(ctx, params.id!, body) }),
});

export const DELETE = defineRoute({
  audit: { action: 'floating_ip.delete', resourceType: 'floating_ip' },
  handler: async ({ ctx, params }) => {
    await deleteFloatingIp(ctx, params.id!);
    return noContent();
  },
});
