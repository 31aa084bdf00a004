import { op } from '@/lib/contract/operations';
import { defineRoute, ok } from '@/server/http/define-route';
import { projectOperations } from '@/server/operations/projects';
import { listProjects } from '@/server/services/identity';

export const GET = defineRoute(op('GET /projects'), {
  handler: async ({ ctx }) => {
    const projects = await listProjects(ctx);
    return ok({ projects, total_count: projects.length });
  },
});

export const POST = defineRoute(op('POST /projects'), projectOperations.create);
