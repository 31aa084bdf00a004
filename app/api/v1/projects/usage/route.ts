import { op } from '@/lib/contract/operations';
import { defineRoute, ok } from '@/server/http/define-route';
import { listProjectUsage } from '@/server/services/compute';

/** Every project's quota and usage for the Projects page (admin): one request, not two per project. */
export const GET = defineRoute(op('GET /projects/usage'), {
  handler: async ({ ctx }) => {
    const usage = await listProjectUsage(ctx);
    return ok({ usage, total_count: usage.length });
  },
});
