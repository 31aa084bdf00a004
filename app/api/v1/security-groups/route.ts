import { op } from '@/lib/contract/operations';
import { defineRoute, listReply } from '@/server/http/define-route';
import { securityGroupOperations } from '@/server/operations/security-groups';
import { listSecurityGroups } from '@/server/services/security-groups';

export const GET = defineRoute(op('GET /security-groups'), {
  handler: async ({ ctx, query }) => listReply('security_groups', await listSecurityGroups(ctx, query)),
});

export const POST = defineRoute(op('POST /security-groups'), securityGroupOperations.create);
