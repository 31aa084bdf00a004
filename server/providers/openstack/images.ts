import 'server-only';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import { Readable } from 'node:stream';
import { applyImagePatch, imageRules } from '@/lib/contract/image';
import { CloudError, conflict, invalid } from '../errors';
import type { ByteStream, CloudProvider, ProviderContext } from '../types';
import { isAdminCtx, type OsDeps } from './context';
import { action as serverAction } from './compute-actions';
import { orNotFound } from './compute';
import { glanceImageDeleteRules, translateError } from './errors';
import { sha256Property, toGlancePatch, toImage } from './mappers/image';
import type { GlanceImage } from './mappers/wire';
import { pageOf } from '../paging';
import { os, type Rest } from './rest';

const getGlance = (rest: Rest, id: string) => orNotFound(rest.get<GlanceImage>(os.images, id), 'image', id);

async function patchGlance(rest: Rest, id: string, ops: unknown[]): Promise<GlanceImage> {
  const r = await rest.call<GlanceImage>('image', 'PATCH', `images/${encodeURIComponent(id)}`, {
    body: ops,
    contentType: 'application/openstack-images-v2.1-json-patch',
  });
  return r.body;
}

export function osImages(d: OsDeps): CloudProvider['images'] {
  async function upload(ctx: ProviderContext, id: string, body: ByteStream, expectedBytes?: number) {
    const rest = d.rest(ctx);
    const image = await getGlance(rest, id);
    const status = toImage(image).status;
    if (!imageRules.allowed('upload', status))
      throw conflict(imageRules.conflictMessage('upload', `image ${image.name ?? id}`, status));
    // The bytes pass straight through to Glance (constant memory), hashed and counted on the way.
    const hash = createHash('sha256');
    let bytes = 0;
    let lengthError: CloudError | undefined;
    const counted = body.pipeThrough(
      new TransformStream<Uint8Array, Uint8Array>({
        transform(chunk, c) {
          bytes += chunk.byteLength;
          if (expectedBytes !== undefined && bytes > expectedBytes) {
            lengthError = invalid('Content-Length', `is ${expectedBytes} but the body is longer`);
            c.error(lengthError);
            return;
          }
          hash.update(chunk);
          c.enqueue(chunk);
        },
        flush(c) {
          if (expectedBytes !== undefined && bytes !== expectedBytes) {
            lengthError = invalid('Content-Length', `is ${expectedBytes} but the body has ${bytes} bytes`);
            c.error(lengthError);
          }
        },
      }),
    );
    try {
      await rest.call('image', 'PUT', `images/${encodeURIComponent(id)}/file`, {
        raw: counted,
        contentType: 'application/octet-stream',
      });
    } catch (e) {
      if (lengthError) throw lengthError;
      if (e instanceof CloudError && e.kind === 'conflict')
        throw conflict(`image ${id} no longer takes a file: ${e.message}`);
      throw e;
    }
    if (lengthError) throw lengthError;
    return toImage(await patchGlance(rest, id, [{ op: 'add', path: `/${sha256Property}`, value: hash.digest('hex') }]));
  }

  return {
    async createFromServer(ctx, input) {
      const rest = d.rest(ctx);
      await orNotFound(rest.get(os.servers, input.server_id), 'server', input.server_id);
      const r = await serverAction(
        `create an image from server ${input.server_id}`,
        orNotFound(
          rest.action<{ image_id?: string }>(os.servers, input.server_id, {
            createImage: { name: input.name, metadata: { description: input.description } },
          }),
          'server',
          input.server_id,
        ),
      );
      // Microversion 2.45+ answers the id; older ones only a Location header.
      const imageId = r.body?.image_id ?? r.headers.get('location')?.split('/').pop();
      if (!imageId) throw new CloudError('internal', 'the compute service did not say which image it created');
      return toImage(await getGlance(rest, imageId));
    },
    async createMetadata(ctx, input) {
      const g = await d.rest(ctx).create<GlanceImage>(os.images, {
        name: input.name,
        description: input.description,
        disk_format: input.disk_format,
        container_format: input.container_format,
        architecture: input.architecture,
        min_ram: input.min_ram_mb,
        min_disk: input.min_disk_gb,
        visibility: input.visibility,
        protected: input.protected,
        tags: input.tags,
        // Custom properties sit beside the base ones in Glance's create body (already checked: none is reserved).
        ...input.properties,
      });
      return toImage(g);
    },
    upload,
    async uploadFromFile(ctx, id, filePath) {
      const size = fs.statSync(filePath).size;
      const stream = Readable.toWeb(fs.createReadStream(filePath)) as ByteStream;
      const image = await upload(ctx, id, stream, size);
      fs.rmSync(filePath, { force: true });
      return image;
    },
    async download(ctx, id) {
      const rest = d.rest(ctx);
      const image = await getGlance(rest, id);
      const status = toImage(image).status;
      if (!imageRules.allowed('download', status))
        throw conflict(imageRules.conflictMessage('download', `image ${image.name ?? id}`, status));
      const r = await rest.call<Response>('image', 'GET', `images/${encodeURIComponent(id)}/file`, { stream: true });
      const res = r.body;
      if (!res.body) throw conflict(`image ${id} has no file`);
      return { stream: res.body as ByteStream, size: Number(res.headers.get('content-length') ?? image.size ?? 0) };
    },
    async remove(ctx, id) {
      const rest = d.rest(ctx);
      const image = await getGlance(rest, id);
      if (image.protected) throw conflict(`image ${image.name ?? id} is protected: unprotect it before deleting`);
      try {
        await rest.remove(os.images, id);
      } catch (e) {
        throw translateError(glanceImageDeleteRules, e, { id });
      }
    },
    async get(ctx, id) {
      return toImage(await getGlance(d.rest(ctx), id));
    },
    async update(ctx, id, ops) {
      const rest = d.rest(ctx);
      const current = await getGlance(rest, id);
      const r = applyImagePatch(toImage(current), ops);
      if (!r.ok)
        throw new CloudError(r.error.kind, r.error.message, [{ path: r.error.path, message: r.error.message }]);
      const patch = toGlancePatch(r.changes, r.properties);
      if (!patch.length) return toImage(current);
      return toImage(await patchGlance(rest, id, patch));
    },
    async list(ctx, q) {
      const all = await d.rest(ctx).listAll<GlanceImage>(os.images, {
        ...(q.status ? { status: q.status } : {}),
        ...(q.visibility === 'public' ? { visibility: 'public' } : {}),
      });
      const admin = isAdminCtx(ctx);
      const items = all
        .filter(
          (g) =>
            !admin ||
            ctx.allProjects ||
            g.owner === ctx.projectId ||
            g.visibility === 'public' ||
            g.visibility === 'community',
        )
        .map(toImage)
        .filter(
          (i) =>
            (!q.visibility || i.visibility === q.visibility) &&
            (!q.architecture || i.architecture === q.architecture) &&
            (!q.status || i.status === q.status),
        );
      return pageOf(
        items,
        q,
        {
          name: (i) => i.name,
          created_at: (i) => i.created_at,
          size_bytes: (i) => i.size_bytes,
          status: (i) => i.status,
        },
        (i) => i.name,
      );
    },
  };
}
