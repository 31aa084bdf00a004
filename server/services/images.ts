import 'server-only';
import type { ListResult } from '@/lib/contract/common';
import type {
  Image,
  ImageFromServerInput,
  ImageImportInput,
  ImageListQuery,
  ImageMetadataCreateInput,
  ImagePatchInput,
} from '@/lib/contract/image';
import { CloudError, forbidden, invalid } from '../providers/errors';
import { provider } from '../providers/registry';
import type { ByteStream, ImportSource } from '../providers/types';
import { config } from '../config';
import { checkUrl, guardedFetch, UrlRefused, type FetchLimits } from '../net/url-guard';
import { isAdmin, requireWriter, listScope, scope, type RequestContext } from './context';

/**
 * An image the caller may read: its project's or a public one (any, for admins). Another project's private
 * image is a 404, answered by the provider's scope.
 */
const readableImage = (ctx: RequestContext, id: string): Promise<Image> => provider().images.get(scope(ctx), id);

/**
 * An image the caller may change. **Decision:** a public image of another project is readable, so refusing a
 * change to it with 404 would contradict the GET that just answered; it is a 403 naming the owner rule.
 */
async function ownImage(ctx: RequestContext, id: string, what: string): Promise<Image> {
  requireWriter(ctx, what);
  const image = await readableImage(ctx, id);
  if (!isAdmin(ctx) && image.owner !== ctx.principal.projectId)
    throw forbidden(`image ${image.name} belongs to another project; only its owner may ${what}`);
  return image;
}

/**
 * Publishing an image puts it in every tenant's server wizard: an admin's right, as Glance's default
 * `publicize_image` policy has it. Checked here for every backend, before the provider is asked.
 */
function requirePublishRight(ctx: RequestContext, visibility: string | undefined): void {
  // Only `public` publishes; any other value is not a visibility of the contract and is the patch's own 400.
  if (visibility === 'public' && !isAdmin(ctx))
    throw new CloudError('forbidden', `visibility: only administrators may make an image ${visibility}`, [
      { path: 'visibility', message: `only administrators may make an image ${visibility}` },
    ]);
}

export async function listImages(ctx: RequestContext, q: ImageListQuery): Promise<ListResult<Image>> {
  return provider().images.list(listScope(ctx, q), q);
}

export const getImage = (ctx: RequestContext, id: string): Promise<Image> => readableImage(ctx, id);

/** B.29: from a server (asynchronous, `saving`) or metadata only (synchronous, `queued`). */
export async function createImage(
  ctx: RequestContext,
  input: ImageFromServerInput | ImageMetadataCreateInput,
): Promise<{ image: Image; pending: boolean }> {
  requireWriter(ctx, 'create images');
  if ('visibility' in input) requirePublishRight(ctx, input.visibility);
  const own = scope(ctx, { allProjects: false });
  if ('server_id' in input) return { image: await provider().images.createFromServer(own, input), pending: true };
  return { image: await provider().images.createMetadata(own, input), pending: false };
}

/** B.30: the body flows from the request to the backend without being held in memory. */
export async function uploadImageFile(
  ctx: RequestContext,
  id: string,
  body: ByteStream,
  expectedBytes?: number,
): Promise<Image> {
  await ownImage(ctx, id, 'upload image files');
  return provider().images.upload(scope(ctx), id, body, expectedBytes);
}

/** The configured limits of an import (README, Configuration). */
function importLimits(): FetchLimits {
  const c = config();
  return {
    allow: c.YUNTU_IMAGE_IMPORT_ALLOW,
    maxBytes: c.YUNTU_IMAGE_IMPORT_MAX_BYTES,
    timeoutMs: c.YUNTU_IMAGE_IMPORT_TIMEOUT_SECONDS * 1000,
    idleTimeoutMs: c.YUNTU_IMAGE_IMPORT_IDLE_SECONDS * 1000,
  };
}

/**
 * B.30 from its 源镜像路径 URL. The URL is checked here, for every backend, before the backend hears of it: a
 * refused one is a 400 naming `source_url` and the image stays queued. A backend that fetches itself (the
 * simulator) fetches through the same guard, hop by hop; OpenStack's Glance fetches on its own, behind its own
 * `import_filtering_opts` (docs/openstack.md), after this check.
 */
export async function importImageFile(ctx: RequestContext, id: string, input: ImageImportInput): Promise<Image> {
  await ownImage(ctx, id, 'import image files');
  const limits = importLimits();
  try {
    await checkUrl(input.source_url, limits.allow);
  } catch (e) {
    if (!(e instanceof UrlRefused)) throw e;
    const message = e.message.replace(/^source_url: /, '');
    throw invalid('source_url', message);
  }
  const source: ImportSource = {
    url: input.source_url,
    open: (signal) => guardedFetch(input.source_url, limits, signal),
  };
  return provider().images.importFromUrl(scope(ctx), id, source);
}

/** For the resumable upload: a finished file on the console's disk becomes the image's. */
export async function attachUploadedFile(ctx: RequestContext, id: string, filePath: string): Promise<Image> {
  await ownImage(ctx, id, 'upload image files');
  return provider().images.uploadFromFile(scope(ctx), id, filePath);
}

/** Checks, before any byte is accepted, that a resumable upload may later land in this image. */
export async function checkUploadTarget(ctx: RequestContext, id: string): Promise<Image> {
  return ownImage(ctx, id, 'upload image files');
}

export async function downloadImageFile(ctx: RequestContext, id: string) {
  await readableImage(ctx, id);
  return provider().images.download(scope(ctx), id);
}

export async function deleteImage(ctx: RequestContext, id: string): Promise<void> {
  await ownImage(ctx, id, 'delete images');
  await provider().images.remove(scope(ctx), id);
}

/** B.34-B.36: the provider applies the operations atomically by the rules of `applyImagePatch`. */
export async function patchImage(ctx: RequestContext, id: string, ops: ImagePatchInput): Promise<Image> {
  await ownImage(ctx, id, 'change images');
  for (const op of ops)
    if (op.path === '/visibility' && op.op !== 'remove')
      requirePublishRight(ctx, typeof op.value === 'string' ? op.value : String(op.value));
  return provider().images.update(scope(ctx), id, ops);
}
