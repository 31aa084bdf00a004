import 'server-only';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import { CloudError, invalid } from '../errors';
import type { ByteStream } from '../types';
import type { ObsClient } from './obs';

/** What an upload to OBS did: the bytes' size and SHA-256 (the contract's checksum), and how many parts it sent. */
export interface ObsUploadResult {
  size: number;
  sha256: string;
  /** Parts sent (0 for a single PutObject). */
  partsSent: number;
  /** Parts an earlier, interrupted attempt had already stored and this one kept (matched by size and MD5). */
  partsReused: number;
}

const md5hex = (b: Uint8Array) => createHash('md5').update(b).digest('hex');

/** A part that fails on the way (a dropped connection, OBS's 5xx) is sent again a few times before giving up. */
async function withRetry<T>(fn: () => Promise<T>, tries = 3): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await fn();
    } catch (e) {
      const transient = e instanceof CloudError && (e.kind === 'unavailable' || e.kind === 'rate_limited');
      if (!transient || attempt >= tries) throw e;
      await new Promise((r) => setTimeout(r, 200 * attempt));
    }
  }
}

/**
 * A finished file on the console's disk (a completed resumable browser upload) → one OBS object. Above `partSize`
 * it goes up as a multipart upload, one part in memory at a time. Resumable across attempts and restarts: the
 * object key is fixed per image, so a later attempt finds the unfinished multipart upload of that key
 * (ListMultipartUploads), asks which parts OBS already holds (ListParts) and sends only the others — a part is
 * kept when its size and ETag (OBS's MD5 of the part) match the file's bytes there.
 */
export async function uploadFileToObs(
  obs: ObsClient,
  key: string,
  filePath: string,
  partSize: number,
): Promise<ObsUploadResult> {
  const size = (await fs.promises.stat(filePath)).size;
  const sha = createHash('sha256');
  const fh = await fs.promises.open(filePath, 'r');
  try {
    // One buffer of a part, reused for every part (each is sent and answered before the next is read), so memory
    // stays at one part however big the file.
    const partBuf = Buffer.alloc(Math.min(size, partSize));
    const read = async (offset: number, length: number) => {
      const buf = partBuf.subarray(0, length);
      let got = 0;
      while (got < length) {
        const { bytesRead } = await fh.read(buf, got, length - got, offset + got);
        if (bytesRead === 0)
          throw new CloudError('internal', `the uploaded file ended at ${offset + got} of ${size} bytes`);
        got += bytesRead;
      }
      return buf;
    };
    if (size <= partSize) {
      const body = await read(0, size);
      sha.update(body);
      await withRetry(() => obs.putObject(key, body));
      return { size, sha256: sha.digest('hex'), partsSent: 0, partsReused: 0 };
    }
    let uploadId: string | undefined;
    let stored = new Map<number, { etag: string; size: number }>();
    for (const id of (await obs.uploadsOf(key)).reverse()) {
      try {
        stored = new Map((await obs.listParts(key, id)).map((p) => [p.partNumber, p]));
        uploadId = id;
        break;
      } catch (e) {
        // Finished or aborted between the two calls: look at the next one, or start afresh.
        if (!(e instanceof CloudError && e.kind === 'not_found')) throw e;
      }
    }
    uploadId ??= await obs.initiate(key);
    const parts: { partNumber: number; etag: string }[] = [];
    let partsSent = 0;
    let partsReused = 0;
    for (let n = 1, offset = 0; offset < size; n++, offset += partSize) {
      const body = await read(offset, Math.min(partSize, size - offset));
      sha.update(body);
      const etag = md5hex(body);
      const have = stored.get(n);
      if (have && have.size === body.length && have.etag === etag) {
        parts.push({ partNumber: n, etag });
        partsReused++;
        continue;
      }
      const id = uploadId;
      const r = await withRetry(() => obs.uploadPart(key, id, n, body));
      parts.push({ partNumber: n, etag: r.etag || etag });
      partsSent++;
    }
    await withRetry(() => obs.complete(key, uploadId, parts));
    return { size, sha256: sha.digest('hex'), partsSent, partsReused };
  } finally {
    await fh.close();
  }
}

/**
 * A request body (PUT /images/{id}/file) → one OBS object, read once: at most one part is held in memory. A body of
 * another length than `expectedBytes` stores nothing (the multipart upload is aborted). Not resumable — a stream
 * cannot be read twice; the browser's resumable path is uploadFileToObs.
 */
export async function uploadStreamToObs(
  obs: ObsClient,
  key: string,
  body: ByteStream,
  partSize: number,
  expectedBytes?: number,
): Promise<ObsUploadResult> {
  const sha = createHash('sha256');
  const parts: { partNumber: number; etag: string }[] = [];
  let uploadId: string | undefined;
  let pending: Uint8Array[] = [];
  let pendingBytes = 0;
  let size = 0;
  const flushPart = async () => {
    const part = Buffer.concat(pending, pendingBytes);
    pending = [];
    pendingBytes = 0;
    uploadId ??= await obs.initiate(key);
    const id = uploadId;
    const n = parts.length + 1;
    const r = await withRetry(() => obs.uploadPart(key, id, n, part));
    parts.push({ partNumber: n, etag: r.etag || md5hex(part) });
  };
  const reader = body.getReader();
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      size += value.byteLength;
      if (expectedBytes !== undefined && size > expectedBytes)
        throw invalid('Content-Length', `is ${expectedBytes} but the body is longer`);
      sha.update(value);
      let chunk = value;
      while (chunk.byteLength) {
        // A full part is sent only once more bytes follow, so a body of exactly one part stays a single PutObject.
        if (pendingBytes === partSize) await flushPart();
        const take = Math.min(chunk.byteLength, partSize - pendingBytes);
        pending.push(chunk.subarray(0, take));
        pendingBytes += take;
        chunk = chunk.subarray(take);
      }
    }
    if (expectedBytes !== undefined && size !== expectedBytes)
      throw invalid('Content-Length', `is ${expectedBytes} but the body has ${size} bytes`);
    if (uploadId === undefined) {
      const whole = Buffer.concat(pending, pendingBytes);
      await withRetry(() => obs.putObject(key, whole));
      return { size, sha256: sha.digest('hex'), partsSent: 0, partsReused: 0 };
    }
    if (pendingBytes) await flushPart();
    const id = uploadId;
    await withRetry(() => obs.complete(key, id, parts));
    return { size, sha256: sha.digest('hex'), partsSent: parts.length, partsReused: 0 };
  } catch (e) {
    await reader.cancel().catch(() => undefined);
    if (uploadId !== undefined) await obs.abort(key, uploadId).catch(() => undefined);
    throw e;
  }
}
