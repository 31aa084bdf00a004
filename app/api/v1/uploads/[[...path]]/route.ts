import { defineRoute } from '@/server/http/define-route';
import { outsideContract } from '@/server/http/outside-contract';
import { handleUpload, handleUploadOptions } from '@/server/services/uploads';

// tus 1.0.0: the wrapper authenticates and never reads the body, which tus streams to disk itself.
const tus = defineRoute(outsideContract.tusUpload, { handler: ({ ctx, request }) => handleUpload(ctx, request) });

export const POST = defineRoute(outsideContract.tusUpload, {
  audit: { action: 'upload.create', resourceType: 'upload' },
  handler: ({ ctx, request }) => handleUpload(ctx, request),
});
export const PATCH = defineRoute(outsideContract.tusUpload, {
  audit: { action: 'upload.write', resourceType: 'upload' },
  handler: ({ ctx, request }) => handleUpload(ctx, request),
});
export const DELETE = defineRoute(outsideContract.tusUpload, {
  audit: { action: 'upload.delete', resourceType: 'upload' },
  handler: ({ ctx, request }) => handleUpload(ctx, request),
});
export const HEAD = tus;
export const OPTIONS = defineRoute(outsideContract.tusOptions, {
  handler: ({ request }) => handleUploadOptions(request),
});
