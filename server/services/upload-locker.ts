import 'server-only';
import { ERRORS, type Lock, type Locker, type RequestRelease } from '@tus/server';
import pg from 'pg';
import { log } from '../log';

/**
 * A tus `Locker` that every console replica on one PostgreSQL honours: the lock of an upload is a session-level
 * advisory lock (`pg_try_advisory_lock(namespace, hashtext(upload id))`) held on a connection of its own for as long
 * as the request that took it runs. PostgreSQL drops it when that connection ends, so a replica killed with -9 (its
 * socket closed by the kernel) frees its uploads at once and another replica can resume them.
 *
 * tus asks a holder to let go when a new request wants the same upload (a client that resumes after a cut-off
 * PATCH whose request the server still runs): the waiting replica sends `NOTIFY yuntu_tus_release, '<upload id>'`,
 * and the replica holding that upload's lock — this one or another — cancels its request, which unlocks.
 *
 * Two upload ids may share a hash: they then only wait for each other (the release is asked by exact id).
 */
const namespace = 727275;
const releaseChannel = 'yuntu_tus_release';
/** How often a waiter tries again (and repeats its release request, in case the holder had not taken it yet). */
const retryMs = 100;

export class PgLocker implements Locker {
  private readonly pool: pg.Pool;
  /** Locks this process holds, by upload id: where a release request for that id goes. */
  readonly held = new Map<string, RequestRelease>();
  private listener: Promise<pg.Client> | undefined;

  constructor(
    private readonly url: string,
    private readonly acquireTimeoutMs = 30_000,
  ) {
    // One connection per lock held or awaited: session-level advisory locks belong to the connection that took them.
    this.pool = new pg.Pool({ connectionString: url, max: 50, idleTimeoutMillis: 10_000 });
    this.pool.on('error', (e) => log.warn({ err: e }, 'upload lock connection failed'));
  }

  newLock(id: string): Lock {
    return new PgLock(id, this, this.acquireTimeoutMs);
  }

  /** The LISTEN connection, opened on first use and reopened when it drops. */
  listen(): Promise<pg.Client> {
    this.listener ??= (async () => {
      const c = new pg.Client({ connectionString: this.url });
      const reopen = () => {
        this.listener = undefined;
        c.end().catch(() => undefined);
      };
      c.on('error', (e) => {
        log.warn({ err: e }, 'upload lock listener failed');
        reopen();
      });
      c.on('end', reopen);
      c.on('notification', (n) => {
        if (n.channel !== releaseChannel || !n.payload) return;
        const release = this.held.get(n.payload);
        if (release) Promise.resolve(release()).catch(() => undefined);
      });
      await c.connect();
      await c.query(`LISTEN ${releaseChannel}`);
      return c;
    })().catch((e: unknown) => {
      this.listener = undefined;
      throw e;
    });
    return this.listener;
  }

  connect(): Promise<pg.PoolClient> {
    return this.pool.connect();
  }

  async askRelease(id: string): Promise<void> {
    await this.pool.query('SELECT pg_notify($1, $2)', [releaseChannel, id]);
  }

  async close(): Promise<void> {
    const l = this.listener;
    this.listener = undefined;
    if (l) await (await l).end().catch(() => undefined);
    await this.pool.end();
  }
}

class PgLock implements Lock {
  private conn: pg.PoolClient | undefined;
  private forget: () => void = () => undefined;

  constructor(
    private readonly id: string,
    private readonly locker: PgLocker,
    private readonly timeoutMs: number,
  ) {}

  async lock(signal: AbortSignal, requestRelease: RequestRelease): Promise<void> {
    // Listen before taking anything, so a release request sent right after we hold the lock is not missed.
    await this.locker.listen();
    const deadline = Date.now() + this.timeoutMs;
    const conn = await this.locker.connect();
    // A checked-out connection's failure (PostgreSQL restarted, the session ended) is its own event: unhandled, it
    // would end the process. The lock is gone with the session; unlock() then closes the connection.
    const onError = (e: Error) => log.warn({ err: e, upload: this.id }, 'upload lock connection lost');
    conn.on('error', onError);
    // Pooled connections serve one lock after another: each lock takes its listener away with it.
    this.forget = () => conn.off('error', onError);
    let asked = 0;
    try {
      for (;;) {
        if (signal.aborted) throw ERRORS.ERR_LOCK_TIMEOUT;
        const [row] = (
          await conn.query<{ ok: boolean }>('SELECT pg_try_advisory_lock($1, hashtext($2)) AS ok', [namespace, this.id])
        ).rows;
        if (row?.ok) {
          this.conn = conn;
          this.locker.held.set(this.id, requestRelease);
          return;
        }
        if (Date.now() > deadline) throw ERRORS.ERR_LOCK_TIMEOUT;
        // Ask at once, then every second: the holder may have been between requests the first time.
        if (Date.now() - asked > 1000) {
          asked = Date.now();
          await this.locker.askRelease(this.id);
        }
        await new Promise((r) => setTimeout(r, retryMs));
      }
    } catch (e) {
      if (!this.conn) {
        this.forget();
        // A failed query (not a time-out) may mean a broken connection: close it rather than pool it.
        conn.release(e instanceof Error ? e : undefined);
      }
      throw e;
    }
  }

  async unlock(): Promise<void> {
    const conn = this.conn;
    if (!conn) throw new Error('Releasing an unlocked lock!');
    this.conn = undefined;
    this.locker.held.delete(this.id);
    try {
      await conn.query('SELECT pg_advisory_unlock($1, hashtext($2))', [namespace, this.id]);
      this.forget();
      conn.release();
    } catch (e) {
      this.forget();
      // A connection that cannot unlock is closed instead: PostgreSQL drops its locks with it.
      conn.release(e instanceof Error ? e : true);
    }
  }
}
