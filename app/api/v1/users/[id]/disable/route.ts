import { op } from '@/lib/contract/operations';
import { defineRoute, ok } from '@/server/http/define-route';
import { setUserEnabled } from '@/server/services/identity';

/** A disabled user cannot sign in; their sessions end at once. */
export const POST = defineRoute(op('POST /users/{id}/disable'), {
  audit: { action: 'user.disable', resourceType: 'user' },
  handler: async ({ ctx, params }) => ok(await setUserEnabled(ctx, params.id, false)),
});
