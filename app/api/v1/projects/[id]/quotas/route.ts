import { QuotaUpdateInput } from '@/lib/contract/auth';
import { defineRoute, ok } from '@/server/http/define-route';
import { getProjectQuotas, setProjectQuotas } from '@/server/services/identity';

export const GET = defineRoute({
  handler: async ({ ctx, params }) => ok({ quotas: await getProjectQuotas(ctx, params.id!) }),
});

export const PUT = defineRoute({
  body: QuotaUpdateInput,
  audit: { action: 'project.set_quotas', resourceType: 'project' },
  handler: async ({ ctx, params, body }) => ok({ quotas: await setProjectQuotas(ctx, params.id!, body) }),
});
