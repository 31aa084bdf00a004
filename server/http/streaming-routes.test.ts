import { describe, expect, it } from 'vitest';
import { apiSecurityHeaders, streamingMethodRefusal, streamingRoutes } from '../../scripts/streaming-routes.mjs';
import { routeMethodsOf } from './allowed-methods';
import { outsideContract } from './outside-contract';
import { apiCsp, commonSecurityHeaders } from './security-headers';

// scripts/serve.mjs answers the streaming paths' wrong methods from a plain-JavaScript copy; these keep it the table's.
describe('scripts/streaming-routes.mjs', () => {
  it('allows on PUT/GET /images/{id}/file what proxy.ts would (the operation table)', () => {
    const route = streamingRoutes.find((r) => r.template === '/images/{id}/file')!;
    expect(route.allow).toEqual(routeMethodsOf('/images/img-1/file')!.allow);
  });

  it('allows on the tus routes the methods their route file declares', () => {
    const declared = [...new Set([...outsideContract.tusUpload.methods, ...outsideContract.tusOptions.methods])].sort();
    for (const r of streamingRoutes.filter((x) => x.template.startsWith('/uploads'))) expect(r.allow).toEqual(declared);
  });

  it('carries the API security headers next.config.ts gives these paths', () => {
    expect(apiSecurityHeaders).toEqual({ ...commonSecurityHeaders(false), 'Content-Security-Policy': apiCsp });
  });

  it('refuses only a wrong method on the two streaming paths, with the proxy’s body and Allow', () => {
    expect(streamingMethodRefusal('PUT', '/api/v1/images/x/file?a=1')).toBeUndefined();
    expect(streamingMethodRefusal('PATCH', '/api/v1/uploads/abc')).toBeUndefined();
    expect(streamingMethodRefusal('DELETE', '/api/v1/servers/x')).toBeUndefined();
    expect(streamingMethodRefusal('POST', '/api/v1/images/x/file/extra')).toBeUndefined();
    const r = streamingMethodRefusal('POST', '/api/v1/images/x/file')!;
    expect(r.status).toBe(405);
    expect(r.headers.Allow).toBe('GET, HEAD, OPTIONS, PUT');
    expect(JSON.parse(r.body)).toMatchObject({
      error: {
        code: 405,
        type: 'method_not_allowed',
        message: 'method POST is not allowed on /images/{id}/file; allowed: GET, HEAD, OPTIONS, PUT',
        details: [{ path: 'method', message: 'must be one of GET, HEAD, OPTIONS, PUT' }],
      },
    });
    expect(streamingMethodRefusal('GET', '/api/v1/uploads')!.headers.Allow).toBe('DELETE, HEAD, OPTIONS, PATCH, POST');
    expect(streamingMethodRefusal('PUT', '/api/v1/uploads/u-1')!.status).toBe(405);
  });
});
