import 'server-only';
import { createHash, randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { ReadableStream as NodeReadableStream } from 'node:stream/web';
import {
  applyImagePatch,
  imageRules,
  type Image,
  type ImageImport,
  type ImageOperation,
  type ImageStatus,
} from '@/lib/contract/image';
import { config } from '../../config';
import type { Queryable } from '../../db/client';
import { CloudError, conflict, forbidden, invalid, notFound } from '../errors';
import { log } from '../../log';
import type { ByteStream, CloudProvider, ImportSource, ProviderContext } from '../types';
import type { SimDeps } from './deps';
import { requireServerStatus } from './servers';
import {
  andOnlyProject,
  durationMs,
  effectiveStatus,
  effectiveStatusSql,
  iso,
  listPage,
  lockVisibleRow,
  newId,
  param,
  recordEvent,
  scopeSql,
  settle,
  transition,
} from './state';

const table = 'sim_images';
type ImageRow = {
  id: string;
  owner: string;
  name: string;
  description: string;
  architecture: Image['architecture'];
  visibility: Image['visibility'];
  protected: boolean;
  min_ram_mb: number;
  min_disk_gb: number;
  size_bytes: string | number | bigint | null;
  checksum: string | null;
  status: string;
  next_status: string | null;
  settle_at: Date | null;
  disk_format: Image['disk_format'];
  container_format: Image['container_format'];
  tags: string[];
  properties: Record<string, string> | null;
  file_path: string | null;
  import_status: ImageImport['status'] | null;
  import_bytes: string | number | bigint | null;
  import_total: string | number | bigint | null;
  import_error: string | null;
  import_at: Date | null;
  created_at: Date;
  updated_at: Date;
};

export const imageFileUrl = (id: string) => `/api/v1/images/${encodeURIComponent(id)}/file`;

/**
 * How long an import may go without progress before a reader takes it for lost (the process fetching it was
 * stopped): longer than the idle time-out, after which the fetch itself would have given up and said why.
 */
const importStaleMs = () => (config().YUNTU_IMAGE_IMPORT_IDLE_SECONDS * 2 + 30) * 1000;
const lostImport =
  'the import stopped without finishing (the console was restarted while fetching); delete the image and import again';

function importOf(r: ImageRow, stale: boolean): ImageImport | null {
  if (!r.import_status) return null;
  return {
    status: stale ? 'failed' : r.import_status,
    bytes: r.import_bytes === null ? null : Number(r.import_bytes),
    total: r.import_total === null ? null : Number(r.import_total),
    error: stale ? lostImport : r.import_error,
  };
}

function toImage(r: ImageRow, now = Date.now()): Image {
  let status = effectiveStatus(r, now) as ImageStatus;
  const stale = status === 'importing' && (!r.import_at || new Date(r.import_at).getTime() < now - importStaleMs());
  if (stale) status = 'killed';
  // A snapshot's file is written when saving starts; it is only the image's file once saving has finished.
  const hasFile = status === 'active';
  return {
    id: r.id,
    name: r.name,
    description: r.description,
    architecture: r.architecture,
    file_url: imageFileUrl(r.id),
    owner: r.owner,
    tags: r.tags ?? [],
    visibility: r.visibility,
    protected: r.protected,
    min_ram_mb: r.min_ram_mb,
    min_disk_gb: r.min_disk_gb,
    size_bytes: hasFile && r.size_bytes !== null ? Number(r.size_bytes) : null,
    status,
    disk_format: r.disk_format,
    container_format: r.container_format,
    checksum: hasFile ? r.checksum : null,
    properties: r.properties ?? {},
    import: importOf(r, stale),
    created_at: iso(r.created_at),
    updated_at: iso(r.updated_at),
  };
}

/** Images a caller may read: its project's, public ones, or all when the service widened the scope. */
function readableSql(ctx: ProviderContext, params: unknown[]) {
  if (ctx.allProjects) return 'TRUE';
  return `(t.owner = ${param(params, ctx.projectId)} OR t.visibility = 'public')`;
}

/** Locks an image the caller may change: its own project's (or any, for a widened scope). */
/** Only the owner project (or an admin) may change an image; lock it for the change. */
const lockImage = (q: Queryable, ctx: ProviderContext, id: string) =>
  lockVisibleRow<ImageRow>(q, ctx, {
    table,
    kind: 'image',
    id,
    transitional: true,
    visible: (c, params) => scopeSql(c, params, 't.owner'),
  });

const ref = (r: { id: string; owner: string }) => ({ table, resourceType: 'image', id: r.id, projectId: r.owner });

/** The contract's action-by-state table decides; the 409 names the image, its status and the statuses that would do. */
function requireImageStatus(img: { id: string; name: string; status: string }, action: ImageOperation) {
  if (!imageRules.allowed(action, img.status))
    throw conflict(imageRules.conflictMessage(action, `image ${label(img)}`, img.status));
}
const label = (r: { id: string; name: string }) => `${r.name || r.id}`;

function imageDir(): string {
  const dir = config().imageDir;
  fs.mkdirSync(dir, { recursive: true });
  return dir;
}
/** Where a file waits before it becomes an image's: the image folder itself, so the final rename is atomic. */
const tempPath = (id: string) => path.join(imageDir(), `.${id}.${randomUUID()}.part`);
const finalPath = (id: string) => path.join(imageDir(), id);

async function removeQuietly(file: string | null | undefined) {
  if (file) await fs.promises.rm(file, { force: true }).catch(() => undefined);
}

/** Flushes a file to the disk, so the row that points at it never survives a crash that the bytes did not. */
async function syncFile(file: string) {
  const handle = await fs.promises.open(file, 'r+');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/**
 * Streams bytes to `file` while hashing them: memory stays flat, since the pipeline honours backpressure. The
 * one way a file reaches the image store, whether a caller sends it (B.30 PUT) or the simulator fetches it (import).
 */
async function writeHashed(
  source: Readable,
  file: string,
  onBytes?: (size: number) => void,
): Promise<{ size: number; checksum: string }> {
  const hash = createHash('sha256');
  let size = 0;
  const meter = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      hash.update(chunk);
      size += chunk.length;
      onBytes?.(size);
      done(null, chunk);
    },
  });
  await pipeline(source, meter, fs.createWriteStream(file, { flags: 'wx' }));
  await syncFile(file);
  return { size, checksum: hash.digest('hex') };
}

