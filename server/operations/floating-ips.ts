import 'server-only';
import { op } from '@/lib/contract/operations';
import { created, defineOperation, noContent, ok } from '../http/pipeline';
import { createFloatingIp, deleteFloatingIp, updateFloatingIp } from '../services/floating-ips';

/** The floating ips' changes, each declared once for its route handler and its server action (server/operations/README.md). */
export const floatingIpOperations = {
  create: defineOperation(op('POST /floating-ips'), {
    idempotent: true,
    audit: { action: 'floating_ip.create', resourceType: 'floating_ip' },
    handler: async ({ ctx, body }) => created({ floating_ip: await createFloatingIp(ctx, body) }),
  }),
  update: defineOperation(op('PUT /floating-ips/{id}'), {
    audit: { action: 'floating_ip.update', resourceType: 'floating_ip' },
    handler: async ({ ctx, params, body }) => ok({ floating_ip: await updateFloatingIp(ctx, params.id, body) }),
  }),
  remove: defineOperation(op('DELETE /floating-ips/{id}'), {
    audit: { action: 'floating_ip.delete', resourceType: 'floating_ip' },
    handler: async ({ ctx, params }) => {
      await deleteFloatingIp(ctx, params.id);
      return noContent();
    },
  }),
};
