import { op } from '@/lib/contract/operations';
import { accepted, defineRoute, noContent, ok } from '@/server/http/define-route';
import { deleteServer, getServer, updateServer } from '@/server/services/servers';

export const GET = defineRoute(op('GET /servers/{id}'), {
  handler: async ({ ctx, params }) => ok({ server: await getServer(ctx, params.id) }),
});

export const PUT = defineRoute(op('PUT /servers/{id}'), {
  audit: { action: 'server.update', resourceType: 'server' },
  handler: async ({ ctx, params, body }) => ok({ server: await updateServer(ctx, params.id, body) }),
});

export const DELETE = defineRoute(op('DELETE /servers/{id}'), {
  audit: { action: 'server.delete', resourceType: 'server' },
  handler: async ({ ctx, params }) => ((await deleteServer(ctx, params.id)).pending ? accepted() : noContent()),
});
