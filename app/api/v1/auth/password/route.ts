import { op } from '@/lib/contract/operations';
import { tokenOf } from '@/server/auth/tokens';
import { clientAddress } from '@/server/http/client-address';
import { defineRoute, ok } from '@/server/http/define-route';
import { changeOwnPassword } from '@/server/services/identity';

/** Changes the signed-in user's own password: this session goes on, every other one ends. */
export const POST = defineRoute(op('POST /auth/password'), {
  audit: { action: 'auth.change_password', resourceType: 'user', resourceId: () => undefined },
  handler: async ({ ctx, body, request }) => ok(await changeOwnPassword(ctx, tokenOf(request)!, body, clientAddress(request))),
});
