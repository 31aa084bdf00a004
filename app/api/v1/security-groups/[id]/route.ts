import { op } from '@/lib/contract/operations';
import { defineRoute, noContent, ok } from '@/server/http/define-route';
import { deleteSecurityGroup, getSecurityGroup } from '@/server/services/security-groups';

export const GET = defineRoute(op('GET /security-groups/{id}'), {
  handler: async ({ ctx, params }) => ok({ security_group: await getSecurityGroup(ctx, params.id) }),
});

export const DELETE = defineRoute(op('DELETE /security-groups/{id}'), {
  audit: { action: 'security_group.delete', resourceType: 'security_group' },
  handler: async ({ ctx, params }) => {
    await deleteSecurityGroup(ctx, params.id);
    return noContent();
  },
});
