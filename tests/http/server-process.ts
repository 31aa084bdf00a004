import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import net from 'node:net';
import pg from 'pg';

export interface StartedServer {
  url: string;
  dataDir: string;
  process: ChildProcess;
  stop(signal?: NodeJS.Signals): Promise<void>;
  output(): string;
}

const root = path.resolve(__dirname, '../..');

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.listen(0, '127.0.0.1', () => {
      const port = (srv.address() as net.AddressInfo).port;
      srv.close(() => resolve(port));
    });
    srv.on('error', reject);
  });
}

/**
 * A fresh PostgreSQL database beside the one in DATABASE_URL (same server), for a console whose state must not be
 * shared with the other test consoles — e.g. sign-in budgets, which count per client address, and every test
 * console's client is 127.0.0.1. Undefined when the tests run on the embedded database (each console has its own).
 */
async function ownDatabase(): Promise<{ url: string; drop(): Promise<void> } | undefined> {
  const shared = process.env.DATABASE_URL;
  if (!shared) return undefined;
  const name = `yuntu_test_own_${process.pid}_${Math.random().toString(36).slice(2, 8)}`;
  const admin = new pg.Client({ connectionString: shared });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE ${name}`);
  } finally {
    await admin.end();
  }
  const url = new URL(shared);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: async () => {
      const c = new pg.Client({ connectionString: shared });
      await c.connect();
      try {
        await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      } finally {
        await c.end();
      }
    },
  };
}

/**
 * Starts the production build (`next start`) on a free loopback port with its own data directory, and waits
 * until /api/v1/health answers. Requires `npm run build` to have run.
 */
export async function startServer(
  opts: { env?: Record<string, string>; dataDir?: string; port?: number; ownDatabase?: boolean } = {},
): Promise<StartedServer> {
  if (!fs.existsSync(path.join(root, process.env.NEXT_DIST_DIR || '.next', 'BUILD_ID')))
    throw new Error('no production build: run `npm run build` first');
  const port = opts.port ?? (await freePort());
  const dataDir = opts.dataDir ?? fs.mkdtempSync(path.join(root, 'data', 'test-'));
  fs.mkdirSync(dataDir, { recursive: true });
  const database = opts.ownDatabase ? await ownDatabase() : undefined;
  let out = '';
  const child = spawn(process.execPath, [path.join(root, 'scripts/serve.mjs'), '-H', '127.0.0.1', '-p', String(port)], {
    cwd: root,
    env: {
      ...process.env,
      YUNTU_DATA_DIR: dataDir,
      SIM_SPEED: '20',
      RATE_LIMIT_MAX: '1000000',
      SIGN_IN_CLIENT_MAX_FAILURES: '1000000',
      LOG_LEVEL: 'warn',
      NODE_ENV: 'production',
      ...(database ? { DATABASE_URL: database.url } : {}),
      ...opts.env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout!.on('data', (d) => (out += d));
  child.stderr!.on('data', (d) => (out += d));
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 150_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`server exited early:\n${out}`);
    try {
      const r = await fetch(`${url}/api/v1/health`);
      if (r.ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`server did not become healthy:\n${out}`);
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  return {
    url,
    dataDir,
    process: child,
    output: () => out,
    stop: async (signal: NodeJS.Signals = 'SIGTERM') => {
      await new Promise<void>((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill(signal);
      });
      await database?.drop();
    },
  };
}
