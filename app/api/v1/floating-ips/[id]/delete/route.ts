import { op } from '@/lib/contract/operations';
import { defineRoute, noContent } from '@/server/http/define-route';
import { deleteFloatingIp } from '@/server/services/floating-ips';

// B.45 read literally is a POST; API.md accepts this alias of DELETE /floating-ips/{id}.
export const POST = defineRoute(op('POST /floating-ips/{id}/delete'), {
  audit: { action: 'floating_ip.delete', resourceType: 'floating_ip' },
  handler: async ({ ctx, params }) => {
    await deleteFloatingIp(ctx, params.id);
    return noContent();
  },
});
