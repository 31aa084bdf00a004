import { op } from '@/lib/contract/operations';
import { defineRoute, listReply } from '@/server/http/define-route';
import { networkOperations } from '@/server/operations/networks';
import { listNetworks } from '@/server/services/networks';

export const GET = defineRoute(op('GET /networks'), {
  handler: async ({ ctx, query }) => listReply('networks', await listNetworks(ctx, query)),
});

export const POST = defineRoute(op('POST /networks'), networkOperations.create);
