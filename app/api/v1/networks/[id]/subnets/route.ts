import { op } from '@/lib/contract/operations';
import { created, defineRoute } from '@/server/http/define-route';
import { createSubnet } from '@/server/services/networks';

export const POST = defineRoute(op('POST /networks/{id}/subnets'), {
  idempotent: true,
  audit: {
    action: 'subnet.create',
    resourceType: 'subnet',
    // The path's id is the network's; the record is about the new subnet.
    resourceId: (_params, reply) => (reply.body as { subnet?: { id: string } } | undefined)?.subnet?.id,
  },
  handler: async ({ ctx, params, body }) => created(await createSubnet(ctx, params.id, body)),
});
