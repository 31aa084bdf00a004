import { op } from '@/lib/contract/operations';
import { defineRoute, ok } from '@/server/http/define-route';
import { imageOperations } from '@/server/operations/images';
import { getImage } from '@/server/services/images';

export const GET = defineRoute(op('GET /images/{id}'), {
  handler: async ({ ctx, params }) => ok({ image: await getImage(ctx, params.id) }),
});

export const PATCH = defineRoute(op('PATCH /images/{id}'), imageOperations.patch);

export const DELETE = defineRoute(op('DELETE /images/{id}'), imageOperations.remove);
