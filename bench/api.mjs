#!/usr/bin/env node
/**
 * API benchmark on the simulator: latency of the server list and a server detail with a 10,000-server estate,
 * against the same calls on a 100-server project in the same run (the ratio is what matters on a shared
 * machine). Needs a production build (`npm run build`). Writes bench/results/api.json.
 *   node bench/api.mjs [--servers 10000] [--requests 200]
 */
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const { values } = parseArgs({
  options: { servers: { type: 'string', default: '10000' }, requests: { type: 'string', default: '200' } },
});
const big = Number(values.servers);
const n = Number(values.requests);
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'yuntu-bench-'));
const env = {
  ...process.env,
  YUNTU_DATA_DIR: dataDir,
  LOG_LEVEL: 'warn',
  RATE_LIMIT_MAX: '10000000',
  NODE_ENV: 'production',
};

function seed(servers, project) {
  const r = spawnSync(
    path.join(root, 'node_modules/.bin/tsx'),
    [
      '--conditions=react-server',
      '--tsconfig',
      'tsconfig.json',
      'scripts/seed.mts',
      '--servers',
      String(servers),
      '--project',
      project,
    ],
    { cwd: root, env, encoding: 'utf8' },
  );
  if (r.status !== 0) throw new Error(r.stderr);
  console.log(r.stdout.trim());
}
seed(big, 'bench-big');
seed(100, 'bench-small');

const port = 3900 + Math.floor(Math.random() * 50);
const url = `http://127.0.0.1:${port}/api/v1`;
const server = spawn(
  process.execPath,
  [path.join(root, 'node_modules/next/dist/bin/next'), 'start', '-H', '127.0.0.1', '-p', String(port)],
  { cwd: root, env, stdio: 'ignore' },
);
try {
  for (let i = 0; ; i++) {
    try {
      if ((await fetch(`${url}/health`)).ok) break;
    } catch {
      // starting
    }
    if (i > 200) throw new Error('server did not start');
    await new Promise((r) => setTimeout(r, 200));
  }
  async function tokenFor(projectName) {
    const r = await fetch(`${url}/auth/tokens`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'admin', password: process.env.DEMO_ADMIN_PASSWORD ?? 'admin-pass-2026' }),
    });
    const admin = r.headers.get('x-subject-token');
    const projects = await (await fetch(`${url}/projects`, { headers: { 'X-Auth-Token': admin } })).json();
    const project = projects.projects.find((p) => p.name === projectName);
    const name = `bench-${projectName}`;
    await fetch(`${url}/users`, {
      method: 'POST',
      headers: { 'X-Auth-Token': admin, 'content-type': 'application/json' },
      body: JSON.stringify({ name, password: 'bench-password-1', project_id: project.id, role: 'member' }),
    });
    const t = await fetch(`${url}/auth/tokens`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: name, password: 'bench-password-1' }),
    });
    return t.headers.get('x-subject-token');
  }
  async function measure(token, pathOf) {
    const times = [];
    for (let i = 0; i < n; i++) {
      const t0 = performance.now();
      const r = await fetch(url + pathOf(i), { headers: { 'X-Auth-Token': token } });
      await r.arrayBuffer();
      if (!r.ok) throw new Error(`${pathOf(i)}: ${r.status}`);
      times.push(performance.now() - t0);
    }
    times.sort((a, b) => a - b);
    const q = (p) => Math.round(times[Math.min(times.length - 1, Math.floor(p * times.length))] * 10) / 10;
    return { p50_ms: q(0.5), p95_ms: q(0.95) };
  }
  const results = {};
  for (const [label, project] of [
    ['small (100 servers)', 'bench-small'],
    [`big (${big} servers)`, 'bench-big'],
  ]) {
    const token = await tokenFor(project);
    const first = await (await fetch(`${url}/servers?limit=1`, { headers: { 'X-Auth-Token': token } })).json();
    const id = first.servers[0].id;
    await measure(token, () => '/servers?limit=20'); // warm-up
    results[label] = {
      'GET /servers?limit=100 (first page)': await measure(token, () => '/servers?limit=100'),
      'GET /servers?limit=100&offset=random&sort=name': await measure(
        token,
        (i) => `/servers?limit=100&sort=name&offset=${(i * 7919) % Math.max(1, first.total_count - 100)}`,
      ),
      'GET /servers?status=stopped&limit=100': await measure(token, () => '/servers?status=stopped&limit=100'),
      'GET /servers/{id}': await measure(token, () => `/servers/${id}`),
    };
  }
  const [small, bigR] = Object.values(results);
  const ratios = Object.fromEntries(
    Object.keys(small).map((k) => [k, Math.round((bigR[k].p50_ms / small[k].p50_ms) * 100) / 100]),
  );
  const out = {
    date: new Date().toISOString(),
    machine: `${os.cpus().length} cores`,
    requests_per_measure: n,
    database: 'PGlite (embedded)',
    results,
    p50_ratio_big_over_small: ratios,
  };
  fs.mkdirSync(path.join(root, 'bench/results'), { recursive: true });
  fs.writeFileSync(path.join(root, 'bench/results/api.json'), JSON.stringify(out, null, 2) + '\n');
  console.log(JSON.stringify(out, null, 2));
} finally {
  server.kill('SIGTERM');
  fs.rmSync(dataDir, { recursive: true, force: true });
}
