import 'server-only';
import { createHash } from 'node:crypto';
import { getDb } from '../db/client';
import { conflict, invalid } from '../providers/errors';

export interface StoredReply {
  status: number;
  body: unknown;
}

const day = 24 * 3600 * 1000;

/**
 * An unanswered claim is a lease: the process answering it renews it (holdIdempotencyKey) every third of this, so a
 * claim whose process was killed (kill -9, a lost replica) expires after it and a retry runs, instead of answering
 * 409 "still being processed" for a day. Its cost: a create that reached the backend before the kill runs again.
 */
export const LEASE_MS = 30_000;

/**
 * Claims an Idempotency-Key for a principal. Returns the first answer when the same key and body came
 * before (within 24 h); throws 409 when the key came with another body or is still being answered.
 */
export async function claimIdempotencyKey(principal: string, key: string, body: string): Promise<StoredReply | null> {
  if (!/^[\w.:-]{1,128}$/.test(key))
    throw invalid('Idempotency-Key', 'must be 1-128 characters of letters, digits, . _ : -');
  const hash = createHash('sha256').update(body).digest('hex');
  const db = await getDb();
  return db.tx(async (q) => {
    await q.query(
      'DELETE FROM idempotency WHERE principal = $1 AND key = $2 AND (created_at < $3 OR (status IS NULL AND created_at < $4))',
      [principal, key, new Date(Date.now() - day), new Date(Date.now() - LEASE_MS)],
    );
    const inserted = await q.query(
      'INSERT INTO idempotency (principal, key, request_hash) VALUES ($1,$2,$3) ON CONFLICT DO NOTHING RETURNING key',
      [principal, key, hash],
    );
    if (inserted[0]) return null;
    const [row] = await q.query<{ request_hash: string; status: number | null; body: string | null }>(
      'SELECT * FROM idempotency WHERE principal = $1 AND key = $2',
      [principal, key],
    );
    if (!row) return null;
    if (row.request_hash !== hash) throw conflict('Idempotency-Key was already used with a different request body');
    if (row.status === null)
      throw conflict(
        `a request with this Idempotency-Key is still being processed; retry in ${Math.ceil(LEASE_MS / 1000)} s if it was lost`,
      );
    return { status: row.status, body: row.body ? JSON.parse(row.body) : null };
  });
}

/**
 * Keeps a claim's lease while its request runs (a long create outlives LEASE_MS); the returned function stops it.
 * `created_at` is the lease's clock until the answer is stored, then the 24 h replay window's.
 */
export function holdIdempotencyKey(principal: string, key: string): () => void {
  const timer = setInterval(() => {
    void getDb()
      .then((db) =>
        db.query('UPDATE idempotency SET created_at = now() WHERE principal = $1 AND key = $2 AND status IS NULL', [
          principal,
          key,
        ]),
      )
      .catch(() => undefined); // a missed renewal only shortens the lease; the answer is stored all the same
  }, LEASE_MS / 3);
  timer.unref();
  return () => clearInterval(timer);
}

/** Stores the answer of a claimed key; a failed attempt releases the key so the caller may retry. */
export async function settleIdempotencyKey(principal: string, key: string, reply: StoredReply | null): Promise<void> {
  const db = await getDb();
  if (!reply || reply.status >= 500) {
    await db.query('DELETE FROM idempotency WHERE principal = $1 AND key = $2', [principal, key]);
    return;
  }
  await db.query(
    'UPDATE idempotency SET status = $3, body = $4, created_at = now() WHERE principal = $1 AND key = $2',
    [principal, key, reply.status, JSON.stringify(reply.body)],
  );
}
