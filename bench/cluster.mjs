#!/usr/bin/env node
/**
 * Throughput and latency through nginx (TLS) with 1 replica against 3 (scripts/cluster.sh, one PostgreSQL database),
 * for a read (a tenant's volume list) and a write (a volume create). A bounded autocannon run per measure, loopback
 * only. Needs a production build. Writes bench/results/cluster.json.
 *   node bench/cluster.mjs [--requests 3000] [--connections 32]
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import https from 'node:https';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const { values } = parseArgs({
  options: { requests: { type: 'string', default: '3000' }, connections: { type: 'string', default: '32' } },
});
const amount = Number(values.requests);
const connections = Number(values.connections);
const dir = process.env.CLUSTER_DIR ?? path.join(os.tmpdir(), 'yuntu-cluster-bench');
const port = Number(process.env.CLUSTER_PORT ?? 3430);
const base = `https://127.0.0.1:${port}`;
const env = {
  ...process.env,
  CLUSTER_DIR: dir,
  CLUSTER_PORT: String(port),
  CLUSTER_DB: 'yuntu_cluster_bench',
  LOG_LEVEL: 'warn',
  RATE_LIMIT_MAX: '100000000',
  SIM_SPEED: '20',
};

const cluster = (replicas, ...args) => {
  const r = spawnSync('bash', [path.join(root, 'scripts/cluster.sh'), ...args], {
    env: { ...env, CLUSTER_REPLICAS: String(replicas) },
    stdio: 'inherit',
  });
  if (r.status !== 0) throw new Error(`cluster.sh ${args.join(' ')} failed`);
};

/** Percentile of sorted numbers (nearest rank). */
const pct = (sorted, p) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];

function run(opts) {
  return new Promise((resolve, reject) => {
    const latencies = [];
    const statuses = {};
    const instance = autocannon({ ...opts, connections, amount, timeout: 30 }, (err, result) => {
      if (err) return reject(err);
      latencies.sort((a, b) => a - b);
      resolve({
        requests: result.requests.total,
        errors: result.errors + result.timeouts,
        statuses,
        seconds: +(result.duration ?? 0).toFixed(2),
        throughput_rps: +(result.requests.total / result.duration).toFixed(0),
        p50_ms: +pct(latencies, 50).toFixed(1),
        p95_ms: +pct(latencies, 95).toFixed(1),
        p99_ms: +pct(latencies, 99).toFixed(1),
      });
    });
    // Every response's time, for an exact p95 (autocannon's summary has p90 and p97.5 only).
    instance.on('response', (_client, status, _bytes, ms) => {
      latencies.push(ms);
      statuses[status] = (statuses[status] ?? 0) + 1;
    });
  });
}

/** One API call over TLS, trusting the cluster's self-signed certificate (autocannon does not check it). */
function api(method, p, token, body) {
  const payload = body ? JSON.stringify(body) : undefined;
  return new Promise((resolve, reject) => {
    const req = https.request(
      base + '/api/v1' + p,
      {
        method,
        ca: fs.readFileSync(path.join(dir, 'cert/cert.pem')),
        headers: { 'content-type': 'application/json', ...(token ? { 'X-Auth-Token': token } : {}) },
      },
      (res) => {
        let text = '';
        res.on('data', (d) => (text += d));
        res.on('end', () => {
          if (res.statusCode >= 300) return reject(new Error(`${method} ${p}: ${res.statusCode} ${text}`));
          resolve({ headers: { get: (h) => res.headers[h.toLowerCase()] }, json: async () => JSON.parse(text) });
        });
      },
    );
    req.on('error', reject);
    req.end(payload);
  });
}

async function tenantToken() {
  const admin = (
    await api('POST', '/auth/tokens', undefined, {
      username: 'admin',
      password: process.env.DEMO_ADMIN_PASSWORD ?? 'admin-pass-2026',
    })
  ).headers.get('x-subject-token');
  const project = await (
    await api('POST', '/projects', admin, {
      name: `bench-${Date.now()}`,
      quotas: { volumes: 1000000, volume_gb: 100000000 },
    })
  ).json();
  const name = `bench-${Date.now()}`;
  await api('POST', '/users', admin, {
    name,
    password: 'bench-password-1',
    project_id: project.project.id,
    role: 'member',
  });
  const token = (
    await api('POST', '/auth/tokens', undefined, { username: name, password: 'bench-password-1' })
  ).headers.get('x-subject-token');
  // Twenty volumes, so the list has rows to read.
  for (let i = 0; i < 20; i++) await api('POST', '/volumes', token, { name: `v-${i}`, size_gb: 1 });
  return token;
}

const measures = [];
try {
  for (const replicas of [1, 3]) {
    cluster(replicas, 'start');
    const token = await tenantToken();
    const headers = { 'X-Auth-Token': token, 'content-type': 'application/json' };
    // A short warm-up: the first requests of each replica compile routes and fill caches.
    await run({ url: `${base}/api/v1/volumes?limit=20`, headers, amount: 200 });
    const read = await run({ url: `${base}/api/v1/volumes?limit=20`, headers });
    const write = await run({
      url: `${base}/api/v1/volumes`,
      method: 'POST',
      headers,
      body: JSON.stringify({ name: 'bench', size_gb: 1 }),
    });
    measures.push({ replicas, read, write });
    console.log(JSON.stringify({ replicas, read, write }));
  }
} finally {
  cluster(3, 'stop');
}

const out = {
  when: new Date().toISOString(),
  machine: { cores: os.cpus().length, memory_gib: Math.round(os.totalmem() / 1024 ** 3), load: os.loadavg() },
  setup: `nginx (TLS, keepalive upstream) → N × serve.mjs, one PostgreSQL; autocannon ${connections} connections, ${amount} requests a measure`,
  read: 'GET /api/v1/volumes?limit=20 (20 volumes)',
  write: 'POST /api/v1/volumes (size_gb 1)',
  measures,
};
fs.mkdirSync(path.join(root, 'bench/results'), { recursive: true });
fs.writeFileSync(path.join(root, 'bench/results/cluster.json'), JSON.stringify(out, null, 2) + '\n');
console.log('wrote bench/results/cluster.json');
