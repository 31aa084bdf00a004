import { op } from '@/lib/contract/operations';
import { buildOpenApi } from '@/lib/contract/openapi';
import { defineRoute, ok } from '@/server/http/define-route';

let cached: ReturnType<typeof buildOpenApi> | undefined;

/** This API as OpenAPI 3.1 (public). */
export const GET = defineRoute(op('GET /openapi.json'), {
  handler: async () => ok((cached ??= buildOpenApi())),
});
