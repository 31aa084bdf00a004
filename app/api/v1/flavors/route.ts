import { FlavorCreateInput, FlavorListQuery } from '@/lib/contract/flavor';
import { created, defineRoute, listReply } from '@/server/http/define-route';
import { createFlavor, listFlavors } from '@/server/services/flavors';

export const GET = defineRoute({
  query: FlavorListQuery,
  handler: async ({ ctx, query }) => listReply('flavors', await listFlavors(ctx, query)),
});

export const POST = defineRoute({
  body: FlavorCreateInput,
  idempotent: true,
  audit: { action: 'flavor.create', resourceType: 'flavor' },
  handler: async ({ ctx, body }) => created({ flavor: await createFlavor(ctx, body) }),
});
