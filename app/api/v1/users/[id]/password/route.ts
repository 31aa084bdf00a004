import { op } from '@/lib/contract/operations';
import { defineRoute, ok } from '@/server/http/define-route';
import { resetPassword } from '@/server/services/identity';

/** An administrator sets a user's password; the user's sessions end at once. */
export const PUT = defineRoute(op('PUT /users/{id}/password'), {
  audit: { action: 'user.reset_password', resourceType: 'user' },
  handler: async ({ ctx, params, body }) => ok(await resetPassword(ctx, params.id, body.password)),
});
