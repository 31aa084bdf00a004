import { defineRoute, noContent, ok } from '@/server/http/define-route';
import { deleteSubnet, getSubnet } from '@/server/services/networks';

export const GET = defineRoute({
  handler: async ({ ctx, params }) => ok({ subnet: await getSubnet(ctx, params.id!) }),
});

export const DELETE = defineRoute({
  audit: { action: 'subnet.delete', resourceType: 'subnet' },
  handler: async ({ ctx, params }) => {
    await deleteSubnet(ctx, params.id!);
    return noContent();
  },
});
