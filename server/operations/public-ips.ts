import 'server-only';
import { op } from '@/lib/contract/operations';
import { created, defineOperation, noContent, ok } from '../http/pipeline';
import { bindPublicIp, createPublicIp, deletePublicIp, unbindPublicIp } from '../services/public-ips';

/** The public ips' changes, each declared once for its route handler and its server action (server/operations/README.md). */
export const publicIpOperations = {
  create: defineOperation(op('POST /public-ips'), {
    idempotent: true,
    audit: { action: 'public_ip.create', resourceType: 'public_ip' },
    handler: async ({ ctx, body }) => created({ public_ip: await createPublicIp(ctx, body) }),
  }),
  remove: defineOperation(op('DELETE /public-ips/{id}'), {
    audit: { action: 'public_ip.delete', resourceType: 'public_ip' },
    handler: async ({ ctx, params }) => {
      await deletePublicIp(ctx, params.id);
      return noContent();
    },
  }),
  bind: defineOperation(op('POST /public-ips/{id}/bind'), {
    audit: { action: 'public_ip.bind', resourceType: 'public_ip' },
    handler: async ({ ctx, params, body }) => ok({ public_ip: await bindPublicIp(ctx, params.id, body) }),
  }),
  unbind: defineOperation(op('POST /public-ips/{id}/unbind'), {
    audit: { action: 'public_ip.unbind', resourceType: 'public_ip' },
    handler: async ({ ctx, params, body }) => ok({ public_ip: await unbindPublicIp(ctx, params.id, body) }),
  }),
};
