/**
 * The OBS part of the Huawei Cloud fake (tests/fakes/huaweicloud.ts mounts it at `/obs`, path-style:
 * `/obs/{bucket}/{object}`). It VERIFIES EVERY REQUEST'S OBS SIGNATURE (`Authorization: OBS AK:signature`,
 * HMAC-SHA1 over the StringToSign of the OBS API reference) with its own implementation, not the driver's, and
 * refuses a bad one as OBS does: 403 with an XML `SignatureDoesNotMatch` document. It keeps objects and the parts of
 * multipart uploads in memory, assembles them on CompleteMultipartUpload (checking each part's ETag and OBS's
 * 100 KiB minimum for all but the last), checks Content-MD5 when sent, and can be told to fail given part numbers
 * (`faults.failParts`) so a test can interrupt an upload and resume it.
 */
import { createHash, createHmac, randomUUID, timingSafeEqual } from 'node:crypto';
import type http from 'node:http';

export interface ObsObject {
  data: Buffer;
  etag: string;
  contentType: string;
}

export interface ObsFakeState {
  buckets: Map<string, Map<string, ObsObject>>;
  uploads: Map<string, { bucket: string; key: string; parts: Map<number, { data: Buffer; etag: string }> }>;
  /** Part numbers whose UploadPart answers 500 InternalError until removed (interrupting an upload on purpose). */
  faults: { failParts: Set<number> };
}

/** OBS's own minimum part size (all parts but the last). */
export const OBS_MIN_PART = 100 * 1024;

const SUBRESOURCES = new Set(['uploads', 'uploadId', 'partNumber', 'acl', 'delete', 'location', 'versionId']);

const xmlDoc = (body: string) => `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>${body}`;
const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

export class ObsHttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly extra = '',
  ) {
    super(message);
  }
}

export function newObsState(buckets: string[]): ObsFakeState {
  return {
    buckets: new Map(buckets.map((b) => [b, new Map()])),
    uploads: new Map(),
    faults: { failParts: new Set() },
  };
}

