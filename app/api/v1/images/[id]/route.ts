import { op } from '@/lib/contract/operations';
import { defineRoute, noContent, ok } from '@/server/http/define-route';
import { deleteImage, getImage, patchImage } from '@/server/services/images';

export const GET = defineRoute(op('GET /images/{id}'), {
  handler: async ({ ctx, params }) => ok({ image: await getImage(ctx, params.id) }),
});

export const PATCH = defineRoute(op('PATCH /images/{id}'), {
  audit: { action: 'image.update', resourceType: 'image' },
  handler: async ({ ctx, params, body }) => ok({ image: await patchImage(ctx, params.id, body) }),
});

export const DELETE = defineRoute(op('DELETE /images/{id}'), {
  audit: { action: 'image.delete', resourceType: 'image' },
  handler: async ({ ctx, params }) => {
    await deleteImage(ctx, params.id);
    return noContent();
  },
});
