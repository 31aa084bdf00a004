import 'server-only';
import { createHash, createHmac } from 'node:crypto';

/**
 * Huawei Cloud APIG "SDK-HMAC-SHA256" request signing (SIGNING-VECTORS.md). Written here rather than taken from
 * `@huaweicloud/huaweicloud-sdk-core`: that package brings its own HTTP client (axios) and per-service clients,
 * while the driver needs only the signature over Node's global fetch; the unit test pins the published vector.
 */
export const HUAWEI_ALGORITHM = 'SDK-HMAC-SHA256';

/** RFC 3986 encoding: encodeURIComponent leaves !'()* unescaped, which the gateway's canonical form escapes. */
export const rfc3986 = (s: string) =>
  encodeURIComponent(s).replace(/[!'()*]/g, (c) => '%' + c.charCodeAt(0).toString(16).toUpperCase());

/**
 * The query's pairs decoded as RFC 3986 does, where `+` is a plus: the gateway reads the query so, unlike
 * URLSearchParams (form encoding, `+` a space), so a space sent as `+` would be signed as `%20` and checked as `%2B`.
 */
export function queryPairs(search: string): [string, string][] {
  const q = search.startsWith('?') ? search.slice(1) : search;
  if (!q) return [];
  return q.split('&').map((pair) => {
    const at = pair.indexOf('=');
    return at < 0
      ? [decodeURIComponent(pair), '']
      : [decodeURIComponent(pair.slice(0, at)), decodeURIComponent(pair.slice(at + 1))];
  });
}

/** The query string as sent: every name and value RFC 3986 encoded (space `%20`), the bytes the signature covers. */
export const rfc3986Query = (pairs: [string, string][]) =>
  pairs.map(([k, v]) => `${rfc3986(k)}=${rfc3986(v)}`).join('&');

export interface SignableRequest {
  method: string;
  url: URL;
  /** Headers to sign (at least Host and X-Sdk-Date); names in any case. */
  headers: Record<string, string>;
  body: string;
}

const sha256Hex = (s: string | Buffer) => createHash('sha256').update(s).digest('hex');

/** The canonical request: each path segment encoded, a trailing "/", sorted query, lower-cased sorted headers. */
export function canonicalRequest(req: SignableRequest): { canonical: string; signedHeaders: string } {
  const segments = req.url.pathname.split('/').map((seg) => rfc3986(decodeURIComponent(seg)));
  let path = segments.join('/');
  if (!path.endsWith('/')) path += '/';
  const params = queryPairs(req.url.search)
    .map(([k, v]) => [rfc3986(k), rfc3986(v)] as const)
    .sort(([a, av], [b, bv]) => (a === b ? (av < bv ? -1 : av > bv ? 1 : 0) : a < b ? -1 : 1));
  const query = params.map(([k, v]) => `${k}=${v}`).join('&');
  const headers = Object.entries(req.headers)
    .map(([k, v]) => [k.toLowerCase(), v.trim()] as const)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  const signedHeaders = headers.map(([k]) => k).join(';');
  const canonical = [
    req.method.toUpperCase(),
    path,
    query,
    headers.map(([k, v]) => `${k}:${v}\n`).join(''),
    signedHeaders,
    sha256Hex(req.body),
  ].join('\n');
  return { canonical, signedHeaders };
}

/** `YYYYMMDDTHHMMSSZ`, the X-Sdk-Date format. */
export const sdkDate = (d: Date) =>
  d
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}/, '');

export function signature(secretKey: string, date: string, canonical: string): string {
  const stringToSign = `${HUAWEI_ALGORITHM}\n${date}\n${sha256Hex(canonical)}`;
  return createHmac('sha256', secretKey).update(stringToSign).digest('hex');
}

/**
 * Signs a request: returns the headers to send (the signed ones plus Authorization). `now` is injectable so
 * the vector test can pin the date; the gateway refuses a date more than 15 minutes off.
 */
export function signRequest(
  req: { method: string; url: URL; body: string; contentType?: string },
  creds: { accessKey: string; secretKey: string },
  now = new Date(),
): Record<string, string> {
  const date = sdkDate(now);
  const headers: Record<string, string> = { Host: req.url.host, 'X-Sdk-Date': date };
  if (req.contentType) headers['Content-Type'] = req.contentType;
  const { canonical, signedHeaders } = canonicalRequest({ method: req.method, url: req.url, headers, body: req.body });
  const sig = signature(creds.secretKey, date, canonical);
  return {
    ...headers,
    Authorization: `${HUAWEI_ALGORITHM} Access=${creds.accessKey}, SignedHeaders=${signedHeaders}, Signature=${sig}`,
  };
}
