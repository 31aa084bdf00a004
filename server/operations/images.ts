import 'server-only';
import { op } from '@/lib/contract/operations';
import { accepted, created, defineOperation, noContent, ok } from '../http/pipeline';
import { createImage, deleteImage, importImageFile, patchImage } from '../services/images';

/** The images' changes, each declared once for its route handler and its server action (server/operations/README.md). */
export const imageOperations = {
  create: defineOperation(op('POST /images'), {
    idempotent: true,
    audit: { action: 'image.create', resourceType: 'image' },
    handler: async ({ ctx, body }) => {
      const { image, pending } = await createImage(ctx, body);
      return pending ? accepted({ image }) : created({ image });
    },
  }),
  patch: defineOperation(op('PATCH /images/{id}'), {
    audit: { action: 'image.update', resourceType: 'image' },
    handler: async ({ ctx, params, body }) => ok({ image: await patchImage(ctx, params.id, body) }),
  }),
  /** B.30 from a URL: answered once the fetch has started (202); GET /images/{id} shows its progress. */
  importFile: defineOperation(op('POST /images/{id}/import'), {
    audit: { action: 'image.import', resourceType: 'image' },
    handler: async ({ ctx, params, body }) => accepted({ image: await importImageFile(ctx, params.id, body) }),
  }),
  remove: defineOperation(op('DELETE /images/{id}'), {
    audit: { action: 'image.delete', resourceType: 'image' },
    handler: async ({ ctx, params }) => {
      await deleteImage(ctx, params.id);
      return noContent();
    },
  }),
};
