import { op } from '@/lib/contract/operations';
import { defineRoute, ok } from '@/server/http/define-route';
import { setUserEnabled } from '@/server/services/identity';

/** Lets a disabled user sign in again. */
export const POST = defineRoute(op('POST /users/{id}/enable'), {
  audit: { action: 'user.enable', resourceType: 'user' },
  handler: async ({ ctx, params }) => ok(await setUserEnabled(ctx, params.id, true)),
});
