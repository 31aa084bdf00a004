import { op } from '@/lib/contract/operations';
import { defineRoute, ok } from '@/server/http/define-route';
import { projectOperations } from '@/server/operations/projects';
import { getPurge } from '@/server/services/project-purge';

export const GET = defineRoute(op('GET /projects/{id}/purge'), {
  handler: async ({ ctx, params }) => ok({ purge: await getPurge(ctx, params.id) }),
});

export const POST = defineRoute(op('POST /projects/{id}/purge'), projectOperations.purge);
