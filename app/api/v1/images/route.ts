import { op } from '@/lib/contract/operations';
import { defineRoute, listReply } from '@/server/http/define-route';
import { imageOperations } from '@/server/operations/images';
import { listImages } from '@/server/services/images';

export const GET = defineRoute(op('GET /images'), {
  handler: async ({ ctx, query }) => listReply('images', await listImages(ctx, query)),
});

export const POST = defineRoute(op('POST /images'), imageOperations.create);
