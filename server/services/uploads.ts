import 'server-only';
import fs from 'node:fs';
import path from 'node:path';
import { FileStore } from '@tus/file-store';
import { MemoryLocker, Server, type Upload } from '@tus/server';
import { imageRules } from '@/lib/contract/image';
import { config } from '../config';
import { toErrorReply, type ErrorReply } from '../http/errors';
import { log } from '../log';
import { CloudError, conflict, invalid, isCloudError, notFound } from '../providers/errors';
import { currentDemoFaults } from '../providers/sim/demo-faults';
import type { RequestContext } from './context';
import { PgLocker } from './upload-locker';
import { attachUploadedFile, checkUploadTarget } from './images';

/**
 * Resumable browser uploads (tus 1.0.0) at /api/v1/uploads. Each upload names its image in Upload-Metadata
 * (`image_id`); when its last byte arrives the file becomes that image's, which turns `active`. An upload
 * belongs to the user who created it: everyone else is told it does not exist.
 */
export const uploadsPath = '/api/v1/uploads';
/** Unfinished uploads are dropped after a day, like Glance's staging area. */
const expiryMs = 24 * 3600 * 1000;
/** A generous ceiling that still stops a client from claiming an absurd Upload-Length. */
const maxUploadBytes = 64 * 1024 ** 3;

/** The caller of each request tus is handling: its hooks get the request only, so they look it up here. */
const callers = new WeakMap<Request, RequestContext>();
/** Failures of our hooks, answered in the contract's error body instead of tus's plain text. */
const failures = new WeakMap<Request, ErrorReply>();

function callerOf(req: Request): RequestContext {
  const ctx = callers.get(req);
  // Every request reaches tus through handleUpload, which registers its caller first.
  if (!ctx) throw new CloudError('unauthorized', 'authentication required: send X-Auth-Token');
  return ctx;
}

function createTusServer(): Server {
  const directory = config().uploadDir;
  fs.mkdirSync(directory, { recursive: true });
  const store = new FileStore({ directory, expirationPeriodInMilliseconds: expiryMs });
  // On PostgreSQL several replicas may share the staging directory: their locks must be seen by all of them. The
  // embedded database is one process's, so its in-process lock is enough. The upload's metadata stays in the file
  // store's `<id>.json` beside its bytes on that directory (see docs/deploy.md for why not in the database).
  const url = config().DATABASE_URL;
  const locker = url ? new PgLocker(url) : new MemoryLocker();
  return new Server({
    path: uploadsPath,
    datastore: store,
    locker,
    relativeLocation: true,
    maxSize: maxUploadBytes,
    allowedHeaders: ['X-Auth-Token', 'X-Request-Id'],
    exposedHeaders: ['X-Request-Id'],

    async onUploadCreate(req, upload) {
      const ctx = callerOf(req);
      const imageId = upload.metadata?.image_id;
      if (!imageId)
        throw invalid('Upload-Metadata', 'must carry image_id (the image created with POST /api/v1/images)');
      const image = await checkUploadTarget(ctx, imageId);
      if (!imageRules.allowed('upload', image.status))
        throw conflict(imageRules.conflictMessage('upload', `image ${image.name}`, image.status));
      // Ownership is recorded by the server, after the client's keys, so a client cannot claim someone else's.
      return {
        metadata: {
          ...upload.metadata,
          image_id: imageId,
          user_id: ctx.principal.userId,
          project_id: ctx.principal.projectId,
        },
      };
    },

    async onIncomingRequest(req, uploadId) {
      if (req.method === 'POST') return;
      const ctx = callerOf(req);
      let upload: Upload;
      try {
        upload = await store.getUpload(uploadId);
      } catch {
        return; // unknown or expired: tus answers 404/410 itself
      }
      if (upload.metadata?.user_id !== ctx.principal.userId) throw notFound('upload', uploadId);
    },

    async onUploadFinish(req, upload) {
      const ctx = callerOf(req);
      const imageId = upload.metadata?.image_id;
      if (!imageId) throw invalid('Upload-Metadata', 'must carry image_id');
      const file = upload.storage?.path ?? path.join(directory, upload.id);
      const image = await attachUploadedFile(ctx, imageId, file);
      // The bytes now belong to the image; what is left is tus's bookkeeping for this upload.
      await store.configstore.delete(upload.id);
      await fs.promises.rm(file, { force: true });
      return { headers: { 'X-Image-Id': image.id, 'X-Image-Status': image.status } };
    },

    onResponseError(req, err) {
      if (!isCloudError(err)) return undefined;
      const reply = toErrorReply(err, callers.get(req)?.requestId ?? '');
      failures.set(req, reply);
      return { status_code: reply.status, body: JSON.stringify(reply.body) };
    },
  });
}

const globalForTus = globalThis as unknown as { yuntuTus?: Server };
function tusServer(): Server {
  globalForTus.yuntuTus ??= createTusServer();
  return globalForTus.yuntuTus;
}

/** The presenter's "slow uploads" fault: what an upload's bytes are held to (a 512 KiB image takes 8 s). */
const slowBytesPerSecond = 64 * 1024;
const slowPiece = 16 * 1024;

function throttled(body: ReadableStream<Uint8Array>): ReadableStream<Uint8Array> {
  const reader = body.getReader();
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      const { done, value } = await reader.read();
      if (done) return controller.close();
      for (let off = 0; off < value.length; off += slowPiece) {
        const piece = value.subarray(off, off + slowPiece);
        await new Promise((r) => setTimeout(r, (piece.length / slowBytesPerSecond) * 1000));
        controller.enqueue(piece);
      }
    },
    cancel: (reason) => reader.cancel(reason),
  });
}

/** A PATCH's body slowed down while the simulator's "slow uploads" fault is on. */
async function maybeSlowed(request: Request): Promise<Request> {
  if (request.method !== 'PATCH' || !request.body || config().YUNTU_BACKEND !== 'sim') return request;
  if (!(await currentDemoFaults()).slow_uploads) return request;
  // `duplex` is required by Node's fetch for a streamed body; the DOM typings of RequestInit do not know it yet.
  return new Request(request, { body: throttled(request.body), duplex: 'half' } as RequestInit);
}

/** Runs one tus request (POST, PATCH, HEAD, DELETE) for an authenticated caller. */
export async function handleUpload(ctx: RequestContext, incoming: Request): Promise<Response> {
  const request = await maybeSlowed(incoming);
  const server = tusServer();
  callers.set(request, ctx);
  if (request.method === 'POST' && Math.random() < 0.05) {
    // Abandoned uploads are swept now and then rather than by a timer.
    server.cleanUpExpiredUploads().catch((e: unknown) => log.warn({ err: e }, 'sweeping expired uploads failed'));
  }
  const response = await server.handleWeb(request);
  const failure = failures.get(request);
  if (!failure) return response;
  const headers = new Headers(response.headers);
  headers.set('Content-Type', 'application/json; charset=utf-8');
  headers.delete('Content-Length');
  for (const [k, v] of Object.entries(failure.headers)) headers.set(k, v);
  return new Response(JSON.stringify(failure.body), { status: failure.status, headers });
}

/** CORS preflight: public, as browsers send it without credentials. */
export function handleUploadOptions(request: Request): Promise<Response> {
  return tusServer().handleWeb(request);
}
