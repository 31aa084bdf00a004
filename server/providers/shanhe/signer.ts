import 'server-only';
import { createHmac } from 'node:crypto';

/**
 * The Shanhe (QingCloud-style) signature, version 1 with HmacSHA256 (SIGNING-VECTORS.md): sorted, RFC 3986
 * encoded parameters, string to sign `GET\n/iaas/\n<query>`, base64 HMAC appended last as `signature`.
 */
export const rfc3986 = (s: string) =>
  encodeURIComponent(s).replace(/[!'()*]/g, (c) => '%' + c.charCodeAt(0).toString(16).toUpperCase());

/** The canonical query: every parameter but `signature`, sorted by name in byte order. */
export function canonicalQuery(params: Record<string, string>): string {
  return Object.keys(params)
    .filter((k) => k !== 'signature')
    .sort((a, b) => (Buffer.from(a) < Buffer.from(b) ? -1 : a === b ? 0 : 1))
    .map((k) => `${rfc3986(k)}=${rfc3986(params[k]!)}`)
    .join('&');
}

export function shanheSignature(
  secretKey: string,
  params: Record<string, string>,
  method = 'GET',
  path = '/iaas/',
): string {
  return createHmac('sha256', secretKey)
    .update(`${method}\n${path}\n${canonicalQuery(params)}`)
    .digest('base64');
}

/** The whole signed query string, `signature` last. */
export function signedQuery(secretKey: string, params: Record<string, string>, path = '/iaas/'): string {
  return `${canonicalQuery(params)}&signature=${rfc3986(shanheSignature(secretKey, params, 'GET', path))}`;
}

/** `2013-08-27T14:30:10Z`: ISO 8601 without milliseconds. */
export const shanheTimestamp = (d: Date) => d.toISOString().replace(/\.\d{3}Z$/, 'Z');
