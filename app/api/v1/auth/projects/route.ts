import { op } from '@/lib/contract/operations';
import { defineRoute, ok } from '@/server/http/define-route';
import { authOperations } from '@/server/operations/auth';
import { listMyProjects } from '@/server/services/identity';

/** The projects the signed-in user belongs to (the project switcher). */
export const GET = defineRoute(op('GET /auth/projects'), {
  handler: async ({ ctx }) => ok({ projects: await listMyProjects(ctx) }),
});

export const POST = defineRoute(op('POST /auth/projects'), authOperations.switchProject);
