import { op } from '@/lib/contract/operations';
import { created, defineRoute, ok } from '@/server/http/define-route';
import { createUser, listUsers } from '@/server/services/identity';

export const POST = defineRoute(op('POST /users'), {
  audit: { action: 'user.create', resourceType: 'user' },
  handler: async ({ ctx, body }) => created({ user: await createUser(ctx, body) }),
});

/** Every user with their projects, roles and enabled flag (admin). */
export const GET = defineRoute(op('GET /users'), {
  handler: async ({ ctx }) => {
    const users = await listUsers(ctx);
    return ok({ users, total_count: users.length });
  },
});
