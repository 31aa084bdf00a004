import { op } from '@/lib/contract/operations';
import { defineRoute, ok } from '@/server/http/define-route';
import { listHosts } from '@/server/services/compute';

export const GET = defineRoute(op('GET /hosts'), {
  handler: async ({ ctx, query }) => {
    const hosts = await listHosts(ctx, query.datacenter_id);
    return ok({ hosts, total_count: hosts.length });
  },
});
