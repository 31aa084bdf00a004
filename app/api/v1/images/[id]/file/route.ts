import { op } from '@/lib/contract/operations';
import { CloudError } from '@/server/providers/errors';
import { defineRoute, noContent } from '@/server/http/define-route';
import { downloadImageFile, uploadImageFile } from '@/server/services/images';

/** B.30: no `body` schema, so the wrapper leaves the stream unread and it flows straight to the image store. */
export const PUT = defineRoute(op('PUT /images/{id}/file'), {
  audit: { action: 'image.upload', resourceType: 'image' },
  handler: async ({ ctx, params, request }) => {
    const type = request.headers.get('content-type')?.split(';')[0]?.trim().toLowerCase();
    if (type && type !== 'application/octet-stream')
      throw new CloudError('invalid', 'Content-Type must be application/octet-stream', [
        { path: 'Content-Type', message: 'must be application/octet-stream' },
      ]);
    if (!request.body)
      throw new CloudError('invalid', 'body must carry the image file', [
        { path: 'body', message: 'must carry the image file' },
      ]);
    const length = request.headers.get('content-length');
    const expected = length !== null && /^\d+$/.test(length) ? Number(length) : undefined;
    await uploadImageFile(ctx, params.id, request.body, expected);
    return noContent();
  },
});

export const GET = defineRoute(op('GET /images/{id}/file'), {
  handler: async ({ ctx, params }) => {
    const { stream, size } = await downloadImageFile(ctx, params.id);
    return new Response(stream, {
      status: 200,
      headers: {
        'Content-Type': 'application/octet-stream',
        // Next.js drops Content-Length from streamed route responses (it may re-encode them), so the size
        // also travels in a header of our own for progress bars.
        'Content-Length': String(size),
        'X-Image-Size-Bytes': String(size),
        'Content-Disposition': `attachment; filename="${params.id.replace(/[^\w.-]/g, '_')}"`,
        'Cache-Control': 'no-store',
      },
    });
  },
});
