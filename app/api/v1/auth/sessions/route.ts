import { op } from '@/lib/contract/operations';
import { clearSessionCookieHeader } from '@/server/auth/tokens';
import { defineRoute, ok } from '@/server/http/define-route';
import { signOutEverywhere } from '@/server/services/identity';

/** "Sign out everywhere": ends every session of the signed-in user, this one included. */
export const DELETE = defineRoute(op('DELETE /auth/sessions'), {
  audit: { action: 'auth.sign_out_everywhere', resourceType: 'user', resourceId: () => undefined },
  handler: async ({ ctx }) => ({ ...ok(await signOutEverywhere(ctx)), headers: { 'Set-Cookie': clearSessionCookieHeader() } }),
});
