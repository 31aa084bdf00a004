import { op } from '@/lib/contract/operations';
import { defineRoute, ok } from '@/server/http/define-route';
import { getHost } from '@/server/services/hosts';

export const GET = defineRoute(op('GET /hosts/{id}'), {
  handler: async ({ ctx, params }) => ok({ host: await getHost(ctx, params.id) }),
});
