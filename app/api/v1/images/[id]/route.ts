import { ImagePatchInput } from '@/lib/contract/image';
import { defineRoute, noContent, ok } from '@/server/http/define-route';
import { deleteImage, getImage, patchImage } from '@/server/services/images';

export const GET = defineRoute({
  handler: async ({ ctx, params }) => ok({ image: await getImage(ctx, params.id!) }),
});

export const PATCH = defineRoute({
  body: ImagePatchInput,
  bodyContentTypes: ['application/json-patch+json'],
  audit: { action: 'image.update', resourceType: 'image' },
  handler: async ({ ctx, params, body }) => ok({ image: await patchImage(ctx, params.id!, body) }),
});

export const DELETE = defineRoute({
  audit: { action: 'image.delete', resourceType: 'image' },
  handler: async ({ ctx, params }) => {
    await deleteImage(ctx, params.id!);
    return noContent();
  },
});
