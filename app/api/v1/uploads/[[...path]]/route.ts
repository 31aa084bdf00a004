import { defineRoute } from '@/server/http/define-route';
import { handleUpload, handleUploadOptions } from '@/server/services/uploads';

// tus 1.0.0: the wrapper authenticates and never reads the body, which tus streams to disk itself.
const tus = defineRoute({ handler: ({ ctx, request }) => handleUpload(ctx, request) });

export const POST = defineRoute({ audit: { action: 'upload.create', resourceType: 'upload' }, handler: ({ ctx, request }) => handleUpload(ctx, request) });
export const PATCH = defineRoute({ audit: { action: 'upload.write', resourceType: 'upload' }, handler: ({ ctx, request }) => handleUpload(ctx, request) });
export const DELETE = defineRoute({ audit: { action: 'upload.delete', resourceType: 'upload' }, handler: ({ ctx, request }) => handleUpload(ctx, request) });
export const HEAD = tus;
export const OPTIONS = defineRoute({ auth: 'public', handler: ({ request }) => handleUploadOptions(request) });
