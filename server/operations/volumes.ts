import 'server-only';
import { op } from '@/lib/contract/operations';
import { accepted, defineOperation, noContent } from '../http/pipeline';
import {
  attachVolume,
  createVolume,
  deleteVolume,
  detachVolume,
  extendVolume,
  retypeVolume,
} from '../services/volumes';

/** The volumes' changes, each declared once for its route handler and its server action (server/operations/README.md). */
export const volumeOperations = {
  create: defineOperation(op('POST /volumes'), {
    idempotent: true,
    audit: { action: 'volume.create', resourceType: 'volume' },
    handler: async ({ ctx, body }) => accepted({ volume: await createVolume(ctx, body) }),
  }),
  remove: defineOperation(op('DELETE /volumes/{id}'), {
    audit: { action: 'volume.delete', resourceType: 'volume' },
    handler: async ({ ctx, params }) => ((await deleteVolume(ctx, params.id)).pending ? accepted() : noContent()),
  }),
  attach: defineOperation(op('POST /volumes/{id}/attach'), {
    audit: { action: 'volume.attach', resourceType: 'volume' },
    handler: async ({ ctx, params, body }) => accepted({ volume: await attachVolume(ctx, params.id, body) }),
  }),
  detach: defineOperation(op('POST /volumes/{id}/detach'), {
    audit: { action: 'volume.detach', resourceType: 'volume' },
    handler: async ({ ctx, params, body }) => accepted({ volume: await detachVolume(ctx, params.id, body.server_id) }),
  }),
  extend: defineOperation(op('POST /volumes/{id}/extend'), {
    audit: { action: 'volume.extend', resourceType: 'volume' },
    handler: async ({ ctx, params, body }) =>
      accepted({ volume: await extendVolume(ctx, params.id, body.new_size_gb) }),
  }),
  retype: defineOperation(op('POST /volumes/{id}/retype'), {
    audit: { action: 'volume.retype', resourceType: 'volume' },
    handler: async ({ ctx, params, body }) => accepted({ volume: await retypeVolume(ctx, params.id, body) }),
  }),
};
