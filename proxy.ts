import { NextResponse, type NextRequest } from 'next/server';
import { routeMethodsOf } from './server/http/allowed-methods';
import { apiCsp, commonSecurityHeaders, newNonce, pageCsp, pathDecodes } from './server/http/security-headers';

/**
 * Runs before every route: security headers on every response (a nonce-based CSP for pages), the contract's 400 for
 * a path that does not decode, which Next.js would otherwise answer with a bare 500, and its 405 for a method an
 * API path does not have, which Next.js would answer with a bare 405 and no Allow.
 */
export function proxy(request: NextRequest) {
  // The public origin is configuration (server/config.ts documents YUNTU_PUBLIC_ORIGIN); the proxy reads it raw
  // because it is compiled apart from the server modules.
  const https = request.nextUrl.protocol === 'https:' || (process.env.YUNTU_PUBLIC_ORIGIN ?? '').startsWith('https:');
  const common = commonSecurityHeaders(https);
  const isApi = request.nextUrl.pathname.startsWith('/api/');
  const rawPath = new URL(request.url).pathname;

  // The contract's error body (lib/contract/common.ts ErrorBody): the route handlers' own are out of reach here.
  const refuse = (
    code: number,
    type: string,
    title: string,
    message: string,
    detail: { path: string; message: string },
    headers: Record<string, string> = {},
  ) => {
    const requestId = crypto.randomUUID();
    const body = { error: { code, type, title, message, request_id: requestId, details: [detail] } };
    return NextResponse.json(body, {
      status: code,
      headers: {
        ...common,
        'Content-Security-Policy': apiCsp,
        'X-Request-Id': requestId,
        'Cache-Control': 'no-store',
        ...headers,
      },
    });
  };

  if (!pathDecodes(rawPath))
    return refuse(400, 'invalid', 'Bad Request', 'path: is not valid percent-encoded UTF-8', {
      path: 'path',
      message: 'is not valid percent-encoded UTF-8',
    });

  if (isApi) {
    const route = rawPath.startsWith('/api/v1/') ? routeMethodsOf(rawPath.slice('/api/v1'.length)) : undefined;
    if (route && !route.allow.includes(request.method)) {
      const allowed = route.allow.join(', ');
      const method = request.method.slice(0, 20);
      return refuse(
        405,
        'method_not_allowed',
        'Method Not Allowed',
        `method ${method} is not allowed on ${route.template}; allowed: ${allowed}`,
        { path: 'method', message: `must be one of ${allowed}` },
        { Allow: allowed },
      );
    }
    const response = NextResponse.next();
    for (const [k, v] of Object.entries({ ...common, 'Content-Security-Policy': apiCsp })) response.headers.set(k, v);
    return response;
  }

  const nonce = newNonce();
  const csp = pageCsp(nonce, process.env.NODE_ENV === 'development');
  // Next.js reads the nonce from the request's CSP header and puts it on every script it renders.
  const requestHeaders = new Headers(request.headers);
  requestHeaders.set('Content-Security-Policy', csp);
  requestHeaders.set('x-nonce', nonce);
  const response = NextResponse.next({ request: { headers: requestHeaders } });
  for (const [k, v] of Object.entries({ ...common, 'Content-Security-Policy': csp })) response.headers.set(k, v);
  return response;
}

export const config = {
  // Everything but Next's hashed static chunks (immutable files that need no nonce; the build's own headers apply)
  // and the two streaming uploads: whenever the proxy runs, Next.js copies the request body into memory for it and
  // cuts it at 10 MB (`proxyClientMaxBodySize`), which turned a 1 GiB image upload into a 10 MiB image. Those two
  // get the API's security headers from next.config.ts instead, and scripts/serve.mjs refuses their undecodable paths
  // and answers their wrong methods with this 405 (scripts/streaming-routes.mjs).
  matcher: [{ source: '/((?!_next/static|_next/image|favicon.ico|api/v1/uploads|api/v1/images/[^/]+/file).*)' }],
};
