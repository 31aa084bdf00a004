import { op } from '@/lib/contract/operations';
import { defineRoute, ok } from '@/server/http/define-route';
import { projectOperations } from '@/server/operations/projects';
import { getProjectQuotas } from '@/server/services/identity';

export const GET = defineRoute(op('GET /projects/{id}/quotas'), {
  handler: async ({ ctx, params }) => ok({ quotas: await getProjectQuotas(ctx, params.id) }),
});

export const PUT = defineRoute(op('PUT /projects/{id}/quotas'), projectOperations.setQuotas);
