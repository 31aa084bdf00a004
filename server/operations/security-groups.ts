import 'server-only';
import { op } from '@/lib/contract/operations';
import { created, defineOperation, noContent } from '../http/pipeline';
import {
  createSecurityGroup,
  createSecurityGroupRule,
  deleteSecurityGroup,
  deleteSecurityGroupRule,
} from '../services/security-groups';

/** The security groups' changes, each declared once for its route handler and its server action (server/operations/README.md). */
export const securityGroupOperations = {
  create: defineOperation(op('POST /security-groups'), {
    idempotent: true,
    audit: { action: 'security_group.create', resourceType: 'security_group' },
    handler: async ({ ctx, body }) => created({ security_group: await createSecurityGroup(ctx, body) }),
  }),
  remove: defineOperation(op('DELETE /security-groups/{id}'), {
    audit: { action: 'security_group.delete', resourceType: 'security_group' },
    handler: async ({ ctx, params }) => {
      await deleteSecurityGroup(ctx, params.id);
      return noContent();
    },
  }),
  createRule: defineOperation(op('POST /security-group-rules'), {
    idempotent: true,
    audit: { action: 'security_group_rule.create', resourceType: 'security_group_rule' },
    handler: async ({ ctx, body }) => created({ security_group_rule: await createSecurityGroupRule(ctx, body) }),
  }),
  removeRule: defineOperation(op('DELETE /security-group-rules/{id}'), {
    audit: { action: 'security_group_rule.delete', resourceType: 'security_group_rule' },
    handler: async ({ ctx, params }) => {
      await deleteSecurityGroupRule(ctx, params.id);
      return noContent();
    },
  }),
};
