import { op } from '@/lib/contract/operations';
import { defineRoute, ok } from '@/server/http/define-route';
import { snapshotOperations } from '@/server/operations/snapshots';
import { getSnapshot } from '@/server/services/snapshots';

export const GET = defineRoute(op('GET /snapshots/{id}'), {
  handler: async ({ ctx, params }) => ok({ snapshot: await getSnapshot(ctx, params.id) }),
});

export const PATCH = defineRoute(op('PATCH /snapshots/{id}'), snapshotOperations.update);

export const DELETE = defineRoute(op('DELETE /snapshots/{id}'), snapshotOperations.remove);
