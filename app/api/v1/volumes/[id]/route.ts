import { accepted, defineRoute, noContent, ok } from '@/server/http/define-route';
import { deleteVolume, getVolume } from '@/server/services/volumes';

export const GET = defineRoute({
  handler: async ({ ctx, params }) => ok({ volume: await getVolume(ctx, params.id!) }),
});

export const DELETE = defineRoute({
  audit: { action: 'volume.delete', resourceType: 'volume' },
  handler: async ({ ctx, params }) => ((await deleteVolume(ctx, params.id!)).pending ? accepted() : noContent()),
});
