import { op } from '@/lib/contract/operations';
import { defineRoute, ok } from '@/server/http/define-route';
import { userOperations } from '@/server/operations/users';
import { getUser } from '@/server/services/identity';

export const GET = defineRoute(op('GET /users/{id}'), {
  handler: async ({ ctx, params }) => ok({ user: await getUser(ctx, params.id) }),
});

/** Deletes the user; every session of theirs ends at once. */
export const DELETE = defineRoute(op('DELETE /users/{id}'), userOperations.remove);

/** Renames the user (409 when the name is taken). */
export const PATCH = defineRoute(op('PATCH /users/{id}'), userOperations.update);
