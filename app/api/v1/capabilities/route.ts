import { op } from '@/lib/contract/operations';
import { defineRoute, ok } from '@/server/http/define-route';
import { listCapabilities } from '@/server/services/capabilities';

/** The conformance table of the configured backend (any signed-in user: the console greys out what is missing). */
export const GET = defineRoute(op('GET /capabilities'), {
  handler: async ({ ctx }) => ok(await listCapabilities(ctx)),
});
