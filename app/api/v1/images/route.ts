import { op } from '@/lib/contract/operations';
import { accepted, created, defineRoute, listReply } from '@/server/http/define-route';
import { createImage, listImages } from '@/server/services/images';

export const GET = defineRoute(op('GET /images'), {
  handler: async ({ ctx, query }) => listReply('images', await listImages(ctx, query)),
});

export const POST = defineRoute(op('POST /images'), {
  idempotent: true,
  audit: { action: 'image.create', resourceType: 'image' },
  handler: async ({ ctx, body }) => {
    const { image, pending } = await createImage(ctx, body);
    return pending ? accepted({ image }) : created({ image });
  },
});
