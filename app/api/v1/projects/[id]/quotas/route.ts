import { op } from '@/lib/contract/operations';
import { defineRoute, ok } from '@/server/http/define-route';
import { getProjectQuotas, setProjectQuotas } from '@/server/services/identity';

export const GET = defineRoute(op('GET /projects/{id}/quotas'), {
  handler: async ({ ctx, params }) => ok({ quotas: await getProjectQuotas(ctx, params.id) }),
});

export const PUT = defineRoute(op('PUT /projects/{id}/quotas'), {
  audit: { action: 'project.set_quotas', resourceType: 'project' },
  handler: async ({ ctx, params, body }) => ok({ quotas: await setProjectQuotas(ctx, params.id, body) }),
});
