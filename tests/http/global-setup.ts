import fs from 'node:fs';
import type { TestProject } from 'vitest/node';
import { startServer, type StartedServer } from './server-process';

let server: StartedServer | undefined;

declare module 'vitest' {
  export interface ProvidedContext {
    baseUrl: string;
  }
}

/** One console for the whole integration run, on the embedded database or DATABASE_URL when set. */
export async function setup(project: TestProject) {
  // The cluster stage (scripts/test-cluster.mjs) runs a part of this suite through nginx against replicas it started.
  const external = process.env.YUNTU_TEST_BASE_URL;
  if (external) {
    project.provide('baseUrl', external.replace(/\/$/, ''));
    return;
  }
  fs.mkdirSync('data', { recursive: true });
  // Image imports (tests/http/image-import.test.ts) fetch from HTTP servers the tests start on 127.0.0.1: that one
  // address is allowed (127.0.0.2, ::1 and every other refused class stay refused); small limits make the
  // size cap and the idle time-out quick to reach.
  server = await startServer({
    env: {
      YUNTU_IMAGE_IMPORT_ALLOW: '127.0.0.1',
      YUNTU_IMAGE_IMPORT_MAX_BYTES: String(8 * 1024 * 1024),
      YUNTU_IMAGE_IMPORT_IDLE_SECONDS: '2',
    },
  });
  project.provide('baseUrl', server.url);
}

export async function teardown() {
  await server?.stop();
  // The console's own log (LOG_LEVEL=warn: warnings, errors, a crash) for whoever reads a failed run.
  if (server) {
    fs.mkdirSync('test-results', { recursive: true });
    fs.writeFileSync(`test-results/console-${process.env.YUNTU_BACKEND ?? 'sim'}-${process.pid}.log`, server.output());
  }
  if (server && !process.env.KEEP_TEST_DATA) fs.rmSync(server.dataDir, { recursive: true, force: true });
}
