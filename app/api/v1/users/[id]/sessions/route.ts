import { op } from '@/lib/contract/operations';
import { defineRoute, ok } from '@/server/http/define-route';
import { signOutUser } from '@/server/services/identity';

/** An administrator signs a user out everywhere. */
export const DELETE = defineRoute(op('DELETE /users/{id}/sessions'), {
  audit: { action: 'user.sign_out_everywhere', resourceType: 'user' },
  handler: async ({ ctx, params }) => ok(await signOutUser(ctx, params.id)),
});
