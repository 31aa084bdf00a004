import { op } from '@/lib/contract/operations';
import { defineRoute, noContent, ok } from '@/server/http/define-route';
import { deleteSubnet, getSubnet } from '@/server/services/networks';

export const GET = defineRoute(op('GET /subnets/{id}'), {
  handler: async ({ ctx, params }) => ok({ subnet: await getSubnet(ctx, params.id) }),
});

export const DELETE = defineRoute(op('DELETE /subnets/{id}'), {
  audit: { action: 'subnet.delete', resourceType: 'subnet' },
  handler: async ({ ctx, params }) => {
    await deleteSubnet(ctx, params.id);
    return noContent();
  },
});
