#!/usr/bin/env node
/**
 * Event streams' database cost: statements per second sent by one replica with 0, 10, 100 and 1,000 open
 * Server-Sent Events streams and no status change (yuntu_db_queries_total of GET /api/v1/metrics, read before and
 * after a quiet window). With the LISTEN/NOTIFY hub it stays constant; the former design polled once a second per
 * stream (N statements a second). Needs a production build. Writes bench/results/events.json.
 *   node bench/events.mjs [--window 10] [--port 3421] [--database-url postgres://…]
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { sleep, startConsole } from './console.mjs';

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
const databaseUrl = values['database-url'];
const { base, stop, signIn } = await startConsole({
  name: 'events',
  port: values.port,
  databaseUrl,
  env: { YUNTU_METRICS_TOKEN: token },
});

async function queries() {
  const r = await fetch(`${base}/metrics`, { headers: { Authorization: `Bearer ${token}` } });
  const text = await r.text();
  const m = /^yuntu_db_queries_total (\d+)/m.exec(text);
  const open = /^yuntu_event_streams_open (\d+)/m.exec(text);
  return { queries: Number(m[1]), open: Number(open[1]) };
}

const streams = [];
/** Opens one stream and resolves once its headers arrived (the body is read, and dropped, until aborted). */
async function openStream(authToken) {
  const controller = new AbortController();
  const r = await fetch(`${base}/events`, { headers: { 'X-Auth-Token': authToken }, signal: controller.signal });
  const reader = r.body.getReader();
  const done = (async () => {
    for (;;) if ((await reader.read()).done) break;
  })().catch(() => undefined);
  streams.push({ controller, done });
}

const results = [];
try {
  const authToken = await signIn();
  for (const n of [0, 10, 100, 1000]) {
    // In batches: a thousand connects at once overflow the listen backlog on a loaded machine.
    while (streams.length < n)
      await Promise.all(Array.from({ length: Math.min(25, n - streams.length) }, () => openStream(authToken)));
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
  await stop();
}

const out = path.join(root, 'bench/results/events.json');
const previous = fs.existsSync(out) ? JSON.parse(fs.readFileSync(out, 'utf8')) : {};
const key = databaseUrl ? 'postgres' : 'pglite';
fs.writeFileSync(
  out,
  `${JSON.stringify({ ...previous, [key]: { at: new Date().toISOString(), window_seconds: windowS, cpus: os.cpus().length, results } }, null, 2)}\n`,
);
console.log(`wrote ${path.relative(root, out)} (${key})`);
