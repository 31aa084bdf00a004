import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

const root = path.dirname(fileURLToPath(import.meta.url));
const alias = {
  '@': root,
  // Server modules guard against client bundles with `server-only`; tests run on the server side.
  'server-only': path.join(root, 'tests/server-only-stub.ts'),
};

export default defineConfig({
  resolve: { alias },
  test: {
    projects: [
      {
        resolve: { alias },
        test: {
          name: 'unit',
          include: ['lib/**/*.test.ts', 'server/**/*.test.ts', 'components/**/*.test.{ts,tsx}'],
          environment: 'node',
          testTimeout: 30_000,
        },
      },
      {
        resolve: { alias },
        test: {
          name: 'integration',
          include: ['tests/http/**/*.test.ts'],
          globalSetup: ['tests/http/global-setup.ts'],
          environment: 'node',
          testTimeout: 60_000,
          hookTimeout: 120_000,
          // One server for the whole run; files run in parallel against it like independent API callers.
          fileParallelism: true,
          maxWorkers: 2,
        },
      },
      {
        resolve: { alias },
        test: {
          // The fuzz stage (scripts/test-all.mjs, after the integration tests): every operation of the operation
          // table with bad input, against one console of its own, one file after another (they count resources).
          name: 'fuzz',
          include: ['tests/fuzz/**/*.test.ts'],
          globalSetup: ['tests/http/global-setup.ts'],
          environment: 'node',
          testTimeout: 120_000,
          hookTimeout: 120_000,
          fileParallelism: false,
        },
      },
      {
        resolve: { alias },
        test: {
          // Three replicas behind nginx (scripts/test-cluster.mjs starts them with scripts/cluster.sh): kill -9 under
          // load, uploads across replicas, the tus locker on PostgreSQL. One file at a time: they kill replicas.
          name: 'cluster',
          include: ['tests/cluster/**/*.test.ts'],
          globalSetup: ['tests/http/global-setup.ts'],
          environment: 'node',
          testTimeout: 240_000,
          hookTimeout: 240_000,
          fileParallelism: false,
        },
      },
      {
        resolve: { alias },
        test: {
          // Tests of what a real OpenStack does behind the console's back (revoked tokens, a stopped service):
          // run by scripts/test-openstack.mjs after the HTTP tests, one file at a time (they stop services).
          name: 'openstack',
          include: ['tests/openstack/**/*.test.ts'],
          globalSetup: ['tests/http/global-setup.ts'],
          environment: 'node',
          testTimeout: 300_000,
          hookTimeout: 300_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
