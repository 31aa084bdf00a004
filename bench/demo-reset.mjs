#!/usr/bin/env node
/**
 * The presenter's panel's reset (POST /api/v1/demo/reset, issue 17: "under 5 s without a restart") for each estate:
 * the demo seed alone, with 1,000 and with 10,000 servers more. Wall time of the request and the server's own
 * `took_ms`, a few rounds each, interleaved, on embedded PGlite (the default of `npm run demo`) or on PostgreSQL
 * with --database-url. Needs a production build. Writes bench/results/demo-reset.json.
 *   node bench/demo-reset.mjs [--rounds 3] [--port 3431] [--database-url postgres://…]
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { startConsole } from './console.mjs';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const { values } = parseArgs({
  options: {
    rounds: { type: 'string', default: '3' },
    port: { type: 'string', default: '3431' },
    'database-url': { type: 'string' },
  },
});
const rounds = Number(values.rounds);
const databaseUrl = values['database-url'];
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

const estates = ['small', '1000', '10000'];
const samples = Object.fromEntries(estates.map((e) => [e, { wall: [], server: [] }]));
const { base, stop, signIn } = await startConsole({ name: 'reset', port: values.port, databaseUrl });
try {
  const token = await signIn();
  const reset = async (estate) => {
    const started = performance.now();
    const r = await fetch(`${base}/demo/reset`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'X-Auth-Token': token },
      body: JSON.stringify({ estate }),
    });
    const wall = performance.now() - started;
    const body = await r.json();
    if (!r.ok) throw new Error(`reset ${estate}: ${r.status} ${JSON.stringify(body)}`);
    return { wall, server: body.took_ms };
  };
  // One warm-up of each (the first request compiles the route and the seed's statements), then interleaved rounds.
  for (const e of estates) await reset(e);
  for (let round = 0; round < rounds; round++) {
    for (const e of estates) {
      const s = await reset(e);
      samples[e].wall.push(Math.round(s.wall));
      samples[e].server.push(s.server);
      console.log(`round ${round + 1}: ${e.padEnd(5)} ${Math.round(s.wall)} ms (server ${s.server} ms)`);
    }
  }
  // The cloud the presenter goes on with: the small seed again.
  await reset('small');
} finally {
  await stop();
}

const results = {
  when: new Date().toISOString(),
  database: databaseUrl ? 'postgresql' : 'pglite',
  cores: os.cpus().length,
  rounds,
  estates: Object.fromEntries(
    estates.map((e) => [
      e,
      { wall_ms_median: median(samples[e].wall), server_ms_median: median(samples[e].server), ...samples[e] },
    ]),
  ),
};
fs.mkdirSync(path.join(root, 'bench/results'), { recursive: true });
const file = path.join(root, `bench/results/demo-reset${databaseUrl ? '-postgres' : ''}.json`);
fs.writeFileSync(file, JSON.stringify(results, null, 2) + '\n');
console.log(`\n| estate | reset, median wall (server) |\n|---|---|`);
for (const e of estates)
  console.log(`| ${e} | ${results.estates[e].wall_ms_median} ms (${results.estates[e].server_ms_median} ms) |`);
console.log(`written to ${path.relative(root, file)}`);
