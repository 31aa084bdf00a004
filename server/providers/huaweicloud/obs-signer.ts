import 'server-only';
import { createHmac } from 'node:crypto';

/**
 * OBS's own request signature (the "Authorization: OBS AK:signature" header of the OBS API reference, "Authentication
 * of Signature in a Header"): Base64(HMAC-SHA1(SK, StringToSign)) with
 *
 *   StringToSign = VERB \n Content-MD5 \n Content-Type \n Date \n CanonicalizedHeaders CanonicalizedResource
 *
 * CanonicalizedHeaders are the `x-obs-` headers, lower-cased, sorted, `name:value\n` each; CanonicalizedResource is
 * `/bucket/object` plus the sub-resources OBS signs (`?partNumber=1&uploadId=…`, sorted). It is the algorithm of
 * Amazon S3's signature version 2 with `x-obs-` in place of `x-amz-` (OBS accepts the `AWS` form too), so the unit
 * test pins it to S3's published examples as well as to OBS's own StringToSign examples. Chosen over SigV4 because
 * OBS documents it as its native scheme and it needs no region/service scope, which the fake and the driver share.
 * Not APIG's SDK-HMAC-SHA256: OBS does not sit behind the API gateway.
 */

/** The sub-resources that are part of the signature (OBS API reference, table of CanonicalizedResource). */
export const OBS_SUBRESOURCES = new Set([
  'CDNNotifyConfiguration',
  'acl',
  'append',
  'attname',
  'backtosource',
  'cors',
  'customdomain',
  'delete',
  'deletebucket',
  'directcoldaccess',
  'encryption',
  'inventory',
  'length',
  'lifecycle',
  'location',
  'logging',
  'metadata',
  'modify',
  'name',
  'notification',
  'partNumber',
  'policy',
  'position',
  'quota',
  'rename',
  'replication',
  'response-cache-control',
  'response-content-disposition',
  'response-content-encoding',
  'response-content-language',
  'response-content-type',
  'response-expires',
  'restore',
  'storageClass',
  'storagePolicy',
  'storageinfo',
  'tagging',
  'torrent',
  'truncate',
  'uploadId',
  'uploads',
  'versionId',
  'versioning',
  'versions',
  'website',
  'x-image-process',
  'x-image-save-bucket',
  'x-image-save-object',
  'x-obs-security-token',
]);

/** Object keys are signed as sent: each path segment percent-encoded (RFC 3986), `/` kept. */
export const obsKeyPath = (key: string) =>
  key
    .split('/')
    .map((s) => encodeURIComponent(s).replace(/[!'()*]/g, (c) => '%' + c.charCodeAt(0).toString(16).toUpperCase()))
    .join('/');

/**
 * `/bucket/key?sub&sub=v`: only the sub-resources of OBS_SUBRESOURCES, sorted by name, values as they are (not
 * encoded, as the reference's examples show). An empty key is the bucket itself (`/bucket/`).
 */
export function canonicalResource(bucket: string, key: string, query: [string, string | undefined][]): string {
  const subs = query
    .filter(([k]) => OBS_SUBRESOURCES.has(k))
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([k, v]) => (v === undefined || v === '' ? k : `${k}=${v}`));
  const base = bucket ? `/${bucket}/${key ? obsKeyPath(key) : ''}` : '/';
  return subs.length ? `${base}?${subs.join('&')}` : base;
}

export interface ObsSignable {
  method: string;
  /** Every header to be sent (any case); Content-MD5, Content-Type, Date and the `x-obs-`/`x-amz-` ones are signed. */
  headers: Record<string, string>;
  /** CanonicalizedResource (canonicalResource()). */
  resource: string;
}

/** The StringToSign; `prefix` is `x-obs-` for the OBS form, `x-amz-` for the S3-compatible one. */
export function obsStringToSign(req: ObsSignable, prefix: 'x-obs-' | 'x-amz-' = 'x-obs-'): string {
  const lower = new Map<string, string[]>();
  for (const [k, v] of Object.entries(req.headers)) {
    const name = k.toLowerCase();
    lower.set(name, [...(lower.get(name) ?? []), v]);
  }
  const one = (n: string) => (lower.get(n) ?? []).join(',');
  // With x-obs-date present the Date line is empty: the signed date is the x-obs- header.
  const date = lower.has(`${prefix}date`) ? '' : one('date');
  const canonicalHeaders = [...lower.keys()]
    .filter((n) => n.startsWith(prefix))
    .sort()
    .map((n) => `${n}:${(lower.get(n) ?? []).map((v) => v.trim()).join(',')}\n`)
    .join('');
  return `${req.method.toUpperCase()}\n${one('content-md5')}\n${one('content-type')}\n${date}\n${canonicalHeaders}${req.resource}`;
}

export const obsSignature = (secretKey: string, stringToSign: string) =>
  createHmac('sha1', secretKey).update(stringToSign, 'utf8').digest('base64');

/** RFC 1123 date, the `Date` OBS wants (refused when more than 15 minutes off). */
export const httpDate = (d: Date) => d.toUTCString();

/** Signs a request: returns `headers` plus Date and `Authorization: OBS AK:signature`. */
export function signObs(
  req: { method: string; headers: Record<string, string>; resource: string },
  creds: { accessKey: string; secretKey: string },
  now = new Date(),
): Record<string, string> {
  const headers = { ...req.headers, Date: httpDate(now) };
  const sig = obsSignature(creds.secretKey, obsStringToSign({ method: req.method, headers, resource: req.resource }));
  return { ...headers, Authorization: `OBS ${creds.accessKey}:${sig}` };
}
