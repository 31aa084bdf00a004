import { defineRoute } from '@/server/http/define-route';
import { outsideContract } from '@/server/http/outside-contract';
import { CloudError } from '@/server/providers/errors';

/** Any path under /api/v1 that names no operation: the contract's JSON 404, not an HTML page. */
const unknown = defineRoute(outsideContract.unknownPath, {
  handler: async ({ request }) => {
    throw new CloudError(
      'not_found',
      `no operation ${request.method} ${new URL(request.url).pathname}; see /api/v1/openapi.json`,
    );
  },
});

export const GET = unknown;
export const POST = unknown;
export const PUT = unknown;
export const PATCH = unknown;
export const DELETE = unknown;
