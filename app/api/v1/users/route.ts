import { op } from '@/lib/contract/operations';
import { defineRoute, ok } from '@/server/http/define-route';
import { userOperations } from '@/server/operations/users';
import { listUsers } from '@/server/services/identity';

export const POST = defineRoute(op('POST /users'), userOperations.create);

/** Every user with their projects, roles and enabled flag (admin). */
export const GET = defineRoute(op('GET /users'), {
  handler: async ({ ctx }) => {
    const users = await listUsers(ctx);
    return ok({ users, total_count: users.length });
  },
});