async function hashFile(file: string): Promise<{ size: number; checksum: string }> {
  const hash = createHash('sha256');
  let size = 0;
  for await (const chunk of fs.createReadStream(file, { highWaterMark: 1024 * 1024 }) as AsyncIterable<Buffer>) {
    hash.update(chunk);
    size += chunk.length;
  }
  return { size, checksum: hash.digest('hex') };
}

/** A small snapshot file that looks like a qcow2 image and is unique to the server and the moment. */
function snapshotBytes(serverId: string, at: Date): Buffer {
  const buf = Buffer.alloc(64 * 1024);
  buf.write('QFI\xfb', 0, 'latin1');
  buf.writeUInt32BE(3, 4);
  let seed = createHash('sha256').update(`${serverId}@${at.toISOString()}`).digest();
  for (let off = 72; off < buf.length; off += 32) {
    seed = createHash('sha256').update(seed).digest();
    seed.copy(buf, off);
  }
  return buf;
}

/** Moves a file into place as the last step of a transaction; if the commit then fails, the move is undone. */
async function renameInTx(from: string, to: string) {
  try {
    await fs.promises.rename(from, to);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'EXDEV') throw e;
    // Another filesystem (an upload folder mounted elsewhere): copy, then drop the original.
    await fs.promises.copyFile(from, to);
    await fs.promises.rm(from, { force: true });
  }
}

async function imageById(q: Queryable, id: string): Promise<Image> {
  const rows = await q.query<ImageRow>(`SELECT * FROM ${table} WHERE id = $1`, [id]);
  if (!rows[0]) throw notFound('image', id);
  return toImage(rows[0]);
}

