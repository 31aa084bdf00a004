import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import type { ResourceEvent } from '@/lib/contract/audit';
import type { Db } from './client';

process.env.YUNTU_DATA_DIR ??= fs.mkdtempSync(path.join(os.tmpdir(), 'yuntu-event-hub-'));
const { openDb, queryCount } = await import('./client');
const { EventHub } = await import('./event-hub');
const { recordEvent } = await import('../providers/sim/state');

/** PostgreSQL beside PGlite when the run has one (scripts/ensure-postgres.sh; YUNTU_TEST_PG_URL). */
const pgUrl = process.env.YUNTU_TEST_PG_URL;

const waitFor = async (cond: () => boolean, ms = 5000) => {
  const end = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 20));
  }
};

function collector(projectId: string | null) {
  const got: ResourceEvent[] = [];
  const closed: number[] = [];
  return {
    got,
    closed,
    sub: { projectId, send: (e: ResourceEvent) => got.push(e), ping: () => {}, close: (ms: number) => closed.push(ms) },
  };
}

const cleanups: (() => Promise<void>)[] = [];
afterAll(async () => {
  for (const c of cleanups.reverse()) await c();
});

async function pglite(): Promise<Db> {
  const db = await openDb({ dir: fs.mkdtempSync(path.join(os.tmpdir(), 'yuntu-event-hub-pg-')) });
  cleanups.push(() => db.close());
  return db;
}

async function postgres(): Promise<Db> {
  const name = `yuntu_scale_core_hub_${process.pid}`;
  const admin = new pg.Client({ connectionString: pgUrl });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(pgUrl!);
  url.pathname = `/${name}`;
  const db = await openDb({ url: url.toString() });
  cleanups.push(async () => {
    await db.close();
    const c = new pg.Client({ connectionString: pgUrl });
    await c.connect();
    await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await c.end();
  });
  return db;
}

const backends: [string, () => Promise<Db>][] = [['PGlite', pglite]];
if (pgUrl) backends.push(['PostgreSQL', postgres]);

describe.each(backends)('EventHub on %s', { timeout: 120_000 }, (_name, open) => {
  it('fans a committed change out to the streams of its project and to administrators, and nothing of a rollback', async () => {
    const db = await open();
    const hub = new EventHub(async () => db);
    await hub.start();
    cleanups.push(() => hub.stop());
    const mine = collector('p1');
    const other = collector('p2');
    const admin = collector(null);
    for (const c of [mine, other, admin]) hub.subscribe(c.sub);

    await db.tx((q) => recordEvent(q, { resourceType: 'server', id: 's-1', projectId: 'p1' }, 'building'));
    await waitFor(() => mine.got.length === 1 && admin.got.length === 1);
    expect(mine.got[0]).toMatchObject({ resource_id: 's-1', status: 'building', project_id: 'p1' });
    await db
      .tx(async (q) => {
        await recordEvent(q, { resourceType: 'server', id: 's-2', projectId: 'p1' }, 'building');
        throw new Error('rolled back');
      })
      .catch(() => undefined);
    await new Promise((r) => setTimeout(r, 200));
    expect(mine.got.map((e) => e.resource_id)).toEqual(['s-1']);
    expect(other.got).toEqual([]);
  });

  it('holds a scheduled change until its time, and drops it when a later change supersedes it', async () => {
    const db = await open();
    const hub = new EventHub(async () => db);
    await hub.start();
    cleanups.push(() => hub.stop());
    const c = collector('p1');
    hub.subscribe(c.sub);
    const soon = new Date(Date.now() + 300);
    await db.tx((q) =>
      recordEvent(q, { resourceType: 'server', id: 's-3', projectId: 'p1' }, 'building', new Date(), {
        status: 'active',
        at: soon,
      }),
    );
    await waitFor(() => c.got.length === 1);
    expect(c.got[0]!.status).toBe('building');
    await waitFor(() => c.got.length === 2);
    expect(Date.now()).toBeGreaterThanOrEqual(soon.getTime() - 5);
    expect(c.got[1]!.status).toBe('active');

    await db.tx((q) =>
      recordEvent(q, { resourceType: 'server', id: 's-4', projectId: 'p1' }, 'building', new Date(), {
        status: 'active',
        at: new Date(Date.now() + 400),
      }),
    );
    await db.tx((q) => recordEvent(q, { resourceType: 'server', id: 's-4', projectId: 'p1' }, 'error'));
    await new Promise((r) => setTimeout(r, 700));
    expect(c.got.filter((e) => e.resource_id === 's-4').map((e) => e.status)).toEqual(['building', 'error']);
  });

  it('costs no query per open stream: 1,000 subscribers, one change, no statement but the writer’s', async () => {
    const db = await open();
    const hub = new EventHub(async () => db);
    await hub.start();
    cleanups.push(() => hub.stop());
    const subs = Array.from({ length: 1000 }, () => collector('p1'));
    for (const s of subs) hub.subscribe(s.sub);
    const before = queryCount();
    await db.tx((q) => recordEvent(q, { resourceType: 'volume', id: 'v-1', projectId: 'p1' }, 'available'));
    const written = queryCount() - before;
    await waitFor(() => subs.every((s) => s.got.length === 1));
    await new Promise((r) => setTimeout(r, 300));
    expect(queryCount() - before).toBe(written);
    hub.closeAll(1000);
    expect(subs.every((s) => s.closed[0] === 1000)).toBe(true);
    expect(hub.size).toBe(0);
  });
});

describe('the embedded database', { timeout: 120_000 }, () => {
  it('refuses a second process on the same data directory, naming the directory and what to do', async () => {
    const { spawn } = await import('node:child_process');
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'yuntu-lock-'));
    const pgDir = path.join(dir, 'pg');
    const db = await openDb({ dir: pgDir });
    cleanups.push(() => db.close());
    expect(fs.readFileSync(`${pgDir}.lock`, 'utf8')).toBe(String(process.pid));
    // Another process (tsx runs the same module; react-server lets `server-only` load outside Next).
    const child = spawn(
      process.execPath,
      [
        '--import',
        'tsx',
        '-e',
        `process.env.YUNTU_DATA_DIR=${JSON.stringify(dir)};
         import('./server/db/client.ts').then(m => m.openDb({ dir: ${JSON.stringify(pgDir)} }))
           .then(() => { console.log('opened'); process.exit(0); }, (e) => { console.error(e.message); process.exit(3); });`,
      ],
      { cwd: path.resolve(__dirname, '../..'), env: { ...process.env, NODE_OPTIONS: '--conditions=react-server' } },
    );
    let err = '';
    child.stderr.on('data', (d) => (err += d));
    const code = await new Promise<number | null>((r) => child.on('exit', r));
    expect(code).toBe(3);
    expect(err).toContain(`The embedded database in ${pgDir} is in use by another Yuntu process (pid ${process.pid})`);
    expect(err).toContain('DATABASE_URL');
  });
});
