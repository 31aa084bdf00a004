import { op } from '@/lib/contract/operations';
import { defineRoute, ok } from '@/server/http/define-route';
import { volumeOperations } from '@/server/operations/volumes';
import { getVolume } from '@/server/services/volumes';

export const GET = defineRoute(op('GET /volumes/{id}'), {
  handler: async ({ ctx, params }) => ok({ volume: await getVolume(ctx, params.id) }),
});

export const DELETE = defineRoute(op('DELETE /volumes/{id}'), volumeOperations.remove);
