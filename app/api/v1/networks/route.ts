import { op } from '@/lib/contract/operations';
import { created, defineRoute, listReply } from '@/server/http/define-route';
import { createNetwork, listNetworks } from '@/server/services/networks';

export const GET = defineRoute(op('GET /networks'), {
  handler: async ({ ctx, query }) => listReply('networks', await listNetworks(ctx, query)),
});

export const POST = defineRoute(op('POST /networks'), {
  idempotent: true,
  audit: { action: 'network.create', resourceType: 'network' },
  handler: async ({ ctx, body }) => created({ network: await createNetwork(ctx, body) }),
});
