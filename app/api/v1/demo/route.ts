import { op } from '@/lib/contract/operations';
import { defineRoute, ok } from '@/server/http/define-route';
import { getDemo } from '@/server/services/demo';

/** The demo state (any signed-in user: the shell's fault banner reads it); simulator only. */
export const GET = defineRoute(op('GET /demo'), {
  handler: async ({ ctx }) => ok(await getDemo(ctx)),
});
