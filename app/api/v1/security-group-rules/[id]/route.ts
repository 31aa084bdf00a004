import { op } from '@/lib/contract/operations';
import { defineRoute, ok } from '@/server/http/define-route';
import { securityGroupOperations } from '@/server/operations/security-groups';
import { getSecurityGroupRule } from '@/server/services/security-groups';

export const GET = defineRoute(op('GET /security-group-rules/{id}'), {
  handler: async ({ ctx, params }) => ok({ security_group_rule: await getSecurityGroupRule(ctx, params.id) }),
});

export const DELETE = defineRoute(op('DELETE /security-group-rules/{id}'), securityGroupOperations.removeRule);