/** OBS's side of the header signature, written from the API reference independently of the driver's signer. */
function verifyObs(
  req: http.IncomingMessage,
  bucket: string,
  key: string,
  q: URLSearchParams,
  keys: Record<string, string>,
): string {
  const auth = String(req.headers.authorization ?? '');
  const m = auth.match(/^OBS ([^:]+):(.+)$/);
  if (!m) throw new ObsHttpError(403, 'AccessDenied', 'Anonymous access is forbidden for this operation');
  const [, ak = '', given = ''] = m;
  const sk = keys[ak];
  if (!sk)
    throw new ObsHttpError(
      403,
      'InvalidAccessKeyId',
      'The AWS Access Key Id you provided does not exist in our records.',
    );
  const h = (n: string) => {
    const v = req.headers[n];
    return Array.isArray(v) ? v.join(',') : (v ?? '');
  };
  const obsDate = h('x-obs-date');
  const when = Date.parse(obsDate || h('date'));
  if (!Number.isFinite(when) || Math.abs(Date.now() - when) > 15 * 60_000)
    throw new ObsHttpError(
      403,
      'RequestTimeTooSkewed',
      'The difference between the request time and the server time is too large.',
    );
  const canon = Object.keys(req.headers)
    .filter((n) => n.startsWith('x-obs-'))
    .sort()
    .map((n) => `${n}:${h(n).trim()}\n`)
    .join('');
  const subs = [...q.entries()]
    .filter(([k]) => SUBRESOURCES.has(k))
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([k, v]) => (v ? `${k}=${v}` : k));
  const encodedKey = key
    .split('/')
    .map((s) => encodeURIComponent(s).replace(/[!'()*]/g, (c) => '%' + c.charCodeAt(0).toString(16).toUpperCase()))
    .join('/');
  const resource = `/${bucket}/${encodedKey}${subs.length ? `?${subs.join('&')}` : ''}`;
  const sts = `${req.method}\n${h('content-md5')}\n${h('content-type')}\n${obsDate ? '' : h('date')}\n${canon}${resource}`;
  const expected = createHmac('sha1', sk).update(sts, 'utf8').digest('base64');
  if (expected.length !== given.length || !timingSafeEqual(Buffer.from(expected), Buffer.from(given)))
    throw new ObsHttpError(
      403,
      'SignatureDoesNotMatch',
      'The request signature we calculated does not match the signature you provided. Check your key and signing method.',
      `<AccessKeyId>${esc(ak)}</AccessKeyId><StringToSign>${esc(sts)}</StringToSign>`,
    );
  return ak;
}

const md5hex = (b: Buffer) => createHash('md5').update(b).digest('hex');

/**
 * One OBS request (`path` is what follows `/obs`). Answers status, headers and body; the caller logs it.
 * `ak` is null when the signature was refused.
 */
export function handleObs(
  st: ObsFakeState,
  keys: Record<string, string>,
  req: http.IncomingMessage,
  path: string,
  q: URLSearchParams,
  body: Buffer,
): { status: number; headers: Record<string, string>; body: Buffer | string; ak: string | null } {
  const requestId = randomUUID().replace(/-/g, '').slice(0, 16).toUpperCase();
  const [, bucket = '', ...rest] = path.split('/');
  const key = rest.map((s) => decodeURIComponent(s)).join('/');
  let ak: string | null = null;
  try {
    ak = verifyObs(req, bucket, key, q, keys);
    const objects = st.buckets.get(bucket);
    if (!objects) throw new ObsHttpError(404, 'NoSuchBucket', 'The specified bucket does not exist');
    const md5 = req.headers['content-md5'];
    if (md5 && createHash('md5').update(body).digest('base64') !== md5)
      throw new ObsHttpError(400, 'BadDigest', 'The Content-MD5 you specified did not match what we received.');
    const ok = (b: string | Buffer = '', headers: Record<string, string> = {}, status = 200) => ({
      status,
      headers: {
        'x-obs-request-id': requestId,
        ...(typeof b === 'string' && b ? { 'Content-Type': 'application/xml' } : {}),
        ...headers,
      },
      body: b,
      ak,
    });
    const upload = () => {
      const u = st.uploads.get(q.get('uploadId') ?? '');
      if (!u || u.bucket !== bucket || u.key !== key)
        throw new ObsHttpError(404, 'NoSuchUpload', 'The specified upload does not exist.');
      return u;
    };
    const m = req.method ?? 'GET';
    if (!key) {
      if (m === 'GET' && q.has('uploads')) {
        const prefix = q.get('prefix') ?? '';
        const rows = [...st.uploads.entries()]
          .filter(([, u]) => u.bucket === bucket && u.key.startsWith(prefix))
          .map(([id, u]) => `<Upload><Key>${esc(u.key)}</Key><UploadId>${id}</UploadId></Upload>`);
        return ok(
          xmlDoc(`<ListMultipartUploadsResult><Bucket>${bucket}</Bucket>${rows.join('')}</ListMultipartUploadsResult>`),
        );
      }
      throw new ObsHttpError(405, 'MethodNotAllowed', `the fake serves no ${m} on a bucket`);
    }
    if (m === 'POST' && q.has('uploads')) {
      const id = randomUUID().replace(/-/g, '').toUpperCase();
      st.uploads.set(id, { bucket, key, parts: new Map() });
      return ok(
        xmlDoc(
          `<InitiateMultipartUploadResult><Bucket>${bucket}</Bucket><Key>${esc(key)}</Key><UploadId>${id}</UploadId></InitiateMultipartUploadResult>`,
        ),
      );
    }
    if (m === 'PUT' && q.has('uploadId')) {
      const u = upload();
      const n = Number(q.get('partNumber'));
      if (!Number.isInteger(n) || n < 1 || n > 10000)
        throw new ObsHttpError(400, 'InvalidArgument', 'Part number must be an integer between 1 and 10000, inclusive');
      if (st.faults.failParts.has(n))
        throw new ObsHttpError(500, 'InternalError', 'We encountered an internal error. Please try again.');
      const etag = md5hex(body);
      u.parts.set(n, { data: Buffer.from(body), etag });
      return ok('', { ETag: `"${etag}"` });
    }
    if (m === 'GET' && q.has('uploadId')) {
      const u = upload();
      const rows = [...u.parts.entries()]
        .sort(([a], [b]) => a - b)
        .map(
          ([n, p]) => `<Part><PartNumber>${n}</PartNumber><ETag>"${p.etag}"</ETag><Size>${p.data.length}</Size></Part>`,
        );
      return ok(
        xmlDoc(
          `<ListPartsResult><Bucket>${bucket}</Bucket><Key>${esc(key)}</Key><UploadId>${q.get('uploadId')}</UploadId><IsTruncated>false</IsTruncated>${rows.join('')}</ListPartsResult>`,
        ),
      );
    }
    if (m === 'POST' && q.has('uploadId')) {
      const u = upload();
      const wanted = [
        ...body
          .toString('utf8')
          .matchAll(/<Part><PartNumber>(\d+)<\/PartNumber><ETag>"?([0-9a-f]+)"?<\/ETag><\/Part>/g),
      ].map((x) => ({ n: Number(x[1]), etag: x[2] ?? '' }));
      if (!wanted.length) throw new ObsHttpError(400, 'MalformedXML', 'The XML you provided was not well-formed');
      const chunks: Buffer[] = [];
      wanted.forEach((w, i) => {
        const p = u.parts.get(w.n);
        if (!p || p.etag !== w.etag)
          throw new ObsHttpError(400, 'InvalidPart', 'One or more of the specified parts could not be found.');
        if (i > 0 && w.n <= (wanted[i - 1]?.n ?? 0))
          throw new ObsHttpError(400, 'InvalidPartOrder', 'The list of parts was not in ascending order.');
        if (i < wanted.length - 1 && p.data.length < OBS_MIN_PART)
          throw new ObsHttpError(
            400,
            'EntityTooSmall',
            'Your proposed upload is smaller than the minimum allowed object size.',
          );
        chunks.push(p.data);
      });
      const data = Buffer.concat(chunks);
      const etag = `${md5hex(Buffer.concat(wanted.map((w) => Buffer.from(w.etag, 'hex'))))}-${wanted.length}`;
      objects.set(key, { data, etag, contentType: 'application/octet-stream' });
      st.uploads.delete(q.get('uploadId') ?? '');
      return ok(
        xmlDoc(
          `<CompleteMultipartUploadResult><Bucket>${bucket}</Bucket><Key>${esc(key)}</Key><ETag>"${etag}"</ETag></CompleteMultipartUploadResult>`,
        ),
      );
    }
    if (m === 'DELETE' && q.has('uploadId')) {
      upload();
      st.uploads.delete(q.get('uploadId') ?? '');
      return ok('', {}, 204);
    }
    if (m === 'PUT') {
      const etag = md5hex(body);
      objects.set(key, { data: Buffer.from(body), etag, contentType: String(req.headers['content-type'] ?? '') });
      return ok('', { ETag: `"${etag}"` });
    }
    const o = objects.get(key);
    if (m === 'DELETE') {
      objects.delete(key);
      return ok('', {}, 204);
    }
    if (!o) throw new ObsHttpError(404, 'NoSuchKey', 'The specified key does not exist.');
    if (m === 'HEAD') return ok('', { 'Content-Length': String(o.data.length), ETag: `"${o.etag}"` });
    if (m === 'GET')
      return ok(o.data, {
        'Content-Type': o.contentType || 'application/octet-stream',
        'Content-Length': String(o.data.length),
        ETag: `"${o.etag}"`,
      });
    throw new ObsHttpError(405, 'MethodNotAllowed', `the fake serves no ${m} on an object`);
  } catch (e) {
    const err = e instanceof ObsHttpError ? e : new ObsHttpError(500, 'InternalError', String(e));
    const doc =
      req.method === 'HEAD'
        ? ''
        : xmlDoc(
            `<Error><Code>${err.code}</Code><Message>${esc(err.message)}</Message><RequestId>${requestId}</RequestId>${err.extra}</Error>`,
          );
    return {
      status: err.status,
      headers: { 'x-obs-request-id': requestId, ...(doc ? { 'Content-Type': 'application/xml' } : {}) },
      body: doc,
      ak:
        err.code === 'SignatureDoesNotMatch' || err.code === 'InvalidAccessKeyId' || err.code === 'AccessDenied'
          ? null
          : ak,
    };
  }
}
