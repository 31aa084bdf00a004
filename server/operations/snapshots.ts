import 'server-only';
import { op } from '@/lib/contract/operations';
import { accepted, defineOperation, noContent, ok } from '../http/pipeline';
import { createSnapshot, deleteSnapshot, updateSnapshot } from '../services/snapshots';

/** The snapshots' changes, each declared once for its route handler and its server action (server/operations/README.md). */
export const snapshotOperations = {
  create: defineOperation(op('POST /snapshots'), {
    idempotent: true,
    audit: { action: 'snapshot.create', resourceType: 'snapshot' },
    handler: async ({ ctx, body }) => accepted({ snapshot: await createSnapshot(ctx, body) }),
  }),
  update: defineOperation(op('PATCH /snapshots/{id}'), {
    audit: { action: 'snapshot.update', resourceType: 'snapshot' },
    handler: async ({ ctx, params, body }) => ok({ snapshot: await updateSnapshot(ctx, params.id, body) }),
  }),
  remove: defineOperation(op('DELETE /snapshots/{id}'), {
    audit: { action: 'snapshot.delete', resourceType: 'snapshot' },
    handler: async ({ ctx, params }) => ((await deleteSnapshot(ctx, params.id)).pending ? accepted() : noContent()),
  }),
};
