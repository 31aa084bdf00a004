import { NextResponse, type NextRequest } from 'next/server';
import { apiCsp, commonSecurityHeaders, newNonce, pageCsp, pathDecodes } from './server/http/security-headers';

/**
 * Runs before every route: security headers on every response (a nonce-based CSP for pages), and the contract's
 * 400 for a path that does not decode, which Next.js would otherwise answer with a bare 500.
 */
export function proxy(request: NextRequest) {
  // The public origin is configuration (server/config.ts documents YUNTU_PUBLIC_ORIGIN); the proxy reads it raw
  // because it is compiled apart from the server modules.
  const https = request.nextUrl.protocol === 'https:' || (process.env.YUNTU_PUBLIC_ORIGIN ?? '').startsWith('https:');
  const common = commonSecurityHeaders(https);
  const isApi = request.nextUrl.pathname.startsWith('/api/');
  const rawPath = new URL(request.url).pathname;

  if (!pathDecodes(rawPath)) {
    const requestId = crypto.randomUUID();
    const body = {
      error: {
        code: 400,
        type: 'invalid',
        title: 'Bad Request',
        message: 'path: is not valid percent-encoded UTF-8',
        request_id: requestId,
        details: [{ path: 'path', message: 'is not valid percent-encoded UTF-8' }],
      },
    };
    return NextResponse.json(body, { status: 400, headers: { ...common, 'Content-Security-Policy': apiCsp, 'X-Request-Id': requestId, 'Cache-Control': 'no-store' } });
  }

  if (isApi) {
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
  // get the API's security headers from next.config.ts instead, and scripts/serve.mjs refuses their undecodable paths.
  matcher: [{ source: '/((?!_next/static|_next/image|favicon.ico|api/v1/uploads|api/v1/images/[^/]+/file).*)' }],
};
