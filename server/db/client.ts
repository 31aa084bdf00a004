import 'server-only';
import fs from 'node:fs';
import path from 'node:path';
import { config } from '../config';
import { migrations } from './migrations';

/** What every data-access function needs: one parameterised statement at a time. */
export interface Queryable {
  query<T = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<T[]>;
}

export interface Db extends Queryable {
  /** Runs `fn` in one transaction: all of it is stored, or none of it. */
  tx<T>(fn: (q: Queryable) => Promise<T>): Promise<T>;
  readonly dialect: 'pglite' | 'postgres';
  /**
   * Calls `onPayload` with each NOTIFY on `channel` (sent with `SELECT pg_notify(channel, payload)`, delivered when
   * its transaction commits). On PostgreSQL one dedicated connection listens for the whole process and reconnects
   * after an error; `onResume` runs after each reconnection, since notifications sent meanwhile are lost.
   */
  listen(channel: string, onPayload: (payload: string) => void, onResume?: () => void): Promise<() => Promise<void>>;
  close(): Promise<void>;
}

/**
 * Statements sent to the database by this process, counted for the metrics endpoint and bench/events.mjs (the
 * cost of open event streams). On globalThis, as the route bundles each load this module.
 */
const counter = globalThis as unknown as { yuntuDbQueries?: { n: number } };
export function queryCount(): number {
  return (counter.yuntuDbQueries ??= { n: 0 }).n;
}
function counted(): void {
  (counter.yuntuDbQueries ??= { n: 0 }).n++;
}

/**
 * The embedded database is one process's files: a second process opening them would corrupt them. A lock file
 * beside the directory names the process holding it; one left by a process that is gone (kill -9) is taken over.
 */
function lockDataDir(dir: string): () => void {
  const lockPath = `${dir.replace(/[/\\]+$/, '')}.lock`;
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      fs.writeFileSync(lockPath, String(process.pid), { flag: 'wx' });
      const release = () => {
        try {
          if (fs.readFileSync(lockPath, 'utf8') === String(process.pid)) fs.unlinkSync(lockPath);
        } catch {
          // already gone
        }
      };
      process.once('exit', release);
      return release;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
      const holder = Number(fs.readFileSync(lockPath, 'utf8').trim());
      // The same process (unit tests opening one directory twice) is the caller's own business.
      if (holder === process.pid) return () => undefined;
      if (Number.isInteger(holder) && holder > 0 && processAlive(holder))
        throw new DataDirInUseError(
          `The embedded database in ${dir} is in use by another Yuntu process (pid ${holder}). ` +
            'The embedded database serves one process only: stop the other process, give this one its own ' +
            'YUNTU_DATA_DIR, or set DATABASE_URL to a PostgreSQL database to run several replicas.',
        );
      fs.rmSync(lockPath, { force: true });
    }
  }
  throw new DataDirInUseError(`The embedded database in ${dir} could not be locked (${lockPath})`);
}

export class DataDirInUseError extends Error {
  override name = 'DataDirInUseError';
}

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    // EPERM: it exists, as another user's process.
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * PGlite is one in-process Postgres session: two interleaved transactions would share it. Everything goes
 * through one queue, so a transaction owns the session until it ends.
 */
class Mutex {
  private tail: Promise<unknown> = Promise.resolve();
  run<T>(fn: () => Promise<T>): Promise<T> {
    const next = this.tail.then(fn, fn);
    this.tail = next.catch(() => undefined);
    return next;
  }
}

async function openPglite(dir: string): Promise<Db> {
  const { PGlite } = await import('@electric-sql/pglite');
  fs.mkdirSync(dir, { recursive: true });
  const release = dir === ':memory:' ? () => undefined : lockDataDir(dir);
  const pg = await PGlite.create(dir === ':memory:' ? undefined : dir);
  const lock = new Mutex();
  const raw: Queryable = {
    async query<T>(sql: string, params: unknown[] = []) {
      counted();
      const r = await pg.query<T>(sql, params);
      return r.rows;
    },
  };
  return {
    dialect: 'pglite',
    query: (sql, params) => lock.run(() => raw.query(sql, params)),
    tx: (fn) =>
      lock.run(async () => {
        await pg.exec('BEGIN');
        try {
          const result = await fn(raw);
          await pg.exec('COMMIT');
          return result;
        } catch (e) {
          await pg.exec('ROLLBACK');
          throw e;
        }
      }),
    // One process, one session: PGlite delivers the NOTIFYs of its own session in-process, at commit.
    listen: async (channel, onPayload) => {
      const unlisten = await lock.run(() => pg.listen(channel, onPayload));
      return () => lock.run(() => unlisten());
    },
    close: () =>
      lock.run(async () => {
        await pg.close();
        release();
      }),
  };
}

