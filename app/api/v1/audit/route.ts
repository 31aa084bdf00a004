import { AuditListQuery } from '@/lib/contract/audit';
import { defineRoute, listReply } from '@/server/http/define-route';
import { listAudit } from '@/server/services/audit';

export const GET = defineRoute({
  query: AuditListQuery,
  handler: async ({ ctx, query }) => listReply('records', await listAudit(ctx, query)),
});
