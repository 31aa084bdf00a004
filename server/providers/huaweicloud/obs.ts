import 'server-only';
import { createHash } from 'node:crypto';
import type { ErrorKind } from '@/lib/contract/common';
import { CloudError } from '../errors';
import type { AccessKey } from '../public-cloud/credentials';
import type { ByteStream } from '../types';
import { canonicalResource, obsKeyPath, signObs } from './obs-signer';
import type { ObsSettings } from './settings';

/**
 * The few OBS calls image upload and download need (PutObject, the multipart four, ListMultipartUploads, GetObject,
 * HeadObject, DeleteObject), each signed with the caller's own AK/SK in OBS's header form (obs-signer.ts), so OBS
 * enforces the user's own IAM policy as the other services do. Answers are OBS's XML; the few fields read are taken
 * by name (the documents are flat and small), not with a general XML parser.
 */
export interface ObsClient {
  readonly bucket: string;
  putObject(key: string, body: Uint8Array): Promise<{ etag: string }>;
  initiate(key: string): Promise<string>;
  uploadPart(key: string, uploadId: string, partNumber: number, body: Uint8Array): Promise<{ etag: string }>;
  complete(key: string, uploadId: string, parts: { partNumber: number; etag: string }[]): Promise<void>;
  abort(key: string, uploadId: string): Promise<void>;
  /** The unfinished multipart uploads of exactly this key (newest last). */
  uploadsOf(key: string): Promise<string[]>;
  listParts(key: string, uploadId: string): Promise<{ partNumber: number; etag: string; size: number }[]>;
  head(key: string): Promise<{ size: number } | null>;
  /** The object's bytes as they arrive; `size` is -1 when OBS sends no Content-Length. */
  get(key: string, signal?: AbortSignal): Promise<{ stream: ByteStream; size: number }>;
  remove(key: string): Promise<void>;
}

const tag = (xml: string, name: string) => xml.match(new RegExp(`<${name}>([^<]*)</${name}>`))?.[1];
const blocks = (xml: string, name: string) =>
  [...xml.matchAll(new RegExp(`<${name}>([\\s\\S]*?)</${name}>`, 'g'))].map((m) => m[1] ?? '');
const unxml = (s: string) =>
  s
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');
const xmlEscape = (s: string) =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

function obsKind(status: number, code: string): ErrorKind {
  if (code === 'SignatureDoesNotMatch' || code === 'InvalidAccessKeyId' || code === 'RequestTimeTooSkewed')
    return 'unauthorized';
  if (status === 403) return /Quota|Insufficient/i.test(code) ? 'quota_exceeded' : 'forbidden';
  if (status === 404) return 'not_found';
  if (status === 409) return 'conflict';
  if (status === 400) return code === 'InvalidPart' || code === 'InvalidPartOrder' ? 'conflict' : 'invalid';
  if (status === 429 || code === 'SlowDown') return 'rate_limited';
  return status >= 500 ? 'unavailable' : 'internal';
}

/** An OBS error document → CloudError naming the bucket or object; a refused signature never echoes its detail. */
export function obsError(status: number, xml: string, what: string): CloudError {
  const code = tag(xml, 'Code') ?? `HTTP ${status}`;
  const kind = obsKind(status, code);
  const message =
    kind === 'unauthorized'
      ? 'the access key or its signature was refused'
      : unxml(tag(xml, 'Message') ?? `HTTP ${status}`);
  return new CloudError(kind, `Huawei Cloud OBS: ${what}: ${message} (${code})`, undefined, { status, body: xml });
}

