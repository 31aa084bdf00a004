import { op } from '@/lib/contract/operations';
import { defineRoute, noContent, ok } from '@/server/http/define-route';
import { removeMembership, setMembership } from '@/server/services/identity';

/** Adds the user to the project with a role, or changes their role there (their sessions in it end). */
export const PUT = defineRoute(op('PUT /users/{id}/projects/{project_id}'), {
  audit: { action: 'user.set_membership', resourceType: 'user' },
  handler: async ({ ctx, params, body }) => ok(await setMembership(ctx, params.id, params.project_id, body.role)),
});

/** Removes the user from the project; their sessions scoped to it end at once. */
export const DELETE = defineRoute(op('DELETE /users/{id}/projects/{project_id}'), {
  audit: { action: 'user.remove_membership', resourceType: 'user' },
  handler: async ({ ctx, params }) => {
    await removeMembership(ctx, params.id, params.project_id);
    return noContent();
  },
});
