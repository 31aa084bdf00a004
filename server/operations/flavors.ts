import 'server-only';
import { op } from '@/lib/contract/operations';
import { created, defineOperation, noContent } from '../http/pipeline';
import { createFlavor, deleteFlavor } from '../services/flavors';

/** The flavors' changes, each declared once for its route handler and its server action (server/operations/README.md). */
export const flavorOperations = {
  create: defineOperation(op('POST /flavors'), {
    idempotent: true,
    audit: { action: 'flavor.create', resourceType: 'flavor' },
    handler: async ({ ctx, body }) => created({ flavor: await createFlavor(ctx, body) }),
  }),
  remove: defineOperation(op('DELETE /flavors/{id}'), {
    audit: { action: 'flavor.delete', resourceType: 'flavor' },
    handler: async ({ ctx, params }) => {
      await deleteFlavor(ctx, params.id);
      return noContent();
    },
  }),
};
