import { op } from '@/lib/contract/operations';
import { accepted, defineRoute, listReply } from '@/server/http/define-route';
import { createVolume, listVolumes } from '@/server/services/volumes';

export const GET = defineRoute(op('GET /volumes'), {
  handler: async ({ ctx, query }) => listReply('volumes', await listVolumes(ctx, query)),
});

export const POST = defineRoute(op('POST /volumes'), {
  idempotent: true,
  audit: { action: 'volume.create', resourceType: 'volume' },
  handler: async ({ ctx, body }) => accepted({ volume: await createVolume(ctx, body) }),
});
