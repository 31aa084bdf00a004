/**
 * The response headers that keep the console's pages and API out of frames, sniffing and foreign scripts. Used by
 * proxy.ts for every response (pages, API, static files), so no route can forget them.
 *
 * No `server-only` import here: proxy.ts is compiled outside the react-server condition, where that guard throws.
 */

/** A fresh random nonce per page response: Next.js reads it back from the request's CSP and puts it on its scripts. */
export function newNonce(): string {
  const bytes = new Uint8Array(16);
  crypto.getRandomValues(bytes);
  return btoa(String.fromCharCode(...bytes));
}

/**
 * The pages' policy. Scripts only with this response's nonce ('strict-dynamic' lets Next's own loader add its chunks);
 * styles allow inline attributes because React Flow and Recharts position elements with `style=""`, which a nonce
 * cannot cover. `unsafe-eval` only in development, where React's dev build needs it for stack traces.
 */
export function pageCsp(nonce: string, dev: boolean): string {
  return [
    `default-src 'self'`,
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${dev ? " 'unsafe-eval'" : ''}`,
    `style-src 'self' 'unsafe-inline'`,
    `img-src 'self' data: blob:`,
    `font-src 'self' data:`,
    `connect-src 'self'`,
    `worker-src 'self' blob:`,
    `object-src 'none'`,
    `base-uri 'self'`,
    `form-action 'self'`,
    `frame-ancestors 'none'`,
  ].join('; ');
}

/** The API answers JSON and files only: nothing in it may run, load or be framed. */
export const apiCsp = `default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'`;

/** Headers every response carries besides the CSP. HSTS only over https (a browser ignores it over http anyway). */
export function commonSecurityHeaders(https: boolean): Record<string, string> {
  return {
    'X-Frame-Options': 'DENY',
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'strict-origin-when-cross-origin',
    'Permissions-Policy': 'camera=(), microphone=(), geolocation=(), payment=(), usb=(), interest-cohort=()',
    'Cross-Origin-Opener-Policy': 'same-origin',
    ...(https ? { 'Strict-Transport-Security': 'max-age=31536000; includeSubDomains' } : {}),
  };
}

/**
 * Whether a raw path (still percent-encoded) decodes as UTF-8. Next.js answers a plain-text 500 for one that does
 * not (`%E0%A4%A`, `100%`) before any route runs, so proxy.ts refuses it first with the contract's 400.
 */
export function pathDecodes(rawPath: string): boolean {
  try {
    decodeURIComponent(rawPath);
    return true;
  } catch {
    return false;
  }
}
