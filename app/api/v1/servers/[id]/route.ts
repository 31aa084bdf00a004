import { op } from '@/lib/contract/operations';
import { defineRoute, ok } from '@/server/http/define-route';
import { serverOperations } from '@/server/operations/servers';
import { getServer } from '@/server/services/servers';

export const GET = defineRoute(op('GET /servers/{id}'), {
  handler: async ({ ctx, params }) => ok({ server: await getServer(ctx, params.id) }),
});

export const PUT = defineRoute(op('PUT /servers/{id}'), serverOperations.update);

export const DELETE = defineRoute(op('DELETE /servers/{id}'), serverOperations.remove);
