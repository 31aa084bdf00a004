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
  close(): Promise<void>;
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
  const pg = await PGlite.create(dir === ':memory:' ? undefined : dir);
  const lock = new Mutex();
  const raw: Queryable = {
    async query<T>(sql: string, params: unknown[] = []) {
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
    close: () => lock.run(() => pg.close()),
  };
}

async function openPostgres(url: string): Promise<Db> {
  const { default: pgModule } = await import('pg');
  // Dates and bigints come back as strings; callers convert where they need numbers.
  const pool = new pgModule.Pool({ connectionString: url, max: 10 });
  return {
    dialect: 'postgres',
    async query<T>(sql: string, params: unknown[] = []) {
      const r = await pool.query(sql, params);
      return r.rows as T[];
    },
    async tx(fn) {
      const client = await pool.connect();
      try {
        await client.query('BEGIN');
        const q: Queryable = {
          async query<T>(sql: string, params: unknown[] = []) {
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
