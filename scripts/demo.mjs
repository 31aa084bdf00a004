#!/usr/bin/env node
/**
 * `npm run demo`: builds (when the build is missing or older than the sources), starts the console on the
 * embedded simulator with demo data at http://127.0.0.1:3000, and prints how to sign in.
 */
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const port = process.env.PORT ?? '3000';
const dist = path.join(root, process.env.NEXT_DIST_DIR || '.next');

function newestSource(dir) {
  let newest = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    if (
      ['node_modules', '.git', 'data', 'test-results', 'bench'].includes(entry.name) ||
      entry.name.startsWith('.next')
    )
      continue;
    const p = path.join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestSource(p) : fs.statSync(p).mtimeMs);
  }
  return newest;
}

const buildId = path.join(dist, 'BUILD_ID');
if (!fs.existsSync(buildId) || fs.statSync(buildId).mtimeMs < newestSource(root)) {
  console.log('Building the console (first run takes a minute)…');
  const r = spawnSync(process.execPath, [path.join(root, 'node_modules/next/dist/bin/next'), 'build'], {
    cwd: root,
    stdio: 'inherit',
  });
  if (r.status !== 0) process.exit(r.status ?? 1);
}

const env = { ...process.env, NODE_ENV: 'production', YUNTU_SEED_DEMO: '1' };
const child = spawn(process.execPath, [path.join(root, 'scripts/serve.mjs'), '-H', '127.0.0.1', '-p', port], {
  cwd: root,
  stdio: ['ignore', 'pipe', 'inherit'],
  env,
});
child.stdout.pipe(process.stdout);
for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => child.kill(sig));
child.on('exit', (code) => process.exit(code ?? 0));

const url = `http://127.0.0.1:${port}`;
const admin = process.env.DEMO_ADMIN_PASSWORD ?? 'admin-pass-2026';
const tenant = process.env.DEMO_TENANT_PASSWORD ?? 'tenant-pass-2026';
const visitor = process.env.DEMO_VISITOR_PASSWORD ?? 'visitor-pass-2026';
for (let i = 0; i < 120; i++) {
  try {
    const r = await fetch(`${url}/api/v1/health`);
    if (r.ok) {
      console.log(`
  云图 Yuntu is running on the embedded simulated cloud: ${url}

  Sign in as                          password
    admin  (cloud administrator)      ${admin}
    alice  (member: gis-beijing, gis-demo)  ${tenant}
    bob    (member: gis-shanghai)     ${tenant}
    carol  (reader: gis-beijing)      ${tenant}
    visitor (read-only demo: sees everything, changes nothing)  ${visitor}

  Presenter's panel (admin): ${url}/admin/demo  (reset to the seed, estates, fault switches)
  Tours: the Tours menu in the top bar

  API: ${url}/api/v1  (OpenAPI: ${url}/api/v1/openapi.json)
  Data: ${process.env.DATABASE_URL ? 'PostgreSQL (DATABASE_URL)' : path.resolve(process.env.YUNTU_DATA_DIR ?? 'data')}    Stop: Ctrl-C
`);
      break;
    }
  } catch {
    // not up yet
  }
  await new Promise((r) => setTimeout(r, 500));
}
