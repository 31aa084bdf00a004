import type { NextConfig } from 'next';
import { apiCsp, commonSecurityHeaders } from './server/http/security-headers';

const nextConfig: NextConfig = {
  // The embedded database and the Postgres client are native/wasm server packages: keep them out of bundles.
  serverExternalPackages: ['@electric-sql/pglite', 'pg', 'pino', '@tus/server', '@tus/file-store'],
  // Separate build folders let several builds (tests, benchmarks) live side by side.
  distDir: process.env.NEXT_DIST_DIR || '.next',
  // `npm test` runs `tsc --noEmit` as its own stage; checking again inside every build only costs time.
  typescript: { ignoreBuildErrors: true },
  poweredByHeader: false,
  typedRoutes: false,
  // proxy.ts sets the security headers of pages and the API; the hashed static chunks it skips get these, and the
  // streaming uploads it skips (see its matcher) get the API's own set. HSTS is left to the https front there: this
  // file is read at build time, before the public origin is known.
  async headers() {
    const uploadHeaders = [
      ...Object.entries(commonSecurityHeaders(false)).map(([key, value]) => ({ key, value })),
      { key: 'Content-Security-Policy', value: apiCsp },
    ];
    return [
      {
        source: '/_next/static/:path*',
        headers: [
          { key: 'X-Content-Type-Options', value: 'nosniff' },
          { key: 'X-Frame-Options', value: 'DENY' },
        ],
      },
      { source: '/api/v1/uploads/:path*', headers: uploadHeaders },
      { source: '/api/v1/uploads', headers: uploadHeaders },
      { source: '/api/v1/images/:id/file', headers: uploadHeaders },
    ];
  },
};

export default nextConfig;
