import { op } from '@/lib/contract/operations';
import { defineRoute, listReply } from '@/server/http/define-route';
import { listAudit } from '@/server/services/audit';

export const GET = defineRoute(op('GET /audit'), {
  handler: async ({ ctx, query }) => listReply('records', await listAudit(ctx, query)),
});
