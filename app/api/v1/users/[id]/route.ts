import { defineRoute, noContent, ok } from '@/server/http/define-route';
import { deleteUser, getUser } from '@/server/services/identity';

export const GET = defineRoute({
  handler: async ({ ctx, params }) => ok({ user: await getUser(ctx, params.id!) }),
});

/** Deletes the user; every session of theirs ends at once. */
export const DELETE = defineRoute({
  audit: { action: 'user.delete', resourceType: 'user' },
  handler: async ({ ctx, params }) => {
    await deleteUser(ctx, params.id!);
    return noContent();
  },
});
