import 'server-only';
import { op } from '@/lib/contract/operations';
import { created, defineOperation, noContent } from '../http/pipeline';
import { createNetwork, createSubnet, deleteNetwork, deleteSubnet } from '../services/networks';

/** The networks' changes, each declared once for its route handler and its server action (server/operations/README.md). */
export const networkOperations = {
  create: defineOperation(op('POST /networks'), {
    idempotent: true,
    audit: { action: 'network.create', resourceType: 'network' },
    handler: async ({ ctx, body }) => created({ network: await createNetwork(ctx, body) }),
  }),
  remove: defineOperation(op('DELETE /networks/{id}'), {
    audit: { action: 'network.delete', resourceType: 'network' },
    handler: async ({ ctx, params }) => {
      await deleteNetwork(ctx, params.id);
      return noContent();
    },
  }),
  createSubnet: defineOperation(op('POST /networks/{id}/subnets'), {
    idempotent: true,
    audit: {
      action: 'subnet.create',
      resourceType: 'subnet',
      // The path's id is the network's; the record is about the new subnet.
      resourceId: (_params, reply) => (reply.body as { subnet?: { id: string } } | undefined)?.subnet?.id,
    },
    handler: async ({ ctx, params, body }) => created(await createSubnet(ctx, params.id, body)),
  }),
  removeSubnet: defineOperation(op('DELETE /subnets/{id}'), {
    audit: { action: 'subnet.delete', resourceType: 'subnet' },
    handler: async ({ ctx, params }) => {
      await deleteSubnet(ctx, params.id);
      return noContent();
    },
  }),
};
