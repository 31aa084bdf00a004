import { op } from '@/lib/contract/operations';
import { defineRoute, listReply } from '@/server/http/define-route';
import { listVolumeTypes } from '@/server/services/volumes';

export const GET = defineRoute(op('GET /volume-types'), {
  handler: async ({ ctx }) => {
    const types = await listVolumeTypes(ctx);
    return listReply('volume_types', { items: types, total: types.length });
  },
});
