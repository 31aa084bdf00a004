import { op } from '@/lib/contract/operations';
import { defineRoute, ok } from '@/server/http/define-route';
import { securityGroupOperations } from '@/server/operations/security-groups';
import { getSecurityGroup } from '@/server/services/security-groups';

export const GET = defineRoute(op('GET /security-groups/{id}'), {
  handler: async ({ ctx, params }) => ok({ security_group: await getSecurityGroup(ctx, params.id) }),
});

export const DELETE = defineRoute(op('DELETE /security-groups/{id}'), securityGroupOperations.remove);
