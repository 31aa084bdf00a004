import { ProjectCreateInput } from '@/lib/contract/auth';
import { created, defineRoute, ok } from '@/server/http/define-route';
import { createProject, listProjects } from '@/server/services/identity';

export const GET = defineRoute({
  handler: async ({ ctx }) => {
    const projects = await listProjects(ctx);
    return ok({ projects, total_count: projects.length });
  },
});

export const POST = defineRoute({
  body: ProjectCreateInput,
  audit: { action: 'project.create', resourceType: 'project' },
  handler: async ({ ctx, body }) => created({ project: await createProject(ctx, body) }),
});
