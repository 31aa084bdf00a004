import 'server-only';
import { config } from '../config';
import { getDb, type Queryable } from '../db/client';
import { CloudError } from '../providers/errors';

interface LimitRow {
  key: string;
  failures: number;
  window_start: Date;
  locked_until: Date | null;
  updated_at: Date;
}

/** What a sign-in attempt holds while its password is checked; `settle` says how it ended. */
export interface SignInReservation {
  settle(outcome: 'success' | 'wrong_credentials' | 'other_error'): Promise<void>;
}

const userKey = (name: string) => `user:${name.trim().toLowerCase().slice(0, 255)}`;
const clientKey = (address: string) => `client:${address.slice(0, 64)}`;
const secondsUntil = (at: Date, now: Date) => Math.max(1, Math.ceil((at.getTime() - now.getTime()) / 1000));

/** The lockout after `failures` failed attempts: none below the budget, then base × 2^(over budget), capped. */
export function lockoutSeconds(failures: number, c = config()): number {
  if (failures < c.SIGN_IN_USER_MAX_FAILURES) return 0;
  return Math.min(
    c.SIGN_IN_LOCKOUT_SECONDS * 2 ** (failures - c.SIGN_IN_USER_MAX_FAILURES),
    c.SIGN_IN_LOCKOUT_MAX_SECONDS,
  );
}

/**
 * Takes one attempt from the budgets of the user name and of the client address, before any password hash is
 * computed (scrypt costs memory and time a guesser should not get for free). The attempt is counted as a failure
 * up front, inside a transaction that locks both rows, so a burst of concurrent guesses cannot all pass the check
 * before the first is counted; `settle('success')` then clears the user name's count and gives the client's back,
 * so successful sign-ins are never counted. Over budget: 429 with Retry-After, the hash never runs.
 *
 * - per user name: SIGN_IN_USER_MAX_FAILURES failures within SIGN_IN_WINDOW_SECONDS lock the name for
 *   SIGN_IN_LOCKOUT_SECONDS, doubling with each failure after the lockout, up to SIGN_IN_LOCKOUT_MAX_SECONDS.
 *   The lock is set when the last allowed attempt starts (and lifted if it succeeds), so no guess runs beside it.
 *   After the lockout one attempt at a time is allowed; a correct password clears everything.
 * - per client address: SIGN_IN_CLIENT_MAX_FAILURES failures per window, whatever the user names (unknown ones
 *   too), which bounds password spraying across many names.
 */
export async function reserveSignIn(userName: string, client: string, now = new Date()): Promise<SignInReservation> {
  const c = config();
  const windowMs = c.SIGN_IN_WINDOW_SECONDS * 1000;
  const uKey = userKey(userName);
  const cKey = clientKey(client);
  const db = await getDb();

  const lockedUntil = await db.tx(async (q) => {
    // Both rows exist before they are locked: FOR UPDATE on a missing row locks nothing, and two first attempts
    // on PostgreSQL would then both count from zero.
    for (const key of [cKey, uKey])
      await q.query(
        'INSERT INTO sign_in_limits (key, failures, window_start, updated_at) VALUES ($1, 0, $2, $2) ON CONFLICT (key) DO NOTHING',
        [key, now],
      );
    const [clientRow] = await q.query<LimitRow>('SELECT * FROM sign_in_limits WHERE key = $1 FOR UPDATE', [cKey]);
    const [userRow] = await q.query<LimitRow>('SELECT * FROM sign_in_limits WHERE key = $1 FOR UPDATE', [uKey]);

    const clientWindowOpen = clientRow && now.getTime() - new Date(clientRow.window_start).getTime() < windowMs;
    if (clientWindowOpen && clientRow.failures >= c.SIGN_IN_CLIENT_MAX_FAILURES) {
      const ends = new Date(new Date(clientRow.window_start).getTime() + windowMs);
      throw limited(
        `too many failed sign-ins from this address; try again in ${secondsUntil(ends, now)} s`,
        secondsUntil(ends, now),
      );
    }
    if (userRow?.locked_until && new Date(userRow.locked_until) > now) {
      const wait = secondsUntil(new Date(userRow.locked_until), now);
      throw limited(`too many failed sign-ins for this user name; try again in ${wait} s`, wait);
    }

    // Below the budget, failures older than the window are forgiven; after a lockout they are remembered,
    // so the next lockout is longer.
    const stale =
      userRow && !userRow.locked_until && now.getTime() - new Date(userRow.updated_at).getTime() >= windowMs;
    const userFailures = (userRow && !stale ? userRow.failures : 0) + 1;
    const lock = lockoutSeconds(userFailures, c);
    const userLockedUntil = lock ? new Date(now.getTime() + lock * 1000) : null;
    await upsert(q, uKey, userFailures, userRow && !stale ? new Date(userRow.window_start) : now, userLockedUntil, now);
    await upsert(
      q,
      cKey,
      (clientWindowOpen ? clientRow.failures : 0) + 1,
      clientWindowOpen ? new Date(clientRow.window_start) : now,
      null,
      now,
    );
    return userLockedUntil;
  });
  // Rows of windows long gone are swept now and then rather than by a timer.
  if (Math.random() < 0.02)
    await db.query('DELETE FROM sign_in_limits WHERE (locked_until IS NULL AND updated_at < $1) OR locked_until < $2', [
      new Date(now.getTime() - windowMs),
      new Date(now.getTime() - 24 * 3600 * 1000),
    ]);

  return {
    async settle(outcome) {
      if (outcome === 'wrong_credentials') return;
      await db.tx(async (q) => {
        await q.query('UPDATE sign_in_limits SET failures = GREATEST(failures - 1, 0) WHERE key = $1', [cKey]);
        if (outcome === 'success') await q.query('DELETE FROM sign_in_limits WHERE key = $1', [uKey]);
        // The backend failed (unavailable, time-out): not the caller's guess, so the attempt is given back,
        // with the lock this attempt set when it was the last of the budget.
        else
          await q.query(
            `UPDATE sign_in_limits SET failures = GREATEST(failures - 1, 0),
               locked_until = CASE WHEN locked_until = $2 THEN NULL ELSE locked_until END WHERE key = $1`,
            [uKey, lockedUntil],
          );
      });
    },
  };
}

async function upsert(
  q: Queryable,
  key: string,
  failures: number,
  windowStart: Date,
  lockedUntil: Date | null,
  now: Date,
) {
  await q.query(
    `INSERT INTO sign_in_limits (key, failures, window_start, locked_until, updated_at) VALUES ($1, $2, $3, $4, $5)
     ON CONFLICT (key) DO UPDATE SET failures = $2, window_start = $3, locked_until = $4, updated_at = $5`,
    [key, failures, windowStart, lockedUntil, now],
  );
}

function limited(message: string, retryAfter: number): CloudError {
  return new CloudError('rate_limited', message, undefined, undefined, retryAfter);
}
