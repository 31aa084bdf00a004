import { op } from '@/lib/contract/operations';
import { defineRoute, noContent, ok } from '@/server/http/define-route';
import { deleteSecurityGroupRule, getSecurityGroupRule } from '@/server/services/security-groups';

export const GET = defineRoute(op('GET /security-group-rules/{id}'), {
  handler: async ({ ctx, params }) => ok({ security_group_rule: await getSecurityGroupRule(ctx, params.id) }),
});

export const DELETE = defineRoute(op('DELETE /security-group-rules/{id}'), {
  audit: { action: 'security_group_rule.delete', resourceType: 'security_group_rule' },
  handler: async ({ ctx, params }) => {
    await deleteSecurityGroupRule(ctx, params.id);
    return noContent();
  },
});
