import { op } from '@/lib/contract/operations';
import { defineRoute, listReply } from '@/server/http/define-route';
import { snapshotOperations } from '@/server/operations/snapshots';
import { listSnapshots } from '@/server/services/snapshots';

export const GET = defineRoute(op('GET /snapshots'), {
  handler: async ({ ctx, query }) => listReply('snapshots', await listSnapshots(ctx, query)),
});

export const POST = defineRoute(op('POST /snapshots'), snapshotOperations.create);
