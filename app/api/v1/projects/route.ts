import { op } from '@/lib/contract/operations';
import { created, defineRoute, ok } from '@/server/http/define-route';
import { createProject, listProjects } from '@/server/services/identity';

export const GET = defineRoute(op('GET /projects'), {
  handler: async ({ ctx }) => {
    const projects = await listProjects(ctx);
    return ok({ projects, total_count: projects.length });
  },
});

export const POST = defineRoute(op('POST /projects'), {
  audit: { action: 'project.create', resourceType: 'project' },
  handler: async ({ ctx, body }) => created({ project: await createProject(ctx, body) }),
});
