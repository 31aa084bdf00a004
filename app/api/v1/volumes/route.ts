import { op } from '@/lib/contract/operations';
import { defineRoute, listReply } from '@/server/http/define-route';
import { volumeOperations } from '@/server/operations/volumes';
import { listVolumes } from '@/server/services/volumes';

export const GET = defineRoute(op('GET /volumes'), {
  handler: async ({ ctx, query }) => listReply('volumes', await listVolumes(ctx, query)),
});

export const POST = defineRoute(op('POST /volumes'), volumeOperations.create);
