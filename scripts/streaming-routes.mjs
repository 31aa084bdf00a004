/**
 * The two streaming upload paths skip proxy.ts (its matcher says why: Next.js would copy their bodies into memory),
 * so what the proxy answers before any route runs is answered for them here, by scripts/serve.mjs, from the raw
 * request and without reading its body: the contract's 405 with an Allow header for a method the route file does not
 * export (Next.js's own is a bare 405), with the same body as proxy.ts gives every other API path.
 *
 * Plain JavaScript because serve.mjs runs under node without a TypeScript step; server/http/streaming-routes.test.ts
 * checks these methods against the operation table and the tus route's declaration, and these headers against
 * server/http/security-headers.ts, so the copy cannot drift unnoticed.
 */
import crypto from 'node:crypto';

/** The routes, their operation-table template (as proxy.ts names it) and the methods their route.ts answers. */
export const streamingRoutes = [
  // PUT uploads the file (streamed to disk), GET downloads it; Next.js adds HEAD (with GET) and OPTIONS.
  {
    pattern: /^\/api\/v1\/images\/[^/]+\/file$/,
    template: '/images/{id}/file',
    allow: ['GET', 'HEAD', 'OPTIONS', 'PUT'],
  },
  // tus 1.0.0 (server/http/outside-contract.ts tusUpload and tusOptions): GET and PUT are no tus request.
  { pattern: /^\/api\/v1\/uploads$/, template: '/uploads', allow: ['DELETE', 'HEAD', 'OPTIONS', 'PATCH', 'POST'] },
  {
    pattern: /^\/api\/v1\/uploads\/.+$/,
    template: '/uploads/{id}',
    allow: ['DELETE', 'HEAD', 'OPTIONS', 'PATCH', 'POST'],
  },
];

/** The API's security headers (security-headers.ts commonSecurityHeaders(false) and apiCsp), as next.config.ts gives these paths. */
export const apiSecurityHeaders = {
  'X-Frame-Options': 'DENY',
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'strict-origin-when-cross-origin',
  'Permissions-Policy': 'camera=(), microphone=(), geolocation=(), payment=(), usb=(), interest-cohort=()',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Content-Security-Policy': "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'",
};

/** The contract's error body (lib/contract/common.ts ErrorBody) with the API's headers, as proxy.ts answers. */
export function errorReply(code, type, title, message, detail, headers = {}) {
  const requestId = crypto.randomUUID();
  return {
    status: code,
    headers: {
      'Content-Type': 'application/json; charset=utf-8',
      'X-Request-Id': requestId,
      'Cache-Control': 'no-store',
      ...apiSecurityHeaders,
      ...headers,
    },
    body: JSON.stringify({ error: { code, type, title, message, request_id: requestId, details: [detail] } }),
  };
}

/** proxy.ts's 405 for a method a streaming path does not have, or undefined (the route handles the request). */
export function streamingMethodRefusal(method, rawUrl) {
  const pathname = (rawUrl ?? '').split('?')[0];
  const route = streamingRoutes.find((r) => r.pattern.test(pathname));
  if (!route || route.allow.includes(method)) return undefined;
  const allowed = route.allow.join(', ');
  return errorReply(
    405,
    'method_not_allowed',
    'Method Not Allowed',
    `method ${String(method).slice(0, 20)} is not allowed on ${route.template}; allowed: ${allowed}`,
    { path: 'method', message: `must be one of ${allowed}` },
    { Allow: allowed },
  );
}
