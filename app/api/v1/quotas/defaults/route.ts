import { op } from '@/lib/contract/operations';
import { defineRoute, ok } from '@/server/http/define-route';
import { projectOperations } from '@/server/operations/projects';
import { getDefaultQuotas } from '@/server/services/identity';

export const GET = defineRoute(op('GET /quotas/defaults'), {
  handler: async ({ ctx }) => ok({ quotas: await getDefaultQuotas(ctx) }),
});

export const PUT = defineRoute(op('PUT /quotas/defaults'), projectOperations.setDefaultQuotas);