const md5b64 = (b: Uint8Array) => createHash('md5').update(b).digest('base64');
const etagOf = (h: Headers) => (h.get('etag') ?? '').replace(/"/g, '');

export function obsClient(s: ObsSettings, region: string, key: AccessKey, timeoutMs: number): ObsClient {
  const bucket = s.bucket;
  const base = s.endpoint.replaceAll('{region}', region).replace(/\/+$/, '');
  const virtualHosted = base.includes('{bucket}');

  async function call(
    method: string,
    objectKey: string,
    opts: {
      query?: [string, string][];
      body?: Uint8Array | string;
      contentType?: string;
      stream?: boolean;
      signal?: AbortSignal;
      what: string;
    },
  ): Promise<Response> {
    const query = opts.query ?? [];
    const path = objectKey ? `/${obsKeyPath(objectKey)}` : '/';
    const url = virtualHosted
      ? base.replaceAll('{bucket}', bucket) + path
      : `${base}/${bucket}${path === '/' ? '/' : path}`;
    const qs = query.map(([k, v]) =>
      v === '' ? encodeURIComponent(k) : `${encodeURIComponent(k)}=${encodeURIComponent(v)}`,
    );
    const headers: Record<string, string> = {};
    const body = typeof opts.body === 'string' ? new TextEncoder().encode(opts.body) : opts.body;
    if (body) {
      // OBS checks the MD5 when it is sent: a part damaged on the way is refused (BadDigest), not stored.
      headers['Content-MD5'] = md5b64(body);
      headers['Content-Type'] = opts.contentType ?? 'application/octet-stream';
    }
    const signed = signObs({ method, headers, resource: canonicalResource(bucket, objectKey, query) }, key);
    const timeout = AbortSignal.timeout(opts.stream ? Math.max(timeoutMs, 10 * 60_000) : timeoutMs);
    let res: Response;
    try {
      res = await fetch(qs.length ? `${url}?${qs.join('&')}` : url, {
        method,
        headers: signed,
        // Sent as it is (no copy: a part may be many MiB); fetch's BodyInit type wants a view of a plain ArrayBuffer,
        // which every caller's Buffer is.
        body: body as Uint8Array<ArrayBuffer> | undefined,
        signal: opts.signal ? AbortSignal.any([opts.signal, timeout]) : timeout,
      });
    } catch (e) {
      throw new CloudError('unavailable', `Huawei Cloud OBS is unreachable (${opts.what})`, undefined, e);
    }
    if (!res.ok) throw obsError(res.status, method === 'HEAD' ? '' : await res.text(), opts.what);
    return res;
  }
  const obj = (k: string) => `object ${k} of bucket ${bucket}`;

  return {
    bucket,
    async putObject(k, body) {
      const r = await call('PUT', k, { body, what: `upload ${obj(k)}` });
      return { etag: etagOf(r.headers) };
    },
    async initiate(k) {
      const r = await call('POST', k, { query: [['uploads', '']], what: `start a multipart upload of ${obj(k)}` });
      const id = tag(await r.text(), 'UploadId');
      if (!id) throw new CloudError('unavailable', `Huawei Cloud OBS named no UploadId for ${obj(k)}`);
      return id;
    },
    async uploadPart(k, uploadId, partNumber, body) {
      const r = await call('PUT', k, {
        query: [
          ['partNumber', String(partNumber)],
          ['uploadId', uploadId],
        ],
        body,
        what: `upload part ${partNumber} of ${obj(k)}`,
      });
      return { etag: etagOf(r.headers) };
    },
    async complete(k, uploadId, parts) {
      const xml =
        '<CompleteMultipartUpload>' +
        parts
          .map((p) => `<Part><PartNumber>${p.partNumber}</PartNumber><ETag>"${xmlEscape(p.etag)}"</ETag></Part>`)
          .join('') +
        '</CompleteMultipartUpload>';
      const r = await call('POST', k, {
        query: [['uploadId', uploadId]],
        body: xml,
        contentType: 'application/xml',
        what: `complete the multipart upload of ${obj(k)}`,
      });
      // S3-style services may answer 200 with an error document when assembling fails late.
      const text = await r.text();
      if (text.includes('<Error>')) throw obsError(500, text, `complete the multipart upload of ${obj(k)}`);
    },
    async abort(k, uploadId) {
      await call('DELETE', k, { query: [['uploadId', uploadId]], what: `abort the multipart upload of ${obj(k)}` });
    },
    async uploadsOf(k) {
      const r = await call('GET', '', {
        query: [
          ['uploads', ''],
          ['prefix', k],
        ],
        what: `list the multipart uploads of bucket ${bucket}`,
      });
      return blocks(await r.text(), 'Upload')
        .filter((u) => unxml(tag(u, 'Key') ?? '') === k)
        .map((u) => tag(u, 'UploadId') ?? '')
        .filter(Boolean);
    },
    async listParts(k, uploadId) {
      const out: { partNumber: number; etag: string; size: number }[] = [];
      // Pages of up to 1000 parts: a 64 GiB upload in 16 MiB parts has 4096.
      for (let marker = 0; ;) {
        const r = await call('GET', k, {
          query: [
            ['max-parts', '1000'],
            ['part-number-marker', String(marker)],
            ['uploadId', uploadId],
          ],
          what: `list the parts of ${obj(k)}`,
        });
        const xml = await r.text();
        for (const p of blocks(xml, 'Part'))
          out.push({
            partNumber: Number(tag(p, 'PartNumber')),
            etag: unxml(tag(p, 'ETag') ?? '').replace(/"/g, ''),
            size: Number(tag(p, 'Size')),
          });
        if (tag(xml, 'IsTruncated') !== 'true') return out;
        marker = Number(tag(xml, 'NextPartNumberMarker') ?? out.at(-1)?.partNumber ?? 0);
      }
    },
    async head(k) {
      try {
        const r = await call('HEAD', k, { what: `read ${obj(k)}` });
        return { size: Number(r.headers.get('content-length') ?? 0) };
      } catch (e) {
        if (e instanceof CloudError && e.kind === 'not_found') return null;
        throw e;
      }
    },
    async get(k, signal) {
      const r = await call('GET', k, { stream: true, signal, what: `download ${obj(k)}` });
      if (!r.body) throw new CloudError('unavailable', `Huawei Cloud OBS sent no body for ${obj(k)}`);
      const length = r.headers.get('content-length');
      return { stream: r.body as ByteStream, size: length === null ? -1 : Number(length) };
    },
    async remove(k) {
      await call('DELETE', k, { what: `delete ${obj(k)}` });
    },
  };
}
