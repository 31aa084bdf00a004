import { defineRoute, noContent, ok } from '@/server/http/define-route';
import { deleteSecurityGroup, getSecurityGroup } from '@/server/services/security-groups';

export const GET = defineRoute({
  handler: async ({ ctx, params }) => ok({ security_group: await getSecurityGroup(ctx, params.id!) }),
});

export const DELETE = defineRoute({
  audit: { action: 'security_group.delete', resourceType: 'security_group' },
  handler: async ({ ctx, params }) => {
    await deleteSecurityGroup(ctx, params.id!);
    return noContent();
  },
});
