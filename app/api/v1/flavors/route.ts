import { op } from '@/lib/contract/operations';
import { created, defineRoute, listReply } from '@/server/http/define-route';
import { createFlavor, listFlavors } from '@/server/services/flavors';

export const GET = defineRoute(op('GET /flavors'), {
  handler: async ({ ctx, query }) => listReply('flavors', await listFlavors(ctx, query)),
});

export const POST = defineRoute(op('POST /flavors'), {
  idempotent: true,
  audit: { action: 'flavor.create', resourceType: 'flavor' },
  handler: async ({ ctx, body }) => created({ flavor: await createFlavor(ctx, body) }),
});
