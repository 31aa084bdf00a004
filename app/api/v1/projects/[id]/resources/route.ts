import { op } from '@/lib/contract/operations';
import { defineRoute, ok } from '@/server/http/define-route';
import { listProjectResources } from '@/server/services/project-purge';

export const GET = defineRoute(op('GET /projects/{id}/resources'), {
  handler: async ({ ctx, params }) => {
    const resources = await listProjectResources(ctx, params.id);
    return ok({ resources, total_count: resources.length });
  },
});
