import 'server-only';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import { Readable } from 'node:stream';
import { applyImagePatch, imageRules } from '@/lib/contract/image';
import { CloudError, conflict, invalid, notSupported } from '../errors';
import type { ByteStream, CloudProvider, ProviderContext } from '../types';
import { isAdminCtx, type OsDeps } from './context';
import { action as serverAction } from './compute-actions';
import { orNotFound } from './compute';
import { glanceImageDeleteRules, glanceImportRules, translateError } from './errors';
import {
  importMarker,
  needsImportTask,
  sha256Property,
  toGlancePatch,
  toImage,
  type GlanceTask,
} from './mappers/image';
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

/**
 * The latest import task of an image, for the few images whose `queued` may mean a failed import. Glance lists
 * an image's tasks since image API 2.12 (Yoga); an older Glance answers 404 and the import counts as lost.
 */
async function importTask(rest: Rest, id: string): Promise<GlanceTask | null> {
  try {
    const r = await rest.call<{ tasks?: GlanceTask[] }>('image', 'GET', `images/${encodeURIComponent(id)}/tasks`);
    const tasks = (r.body?.tasks ?? []).filter((t) => t.type === 'api_image_import');
    tasks.sort((a, b) => b.created_at.localeCompare(a.created_at));
    return tasks[0] ?? null;
  } catch (e) {
    if (e instanceof CloudError && e.kind === 'not_found') return null;
    throw e;
  }
}

/** The contract's image, with the import task read when Glance's status alone cannot tell the import's outcome. */
async function mapped(rest: Rest, g: GlanceImage) {
  return toImage(g, needsImportTask(g) ? await importTask(rest, g.id) : undefined);
}

/** Whether this Glance offers web-download (GET /v2/info/import), asked once a minute per endpoint. */
const importMethods = new Map<string, { at: number; methods: Promise<string[]> }>();
export async function webDownloadEnabled(rest: Rest, key: string): Promise<boolean> {
  let hit = importMethods.get(key);
  if (!hit || Date.now() - hit.at > 60_000) {
    // Only an answer is remembered: a Glance that failed to answer (busy, restarting) is asked again next time,
    // rather than the feature vanishing from every form for a minute.
    const methods = rest
      .call<{ 'import-methods'?: { value?: string[] } }>('image', 'GET', 'info/import')
      .then((r) => r.body?.['import-methods']?.value ?? [])
      .catch(() => {
        importMethods.delete(key);
        return [] as string[];
      });
    hit = { at: Date.now(), methods };
    importMethods.set(key, hit);
  }
  return (await hit.methods).includes('web-download');
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
    async importFromUrl(ctx, id, source) {
      const rest = d.rest(ctx);
      const image = await getGlance(rest, id);
      const status = (await mapped(rest, image)).status;
      if (!imageRules.allowed('import', status))
        throw conflict(imageRules.conflictMessage('import', `image ${image.name ?? id}`, status));
      if (!(await webDownloadEnabled(rest, d.settings.authUrl)))
        throw notSupported(
          'POST /images/{id}/import: the image service (Glance) does not offer the web-download import method',
        );
      // Marked first: Glance's only trace of a failed web-download is the image going back to queued.
      await patchGlance(rest, id, [{ op: 'add', path: `/${importMarker}`, value: new Date().toISOString() }]);
      try {
        // Glance fetches the URL itself; the console checked it already, Glance's import_filtering_opts check it again.
        await rest.call('image', 'POST', `images/${encodeURIComponent(id)}/import`, {
          body: { method: { name: 'web-download', uri: source.url } },
        });
      } catch (e) {
        await patchGlance(rest, id, [{ op: 'remove', path: `/${importMarker}` }]).catch(() => undefined);
        throw translateError(glanceImportRules, e, { url: source.url });
      }
      return mapped(rest, await getGlance(rest, id));
    },
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
      const rest = d.rest(ctx);
      return mapped(rest, await getGlance(rest, id));
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
        // A failed import is `queued` in Glance and `killed` here, a just-asked one `queued` and `importing`: those two
        // are filtered below, after mapping.
        ...(q.status && q.status !== 'killed' && q.status !== 'importing' ? { status: q.status } : {}),
        ...(q.visibility === 'public' ? { visibility: 'public' } : {}),
        // Glance names an image's project `owner`.
        ...(ctx.onlyProjectId !== undefined ? { owner: ctx.onlyProjectId } : {}),
      });
      const admin = isAdminCtx(ctx);
      const rest = d.rest(ctx);
      // Only images queued after an import need their task read: a handful at most, read side by side.
      const tasks = new Map(
        await Promise.all(all.filter(needsImportTask).map(async (g) => [g.id, await importTask(rest, g.id)] as const)),
      );
      const items = all
        .filter(
          (g) =>
            !admin ||
            ctx.allProjects ||
            g.owner === ctx.projectId ||
            g.visibility === 'public' ||
            g.visibility === 'community',
        )
        .map((g) => toImage(g, tasks.get(g.id)))
        .filter(
          (i) =>
            (ctx.onlyProjectId === undefined || i.owner === ctx.onlyProjectId) &&
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
