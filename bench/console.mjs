/**
 * One console for a benchmark: a production build (`scripts/serve.mjs`) on 127.0.0.1 with a data directory of its
 * own, on embedded PGlite or on the PostgreSQL of `databaseUrl` (the caller's DATABASE_URL is never inherited, so a
 * bench measures the database it says it does). Resolves once /health answers.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
export const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

export async function startConsole({ name, port, databaseUrl, env = {} }) {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), `yuntu-bench-${name}-`));
  const { DATABASE_URL: _ignored, ...inherited } = process.env;
  const server = spawn(
    process.execPath,
    [path.join(root, 'scripts/serve.mjs'), '-H', '127.0.0.1', '-p', String(port)],
    {
      cwd: root,
      env: {
        ...inherited,
        YUNTU_DATA_DIR: dataDir,
        LOG_LEVEL: 'warn',
        RATE_LIMIT_MAX: '10000000',
        NODE_ENV: 'production',
        ...(databaseUrl ? { DATABASE_URL: databaseUrl } : {}),
        ...env,
      },
      stdio: 'ignore',
    },
  );
  const base = `http://127.0.0.1:${port}/api/v1`;
  const stop = async () => {
    if (server.exitCode === null) {
      server.kill('SIGTERM');
      await new Promise((r) => server.once('exit', r));
    }
    fs.rmSync(dataDir, { recursive: true, force: true });
  };
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
  } catch (e) {
    await stop();
    throw e;
  }
  /** Signs in as the demo admin (or another demo user) and answers the token. */
  const signIn = async (username = 'admin', password = process.env.DEMO_ADMIN_PASSWORD ?? 'admin-pass-2026') => {
    const r = await fetch(`${base}/auth/tokens`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ username, password }),
    });
    const token = r.headers.get('x-subject-token');
    if (!token) throw new Error(`sign-in as ${username} failed: ${r.status} ${await r.text()}`);
    return token;
  };
  return { base, stop, signIn };
}
