import { op } from '@/lib/contract/operations';
import { created, defineRoute, listReply } from '@/server/http/define-route';
import { createSecurityGroup, listSecurityGroups } from '@/server/services/security-groups';

export const GET = defineRoute(op('GET /security-groups'), {
  handler: async ({ ctx, query }) => listReply('security_groups', await listSecurityGroups(ctx, query)),
});

export const POST = defineRoute(op('POST /security-groups'), {
  idempotent: true,
  audit: { action: 'security_group.create', resourceType: 'security_group' },
  handler: async ({ ctx, body }) => created({ security_group: await createSecurityGroup(ctx, body) }),
});
