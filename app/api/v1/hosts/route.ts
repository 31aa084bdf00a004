import { z } from 'zod';
import { defineRoute, ok } from '@/server/http/define-route';
import { listHosts } from '@/server/services/compute';

export const GET = defineRoute({
  query: z.object({ datacenter_id: z.string().max(128).optional() }),
  handler: async ({ ctx, query }) => {
    const hosts = await listHosts(ctx, query.datacenter_id);
    return ok({ hosts, total_count: hosts.length });
  },
});
