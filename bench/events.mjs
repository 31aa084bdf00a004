#!/usr/bin/env node
/**
 * Event streams' database cost: statements per second sent by one replica with 0, 10, 100 and 1,000 open
 * Server-Sent Events streams and no status change (yuntu_db_queries_total of GET /api/v1/metrics, read before and
 * after a quiet window). With the LISTEN/NOTIFY hub it stays constant; the former design polled once a second per
 * stream (N statements a second). Needs a production build. Writes bench/results/events.json.
 *   node bench/events.mjs [--window 10] [--port 3421] [--database-url postgres://…]
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const { values } = parseArgs({
  options: {
    window: { type: 'string', default: '10' },
    port: { type: 'string', default: '3421' },
    'database-url': { type: 'string' },
  },
});
const windowS = Number(values.window);
const token = 'bench-events-metrics-token-000000';
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'yuntu-bench-events-'));
const databaseUrl = values['database-url'];
const { DATABASE_URL: _ignored, ...inherited } = process.env;
const env = {
  ...inherited,
  YUNTU_DATA_DIR: dataDir,
  YUNTU_METRICS_TOKEN: token,
  LOG_LEVEL: 'warn',
  RATE_LIMIT_MAX: '10000000',
  NODE_ENV: 'production',
  ...(databaseUrl ? { DATABASE_URL: databaseUrl } : {}),
};

const base = `http://127.0.0.1:${values.port}/api/v1`;
const server = spawn(process.execPath, [path.join(root, 'scripts/serve.mjs'), '-H', '127.0.0.1', '-p', values.port], {
  cwd: root,
  env,
  stdio: 'ignore',
});
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

async function queries() {
  const r = await fetch(`${base}/metrics`, { headers: { Authorization: `Bearer ${token}` } });
  const text = await r.text();
  const m = /^yuntu_db_queries_total (\d+)/m.exec(text);
  const open = /^yuntu_event_streams_open (\d+)/m.exec(text);
  return { queries: Number(m[1]), open: Number(open[1]) };
}

const streams = [];
function openStream(authToken) {
  const controller = new AbortController();
  const done = fetch(`${base}/events`, { headers: { 'X-Auth-Token': authToken }, signal: controller.signal })
    .then(async (r) => {
      const reader = r.body.getReader();
      for (;;) if ((await reader.read()).done) break;
    })
    .catch(() => undefined);
  streams.push({ controller, done });
}

const results = [];
try {
  for (let i = 0; ; i++) {
    try {
      if ((await fetch(`${base}/health`)).ok) break;
    } catch {
      // not yet listening
    }
    if (i > 600) throw new Error('the console did not start');
    await sleep(250);
  }
  const signIn = await fetch(`${base}/auth/tokens`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ username: 'admin', password: process.env.DEMO_ADMIN_PASSWORD ?? 'admin-pass-2026' }),
  });
  const authToken = signIn.headers.get('x-subject-token');
  if (!authToken) throw new Error(`sign-in failed: ${signIn.status}`);
  for (const n of [0, 10, 100, 1000]) {
    while (streams.length < n) openStream(authToken);
    for (let i = 0; i < 240; i++) {
      if ((await queries()).open >= n) break;
      await sleep(250);
    }
    await sleep(2000);
    const before = await queries();
    const t0 = performance.now();
    await sleep(windowS * 1000);
    const after = await queries();
    const seconds = (performance.now() - t0) / 1000;
    const perSecond = (after.queries - before.queries) / seconds;
    results.push({
      streams: n,
      open: after.open,
      queries: after.queries - before.queries,
      seconds: +seconds.toFixed(2),
      queries_per_second: +perSecond.toFixed(2),
      polling_design_queries_per_second: n,
    });
    console.log(`${n} streams (${after.open} open): ${perSecond.toFixed(2)} statements/s over ${seconds.toFixed(1)} s`);
  }
} finally {
  for (const s of streams) s.controller.abort();
  server.kill('SIGTERM');
  await new Promise((r) => server.once('exit', r));
  fs.rmSync(dataDir, { recursive: true, force: true });
}

const out = path.join(root, 'bench/results/events.json');
const previous = fs.existsSync(out) ? JSON.parse(fs.readFileSync(out, 'utf8')) : {};
const key = databaseUrl ? 'postgres' : 'pglite';
fs.writeFileSync(
  out,
  `${JSON.stringify({ ...previous, [key]: { at: new Date().toISOString(), window_seconds: windowS, cpus: os.cpus().length, results } }, null, 2)}\n`,
);
console.log(`wrote ${path.relative(root, out)} (${key})`);
