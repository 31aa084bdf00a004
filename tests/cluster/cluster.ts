import { spawn, spawnSync } from 'node:child_process';
import path from 'node:path';
import { client, type ApiResponse, type Client } from '../http/client';

/**
 * The cluster scripts/cluster.sh started (scripts/test-cluster.mjs passes its env): nginx on CLUSTER_PORT over TLS,
 * replica i on CLUSTER_PORT + i over plain HTTP.
 */
const root = path.resolve(__dirname, '../..');
const env = process.env;
export const clusterPort = Number(env.CLUSTER_PORT ?? 3430);
export const replicaCount = Number(env.CLUSTER_REPLICAS ?? 3);
export const nginxUrl = env.YUNTU_TEST_BASE_URL ?? `https://127.0.0.1:${clusterPort}`;
export const clusterDir = env.CLUSTER_DIR ?? '/tmp/yuntu-cluster';
export const replicaUrl = (i: number) => `http://127.0.0.1:${clusterPort + i}`;

function clusterSh(...args: string[]) {
  const r = spawnSync('bash', [path.join(root, 'scripts/cluster.sh'), ...args], { encoding: 'utf8', env });
  if (r.status !== 0) throw new Error(`cluster.sh ${args.join(' ')} failed: ${r.stderr}`);
}
/** kill -9 of one replica. */
export const killReplica = (i: number) => clusterSh('kill', String(i));
/** SIGTERM of one replica (a graceful stop), resolved once it has exited; the test's event loop runs meanwhile. */
export function termReplica(i: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn('bash', [path.join(root, 'scripts/cluster.sh'), 'term', String(i)], { env, stdio: 'ignore' });
    child.on('error', reject);
    child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`cluster.sh term ${i}: exit ${code}`))));
  });
}
/** Starts a killed replica again and waits until it answers. */
export const restartReplica = (i: number) => clusterSh('restart', String(i));

/** The same signed-in caller addressed at another replica (or at nginx). */
export const via = (c: Client, base: string) => client(c.token, base);

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * A create as a careful client makes it: one Idempotency-Key, sent again after a network error, a 502/503/504 (the
 * replica that had it died) or a 409 "still being processed" (another attempt with the key is under way), until
 * the console answers something definite or the attempts run out.
 */
export async function createWithRetry(
  c: Client,
  path: string,
  body: unknown,
  key: string,
  attempts = 30,
): Promise<{ reply: ApiResponse | undefined; tries: number }> {
  let last: ApiResponse | undefined;
  for (let i = 1; i <= attempts; i++) {
    try {
      last = await c.post(path, body, { 'Idempotency-Key': key });
    } catch {
      last = undefined; // the connection broke: the outcome is unknown, so try again with the same key
    }
    const retry =
      !last ||
      [502, 503, 504].includes(last.status) ||
      (last.status === 409 && /still being processed/.test(String(last.body?.error?.message)));
    if (!retry) return { reply: last, tries: i };
    await sleep(200);
  }
  return { reply: last, tries: attempts };
}

/** Every item of a list operation, page by page (lists are capped at 100 a page). */
export async function listAll<T = Record<string, unknown>>(c: Client, path: string, key: string): Promise<T[]> {
  const out: T[] = [];
  for (let offset = 0; ; offset += 100) {
    const sep = path.includes('?') ? '&' : '?';
    const r = await c.get(`${path}${sep}limit=100&offset=${offset}`);
    if (r.status !== 200) throw new Error(`GET ${path}: ${r.status} ${JSON.stringify(r.body)}`);
    const page = r.body[key] as T[];
    out.push(...page);
    if (page.length < 100) return out;
  }
}

export interface LoadResult {
  requests: number;
  non2xx: number;
  errors: number;
  timeouts: number;
  p97_5: number;
  rps: number;
}

/** A bounded autocannon run (a child process, so its load does not share the test's event loop). */
export function load(opts: { url: string; token: string; amount: number; connections?: number }): Promise<LoadResult> {
  return new Promise((resolve, reject) => {
    const args = [
      path.join(root, 'node_modules/autocannon/autocannon.js'),
      '-j',
      '-c',
      String(opts.connections ?? 16),
      '-a',
      String(opts.amount),
      '-t',
      '10',
      '-H',
      `X-Auth-Token=${opts.token}`,
      opts.url,
    ];
    const child = spawn(process.execPath, args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (err += d));
    child.on('error', reject);
    child.on('exit', (code) => {
      try {
        const j = JSON.parse(out);
        resolve({
          requests: j.requests.total,
          non2xx: j.non2xx,
          errors: j.errors,
          timeouts: j.timeouts,
          p97_5: j.latency.p97_5,
          rps: j.requests.average,
        });
      } catch {
        reject(new Error(`autocannon exited ${code}: ${err}\n${out}`));
      }
    });
  });
}
