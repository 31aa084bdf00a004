import { NetworkCreateInput, NetworkListQuery } from '@/lib/contract/network';
import { created, defineRoute, listReply } from '@/server/http/define-route';
import { createNetwork, listNetworks } from '@/server/services/networks';

export const GET = defineRoute({
  query: NetworkListQuery,
  handler: async ({ ctx, query }) => listReply('networks', await listNetworks(ctx, query)),
});

export const POST = defineRoute({
  body: NetworkCreateInput,
  idempotent: true,
  audit: { action: 'network.create', resourceType: 'network' },
  handler: async ({ ctx, body }) => created({ network: await createNetwork(ctx, body) }),
});