async function openPostgres(url: string): Promise<Db> {
  const { default: pgModule } = await import('pg');
  // Dates and bigints come back as strings; callers convert where they need numbers.
  const pool = new pgModule.Pool({ connectionString: url, max: 10 });
  return {
    dialect: 'postgres',
    async query<T>(sql: string, params: unknown[] = []) {
      counted();
      const r = await pool.query(sql, params);
      return r.rows as T[];
    },
    listen: (channel, onPayload, onResume) => listenPostgres(pgModule, url, channel, onPayload, onResume),
    async tx(fn) {
      const client = await pool.connect();
      try {
        await client.query('BEGIN');
        const q: Queryable = {
          async query<T>(sql: string, params: unknown[] = []) {
            counted();
            const r = await client.query(sql, params);
            return r.rows as T[];
          },
        };
        const result = await fn(q);
        await client.query('COMMIT');
        return result;
      } catch (e) {
        await client.query('ROLLBACK').catch(() => undefined);
        throw e;
      } finally {
        client.release();
      }
    },
    close: () => pool.end(),
  };
}

/**
 * LISTEN on a connection of its own (a pooled one would be handed to other queries). After an error or a lost
 * connection it reconnects with a growing pause (at most 5 s) and calls `onResume`, so the caller can catch up.
 */
async function listenPostgres(
  pgModule: { Client: typeof import('pg').Client },
  url: string,
  channel: string,
  onPayload: (payload: string) => void,
  onResume?: () => void,
): Promise<() => Promise<void>> {
  let stopped = false;
  let client: import('pg').Client | undefined;
  let pause = 100;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const connect = async (first: boolean): Promise<void> => {
    const c = new pgModule.Client({ connectionString: url });
    const retry = () => {
      if (stopped || client !== c) return;
      client = undefined;
      c.end().catch(() => undefined);
      timer = setTimeout(() => void connect(false).catch(() => undefined), pause);
      pause = Math.min(pause * 2, 5000);
    };
    client = c;
    c.on('error', retry);
    c.on('end', retry);
    c.on('notification', (n) => {
      if (n.channel === channel) onPayload(n.payload ?? '');
    });
    try {
      await c.connect();
      await c.query(`LISTEN ${pgIdent(channel)}`);
      pause = 100;
      if (!first) onResume?.();
    } catch (e) {
      if (first) {
        client = undefined;
        c.end().catch(() => undefined);
        throw e;
      }
      retry();
    }
  };
  await connect(true);
  return async () => {
    stopped = true;
    if (timer) clearTimeout(timer);
    const c = client;
    client = undefined;
    await c?.end().catch(() => undefined);
  };
}

const pgIdent = (name: string) => `"${name.replace(/"/g, '""')}"`;

async function migrate(db: Db): Promise<void> {
  await db.query(
    `CREATE TABLE IF NOT EXISTS schema_migrations (id text PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())`,
  );
  await db.tx(async (q) => {
    // Two console instances starting at once on one server: only one applies migrations.
    if (db.dialect === 'postgres') await q.query('SELECT pg_advisory_xact_lock(727274)');
    const done = new Set((await q.query<{ id: string }>('SELECT id FROM schema_migrations')).map((r) => r.id));
    for (const m of migrations) {
      if (done.has(m.id)) continue;
      for (const statement of m.sql) await q.query(statement);
      await q.query('INSERT INTO schema_migrations (id) VALUES ($1)', [m.id]);
    }
  });
}

export async function openDb(options: { url?: string; dir?: string } = {}): Promise<Db> {
  const url = options.url ?? config().DATABASE_URL;
  const db = url ? await openPostgres(url) : await openPglite(options.dir ?? path.join(config().dataDir, 'pg'));
  await migrate(db);
  return db;
}

const globalForDb = globalThis as unknown as { yuntuDb?: Promise<Db> };

/** The process-wide database, opened and migrated on first use (shared by every route module). */
export function getDb(): Promise<Db> {
  globalForDb.yuntuDb ??= openDb().catch((e) => {
    globalForDb.yuntuDb = undefined;
    throw e;
  });
  return globalForDb.yuntuDb;
}

/** For tests: use this database instead of the configured one. */
export function setDb(db: Db | undefined): void {
  globalForDb.yuntuDb = db ? Promise.resolve(db) : undefined;
}
