import { op } from '@/lib/contract/operations';
import { created, defineRoute } from '@/server/http/define-route';
import { createSecurityGroupRule } from '@/server/services/security-groups';

export const POST = defineRoute(op('POST /security-group-rules'), {
  idempotent: true,
  audit: { action: 'security_group_rule.create', resourceType: 'security_group_rule' },
  handler: async ({ ctx, body }) => created({ security_group_rule: await createSecurityGroupRule(ctx, body) }),
});
