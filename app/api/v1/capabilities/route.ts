import { defineRoute, ok } from '@/server/http/define-route';
import { listCapabilities } from '@/server/services/capabilities';

/** The conformance table of the configured backend (any signed-in user: the console greys out what is missing). */
export const GET = defineRoute({
  handler: async ({ ctx }) => ok(await listCapabilities(ctx)),
});
