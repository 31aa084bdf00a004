import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it, vi } from 'vitest';

process.env.YUNTU_DATA_DIR ??= fs.mkdtempSync(path.join(os.tmpdir(), 'yuntu-idempotency-'));
const { getDb } = await import('../db/client');
const { claimIdempotencyKey, holdIdempotencyKey, settleIdempotencyKey, LEASE_MS } = await import('./idempotency');

const body = 'POST /api/v1/volumes {"size_gb":1}';
/** As if the claim had been made `ms` ago and never renewed (its process was killed). */
const age = async (key: string, ms: number) =>
  (await getDb()).query("UPDATE idempotency SET created_at = now() - $2 * interval '1 millisecond' WHERE key = $1", [
    key,
    ms,
  ]);

describe('Idempotency-Key claims', () => {
  it('answers 409 while a claim is live, and the first answer once it is settled', async () => {
    expect(await claimIdempotencyKey('u1', 'live', body)).toBeNull();
    await expect(claimIdempotencyKey('u1', 'live', body)).rejects.toThrow(/still being processed/);
    await expect(claimIdempotencyKey('u1', 'live', `${body} `)).rejects.toThrow(/different request body/);
    await settleIdempotencyKey('u1', 'live', { status: 202, body: { id: 'v-1' } });
    expect(await claimIdempotencyKey('u1', 'live', body)).toEqual({ status: 202, body: { id: 'v-1' } });
  });

  it('lets a retry run once a claim its process no longer renews is older than the lease', async () => {
    expect(await claimIdempotencyKey('u1', 'killed', body)).toBeNull();
    await age('killed', LEASE_MS - 5000);
    await expect(claimIdempotencyKey('u1', 'killed', body), 'within the lease').rejects.toThrow(/still being/);
    await age('killed', LEASE_MS + 1000);
    expect(await claimIdempotencyKey('u1', 'killed', body), 'the lease ran out: the retry claims it').toBeNull();
    await expect(claimIdempotencyKey('u1', 'killed', body), 'and holds it').rejects.toThrow(/still being/);
  });

  it('keeps a settled answer past the lease (only unanswered claims expire early)', async () => {
    expect(await claimIdempotencyKey('u1', 'answered', body)).toBeNull();
    await settleIdempotencyKey('u1', 'answered', { status: 201, body: { id: 'x' } });
    await age('answered', LEASE_MS * 10);
    expect(await claimIdempotencyKey('u1', 'answered', body)).toEqual({ status: 201, body: { id: 'x' } });
  });

  it('renews the lease of a long request while it runs', async () => {
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval'] });
    try {
      expect(await claimIdempotencyKey('u1', 'long', body)).toBeNull();
      const release = holdIdempotencyKey('u1', 'long');
      await age('long', LEASE_MS + 1000);
      vi.advanceTimersByTime(LEASE_MS / 3);
      // The renewal is a query of its own: wait until it has landed.
      const db = await getDb();
      await vi.waitFor(async () => {
        const [row] = await db.query<{ fresh: boolean }>(
          "SELECT created_at > now() - interval '5 seconds' AS fresh FROM idempotency WHERE key = 'long'",
        );
        expect(row?.fresh).toBe(true);
      });
      release();
      await expect(claimIdempotencyKey('u1', 'long', body), 'renewed: still held').rejects.toThrow(/still being/);
    } finally {
      vi.useRealTimers();
    }
  });
});
