import { op } from '@/lib/contract/operations';
import { defineRoute, noContent, ok } from '@/server/http/define-route';
import { deletePublicIp, getPublicIp } from '@/server/services/public-ips';

export const GET = defineRoute(op('GET /public-ips/{id}'), {
  handler: async ({ ctx, params }) => ok({ public_ip: await getPublicIp(ctx, params.id) }),
});

export const DELETE = defineRoute(op('DELETE /public-ips/{id}'), {
  audit: { action: 'public_ip.delete', resourceType: 'public_ip' },
  handler: async ({ ctx, params }) => {
    await deletePublicIp(ctx, params.id);
    return noContent();
  },
});
