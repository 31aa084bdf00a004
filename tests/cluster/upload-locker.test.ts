import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { PgLocker } from '@/server/services/upload-locker';

/**
 * The tus locker on the cluster's PostgreSQL, with two lockers standing for two replicas: the lock excludes across
 * them, a waiter asks the holder to let go, and a holder whose connection dies frees the lock.
 */
const url = process.env.DATABASE_URL!;
const a = new PgLocker(url, 5000);
const b = new PgLocker(url, 5000);

afterAll(async () => {
  await a.close();
  await b.close();
});

const never = () => new AbortController().signal;

describe('PgLocker', () => {
  it('makes a second replica wait, and asks the first to release', async () => {
    const id = `lock-${Date.now()}`;
    const held = a.newLock(id);
    let asked = 0;
    await held.lock(never(), async () => {
      asked++;
      // What tus does on a release request: cancel the request, whose handler then unlocks.
      setTimeout(() => void held.unlock(), 200);
    });
    const began = Date.now();
    const second = b.newLock(id);
    await second.lock(never(), () => undefined);
    expect(asked).toBe(1);
    expect(Date.now() - began).toBeGreaterThanOrEqual(150);
    expect(Date.now() - began).toBeLessThan(4000);
    await second.unlock();
  });

  it('times out a waiter whose holder does not let go, and lets it through once the holder is gone', async () => {
    const id = `stuck-${Date.now()}`;
    const held = a.newLock(id);
    await held.lock(never(), () => undefined);
    await expect(b.newLock(id).lock(never(), () => undefined)).rejects.toMatchObject({ status_code: 500 });
    // The holder's process dies: PostgreSQL ends its session, and the lock with it.
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    try {
      await admin.query(
        `SELECT pg_terminate_backend(l.pid) FROM pg_locks l WHERE l.locktype = 'advisory' AND l.classid = 727275 AND l.objid = hashtext($1)::oid`,
        [id],
      );
    } finally {
      await admin.end();
    }
    const again = b.newLock(id);
    await again.lock(never(), () => undefined);
    await again.unlock();
    // tus unlocks when its request ends: on a dead connection that closes it instead of returning it to the pool.
    await held.unlock();
  }, 20_000);

  it('gives up waiting when the request is aborted', async () => {
    const id = `abort-${Date.now()}`;
    const held = a.newLock(id);
    await held.lock(never(), () => undefined);
    const ctl = new AbortController();
    setTimeout(() => ctl.abort(), 300);
    const began = Date.now();
    await expect(b.newLock(id).lock(ctl.signal, () => undefined)).rejects.toBeTruthy();
    expect(Date.now() - began).toBeLessThan(2000);
    await held.unlock();
  });
});