export function simImages({ db }: SimDeps): CloudProvider['images'] {
  /** Stores a finished file as the image's (temp → final rename inside the status update's transaction). */
  async function commitFile(
    ctx: ProviderContext,
    id: string,
    staged: string,
    stats: { size: number; checksum: string },
    from: ImageStatus[],
  ): Promise<Image> {
    const d = await db();
    const target = finalPath(id);
    let moved = false;
    try {
      return await d.tx(async (q) => {
        const img = await lockImage(q, ctx, id);
        if (!from.includes(img.status as ImageStatus))
          throw conflict(`image ${label(img)} is ${img.status}; only a queued image takes a file`);
        // An import that brought the file ends as succeeded, its last progress being the whole file.
        await q.query(
          `UPDATE ${table} SET size_bytes = $2, checksum = $3, file_path = $4, updated_at = now(),
             import_status = CASE WHEN import_status = 'importing' THEN 'succeeded' ELSE import_status END,
             import_bytes = CASE WHEN import_status = 'importing' THEN $2 ELSE import_bytes END, import_at = now()
           WHERE id = $1`,
          [id, stats.size, stats.checksum, target],
        );
        await transition(q, ref(img), 'active', null);
        const image = await imageById(q, id);
        await renameInTx(staged, target);
        moved = true;
        return image;
      });
    } catch (e) {
      // The transaction did not commit: the file must not stay as the image's either.
      if (moved) await fs.promises.rename(target, staged).catch(() => removeQuietly(target));
      throw e;
    }
  }

  /**
   * The simulator's web-download: the file comes through the guarded fetch (every redirect re-checked, size and
   * time capped) into the same store and commit as PUT /images/{id}/file, its progress written as it arrives.
   */
  async function fetchInto(ctx: ProviderContext, id: string, source: ImportSource): Promise<void> {
    const d = await db();
    const abort = new AbortController();
    const staged = tempPath(id);
    let written = 0;
    let reported = -1;
    let reporting: Promise<void> | undefined;
    let timer: NodeJS.Timeout | undefined;
    /** Progress at most four times a second; an image deleted (or killed) meanwhile stops the fetch. */
    const report = () => {
      if (reporting || written === reported) return;
      const bytes = written;
      reporting = d
        .query<{ id: string }>(
          `UPDATE ${table} SET import_bytes = $2, import_at = now() WHERE id = $1 AND status = 'importing' RETURNING id`,
          [id, bytes],
        )
        .then((rows) => {
          reported = bytes;
          if (!rows.length) abort.abort();
        })
        .catch((e: unknown) => log.warn({ err: e, image: id }, 'could not record import progress'))
        .finally(() => (reporting = undefined));
    };
    try {
      const res = await source.open(abort.signal);
      await d.query(`UPDATE ${table} SET import_total = $2, import_at = now() WHERE id = $1 AND status = 'importing'`, [
        id,
        res.total,
      ]);
      timer = setInterval(report, 250);
      const stats = await writeHashed(res.body, staged, (n) => (written = n));
      clearInterval(timer);
      await reporting;
      await commitFile(ctx, id, staged, stats, ['importing']);
    } catch (e) {
      clearInterval(timer);
      await reporting;
      await removeQuietly(staged);
      // The reason is shown under the image (its `import.error`): the guard's own words, or what went wrong here.
      const err = e as NodeJS.ErrnoException;
      const reason =
        err?.code === 'ENOSPC'
          ? 'source_url: no space is left to store the file'
          : err instanceof Error && err.message.startsWith('source_url:')
            ? err.message
            : `source_url: the import failed: ${err instanceof Error ? err.message : String(e)}`;
      await d.tx(async (q) => {
        const rows = await q.query<ImageRow>(`SELECT * FROM ${table} WHERE id = $1 FOR UPDATE`, [id]);
        const row = rows[0];
        // Deleted meanwhile: nothing is left to mark.
        if (!row || row.status !== 'importing') return;
        await q.query(
          `UPDATE ${table} SET import_status = 'failed', import_error = $2, import_bytes = $3, import_at = now(), updated_at = now() WHERE id = $1`,
          [id, reason, written],
        );
        await transition(q, ref(row), 'killed', null);
      });
    }
  }

  return {
    async createFromServer(ctx, input) {
      const d = await db();
      const at = new Date();
      const bytes = snapshotBytes(input.server_id, at);
      const id = newId();
      const staged = tempPath(id);
      await fs.promises.writeFile(staged, bytes, { flag: 'wx' });
      await syncFile(staged);
      const target = finalPath(id);
      let moved = false;
      try {
        return await d.tx(async (q) => {
          await settle(q, 'sim_servers', input.server_id);
          const s = (
            await q.query<{ id: string; name: string; status: string; image_id: string | null; disk_gb: number }>(
              'SELECT id, name, status, image_id, disk_gb FROM sim_servers WHERE id = $1 AND project_id = $2 FOR UPDATE',
              [input.server_id, ctx.projectId],
            )
          )[0];
          if (!s) throw invalid('server_id', `names server "${input.server_id}", which does not exist`);
          requireServerStatus(s, 'create-image');
          const source = s.image_id
            ? (
                await q.query<{ architecture: string; min_ram_mb: number; disk_format: string }>(
                  `SELECT architecture, min_ram_mb, disk_format FROM ${table} WHERE id = $1`,
                  [s.image_id],
                )
              )[0]
            : undefined;
          // `type` (Nova's image_type, e.g. "snapshot") is kept as a tag: the contract has no field for it.
          const tags = input.type ? [input.type] : [];
          await q.query(
            `INSERT INTO ${table} (id, owner, name, description, architecture, visibility, protected, min_ram_mb, min_disk_gb, size_bytes, checksum, status, disk_format, container_format, tags, file_path, created_at, updated_at)
             VALUES ($1,$2,$3,$4,$5,'private',false,$6,$7,$8,$9,'saving','qcow2','bare',$10,$11,$12,$12)`,
            [
              id,
              ctx.projectId,
              input.name,
              input.description,
              source?.architecture ?? 'x86_64',
              source?.min_ram_mb ?? 0,
              s.disk_gb,
              bytes.length,
              createHash('sha256').update(bytes).digest('hex'),
              JSON.stringify(tags),
              target,
              at,
            ],
          );
          await transition(q, { table, resourceType: 'image', id, projectId: ctx.projectId }, 'saving', {
            status: 'active',
            ms: durationMs('imageSave'),
          });
          const image = await imageById(q, id);
          await renameInTx(staged, target);
          moved = true;
          return image;
        });
      } catch (e) {
        await removeQuietly(moved ? target : staged);
        throw e;
      }
    },

    async createMetadata(ctx, input) {
      const d = await db();
      return d.tx(async (q) => {
        const id = newId();
        await q.query(
          `INSERT INTO ${table} (id, owner, name, description, architecture, visibility, protected, min_ram_mb, min_disk_gb, status, disk_format, container_format, tags, properties, created_at, updated_at)
           VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,'queued',$10,$11,$12,$13,now(),now())`,
          [
            id,
            ctx.projectId,
            input.name,
            input.description,
            input.architecture,
            input.visibility,
            input.protected,
            input.min_ram_mb,
            input.min_disk_gb,
            input.disk_format,
            input.container_format,
            JSON.stringify([...new Set(input.tags)]),
            JSON.stringify(input.properties),
          ],
        );
        await recordEvent(q, { resourceType: 'image', id, projectId: ctx.projectId }, 'queued');
        return imageById(q, id);
      });
    },

    async upload(ctx, id, body, expectedBytes) {
      const d = await db();
      // Claim the image first, so a second upload (or a tus finish) meets `uploading` and is refused.
      await d.tx(async (q) => {
        const img = await lockImage(q, ctx, id);
        requireImageStatus(img, 'upload');
        await transition(q, ref(img), 'uploading', null);
      });
      const staged = tempPath(id);
      let stats: { size: number; checksum: string };
      try {
        stats = await writeHashed(Readable.fromWeb(body as NodeReadableStream<Uint8Array>), staged);
        // A body cut short must never become an image, even if the stream ended without an error.
        if (expectedBytes !== undefined && stats.size !== expectedBytes)
          throw new Error(`received ${stats.size} of ${expectedBytes} bytes`);
      } catch (e) {
        await removeQuietly(staged);
        // Back to queued, so the caller can send the file again (as Glance does after a failed upload).
        await d
          .tx(async (q) => {
            await q.query(
              `UPDATE ${table} SET status = 'queued', next_status = NULL, settle_at = NULL WHERE id = $1 AND status = 'uploading'`,
              [id],
            );
            const owner = (await q.query<{ owner: string }>(`SELECT owner FROM ${table} WHERE id = $1`, [id]))[0]
              ?.owner;
            if (owner) await recordEvent(q, { resourceType: 'image', id, projectId: owner }, 'queued');
          })
          .catch(() => undefined);
        if ((e as NodeJS.ErrnoException).code === 'ENOSPC')
          throw new CloudError('unavailable', `no space is left to store the file of image ${id}`, undefined, e);
        throw new CloudError(
          'invalid',
          `the upload of image ${id} ended before the whole body arrived; the image is queued again`,
          [{ path: 'body', message: 'ended early' }],
          e,
        );
      }
      try {
        return await commitFile(ctx, id, staged, stats, ['uploading']);
      } catch (e) {
        await removeQuietly(staged);
        throw e;
      }
    },

    async importFromUrl(ctx, id, source) {
      const d = await db();
      // Claim the image as PUT does, so an upload (or a second import) meets `importing` and is refused.
      const image = await d.tx(async (q) => {
        const img = await lockImage(q, ctx, id);
        requireImageStatus(img, 'import');
        await q.query(
          `UPDATE ${table} SET import_status = 'importing', import_bytes = 0, import_total = NULL, import_error = NULL,
             import_at = now(), updated_at = now() WHERE id = $1`,
          [id],
        );
        await transition(q, ref(img), 'importing', null);
        return imageById(q, id);
      });
      // The fetch outlives the request that asked for it (202): its outcome is the image's status.
      void fetchInto(ctx, id, source).catch((e: unknown) =>
        log.error({ err: e, image: id }, 'the image import could not record its outcome'),
      );
      return image;
    },

    async uploadFromFile(ctx, id, filePath) {
      // Hash before the transaction: reading a large file must not hold the database.
      const stats = await hashFile(filePath);
      return commitFile(ctx, id, filePath, stats, ['queued']);
    },

    async download(ctx, id) {
      const d = await db();
      const params: unknown[] = [id];
      const rows = await d.query<ImageRow>(
        `SELECT * FROM ${table} t WHERE t.id = $1 AND ${readableSql(ctx, params)}`,
        params,
      );
      const row = rows[0];
      if (!row) throw notFound('image', id);
      const image = toImage(row);
      requireImageStatus(image, 'download');
      if (!row.file_path) throw conflict(`image ${label(row)} is ${image.status}; it has no file to download yet`);
      let size: number;
      try {
        size = (await fs.promises.stat(row.file_path)).size;
      } catch (e) {
        throw new CloudError('internal', `the file of image ${id} is missing`, undefined, e);
      }
      const stream = Readable.toWeb(
        fs.createReadStream(row.file_path, { highWaterMark: 1024 * 1024 }),
      ) as unknown as ByteStream;
      return { stream, size };
    },

    async remove(ctx, id) {
      const d = await db();
      const file = await d.tx(async (q) => {
        const img = await lockImage(q, ctx, id);
        requireImageStatus(img, 'delete');
        if (img.protected)
          throw conflict(`image ${label(img)} is protected; set protected to false before deleting it`);
        await q.query(`DELETE FROM ${table} WHERE id = $1`, [id]);
        await recordEvent(q, { resourceType: 'image', id, projectId: img.owner }, 'deleted');
        return img.file_path;
      });
      // After the commit: a crash here leaves an unreferenced file, never a row without its file.
      await removeQuietly(file);
    },

    async get(ctx, id) {
      const d = await db();
      const params: unknown[] = [id];
      const rows = await d.query<ImageRow>(
        `SELECT * FROM ${table} t WHERE t.id = $1 AND ${readableSql(ctx, params)}`,
        params,
      );
      if (!rows[0]) throw notFound('image', id);
      return toImage(rows[0]);
    },

    async update(ctx, id, ops) {
      const d = await db();
      return d.tx(async (q) => {
        const row = await lockImage(q, ctx, id);
        requireImageStatus(row, 'update');
        const result = applyImagePatch(toImage(row), ops);
        if (!result.ok) {
          const { kind, path: field, message } = result.error;
          if (kind === 'forbidden') throw forbidden(message);
          if (kind === 'conflict') throw conflict(message);
          throw invalid(field, message);
        }
        const next = result.image;
        await q.query(
          `UPDATE ${table} SET name = $2, description = $3, architecture = $4, visibility = $5, protected = $6, min_ram_mb = $7, min_disk_gb = $8,
             disk_format = $9, container_format = $10, tags = $11, properties = $12, updated_at = now() WHERE id = $1`,
          [
            id,
            next.name,
            next.description,
            next.architecture,
            next.visibility,
            next.protected,
            next.min_ram_mb,
            next.min_disk_gb,
            next.disk_format,
            next.container_format,
            JSON.stringify(next.tags),
            JSON.stringify(next.properties),
          ],
        );
        return imageById(q, id);
      });
    },

    async list(ctx, query) {
      const d = await db();
      const params: unknown[] = [];
      // Added only when used: Postgres cannot type a parameter that no expression references.
      let now: string | undefined;
      const nowSql = () => (now ??= param(params, new Date()));
      const where = [andOnlyProject(ctx, params, readableSql(ctx, params), 't.owner')];
      if (query.name) where.push(`t.name ILIKE ${param(params, `%${query.name}%`)}`);
      if (query.visibility) where.push(`t.visibility = ${param(params, query.visibility)}`);
      if (query.status) where.push(`${effectiveStatusSql('t', nowSql())} = ${param(params, query.status)}`);
      if (query.architecture) where.push(`t.architecture = ${param(params, query.architecture)}`);
      const { rows, total } = await listPage<ImageRow>(d, {
        from: `${table} t`,
        where,
        params,
        sortable: {
          name: 't.name',
          created_at: 't.created_at',
          size_bytes: 't.size_bytes',
          get status() {
            return effectiveStatusSql('t', nowSql());
          },
        },
        defaultSort: 't.created_at DESC, t.id ASC',
        sort: query.sort,
        limit: query.limit,
        offset: query.offset,
      });
      const at = Date.now();
      return { items: rows.map((r) => toImage(r, at)), total };
    },
  };
}
