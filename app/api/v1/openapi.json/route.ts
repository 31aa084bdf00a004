import { buildOpenApi } from '@/lib/contract/openapi';
import { defineRoute, ok } from '@/server/http/define-route';

let cached: ReturnType<typeof buildOpenApi> | undefined;

/** This API as OpenAPI 3.1 (public). */
export const GET = defineRoute({
  auth: 'public',
  handler: async () => ok((cached ??= buildOpenApi())),
});
