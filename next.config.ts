import type { NextConfig } from 'next';

const nextConfig: NextConfig = {
  // The embedded database and the Postgres client are native/wasm server packages: keep them out of bundles.
  serverExternalPackages: ['@electric-sql/pglite', 'pg', 'pino', '@tus/server', '@tus/file-store'],
  // Separate build folders let several builds (tests, benchmarks) live side by side.
  distDir: process.env.NEXT_DIST_DIR || '.next',
  // `npm test` runs `tsc --noEmit` as its own stage; checking again inside every build only costs time.
  typescript: { ignoreBuildErrors: true },
  poweredByHeader: false,
  typedRoutes: false,
  // proxy.ts sets the security headers of pages and the API; the hashed static chunks it skips get these.
  async headers() {
    return [
      {
        source: '/_next/static/:path*',
        headers: [
          { key: 'X-Content-Type-Options', value: 'nosniff' },
          { key: 'X-Frame-Options', value: 'DENY' },
        ],
      },
    ];
  },
};

export default nextConfig;
