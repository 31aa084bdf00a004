import 'server-only';
import { createHash, randomBytes } from 'node:crypto';
import { config } from '../config';
import { getDb } from '../db/client';
import { open, seal } from './secret-box';

/**
 * The one live set-up link of each user (table user_setup_links): the SHA-256 of its token, never the token, and
 * the random password the console set in the backend, sealed with secret-box.ts. A copy of the database alone gives
 * neither a usable link nor the password.
 */
const hash = (token: string) => createHash('sha256').update(token).digest('hex');

/** What consuming a link needs: whose it is and the password the console set for them. */
export interface ClaimedLink {
  userId: string;
  userName: string;
  password: string;
  /** Puts the link back as it was (the backend failed after the claim: the link must not be lost to that). */
  restore(): Promise<void>;
}

/** A password nobody is told: 32 characters of 192 random bits, within every password policy the console applies. */
export const unknownPassword = () => randomBytes(24).toString('base64url');

/**
 * Stores a fresh link for the user, replacing any older one (which stops working at once), and answers its token
 * and expiry: the only moment the token exists outside the holder's hands.
 */
export async function storeSetupLink(
  userId: string,
  userName: string,
  password: string,
): Promise<{ token: string; expiresAt: Date }> {
  const token = randomBytes(32).toString('base64url');
  const expiresAt = new Date(Date.now() + config().YUNTU_SETUP_LINK_TTL_SECONDS * 1000);
  const db = await getDb();
  await db.query(
    `INSERT INTO user_setup_links (user_id, user_name, token_hash, sealed_password, expires_at) VALUES ($1, $2, $3, $4, $5)
     ON CONFLICT (user_id) DO UPDATE SET user_name = $2, token_hash = $3, sealed_password = $4, expires_at = $5, created_at = now()`,
    [userId, userName, hash(token), seal(password), expiresAt],
  );
  // Links of windows long gone are swept now and then rather than by a timer.
  if (Math.random() < 0.05) await db.query('DELETE FROM user_setup_links WHERE expires_at < now()');
  return { token, expiresAt };
}

interface LinkRow {
  user_id: string;
  user_name: string;
  token_hash: string;
  sealed_password: string;
  expires_at: Date;
}

/** The live link of this token, without using it up (to check the chosen password against the user name first). */
export async function peekSetupLink(token: string): Promise<{ userId: string; userName: string } | null> {
  const db = await getDb();
  const [row] = await db.query<LinkRow>(
    'SELECT user_id, user_name FROM user_setup_links WHERE token_hash = $1 AND expires_at > now()',
    [hash(token)],
  );
  return row ? { userId: row.user_id, userName: row.user_name } : null;
}

/**
 * Uses the link up: its row is deleted in the same statement that finds it, so of two concurrent uses only one
 * gets it. Null for an unknown, expired or already used token (and for one sealed under another key).
 */
export async function claimSetupLink(token: string): Promise<ClaimedLink | null> {
  const db = await getDb();
  const [row] = await db.query<LinkRow>(
    'DELETE FROM user_setup_links WHERE token_hash = $1 AND expires_at > now() RETURNING *',
    [hash(token)],
  );
  if (!row) return null;
  const password = open(row.sealed_password);
  if (password === null) return null;
  return {
    userId: row.user_id,
    userName: row.user_name,
    password,
    restore: async () => {
      // Unless an administrator issued a newer link meanwhile: that one wins.
      await db.query(
        `INSERT INTO user_setup_links (user_id, user_name, token_hash, sealed_password, expires_at) VALUES ($1, $2, $3, $4, $5)
         ON CONFLICT (user_id) DO NOTHING`,
        [row.user_id, row.user_name, row.token_hash, row.sealed_password, row.expires_at],
      );
    },
  };
}

/** The user's link stops working: their password was reset (the sealed one is no longer theirs) or they are gone. */
export async function dropSetupLink(userId: string): Promise<void> {
  const db = await getDb();
  await db.query('DELETE FROM user_setup_links WHERE user_id = $1', [userId]);
}

/** A renamed user's link signs in with the new name. */
export async function renameSetupLink(userId: string, userName: string): Promise<void> {
  const db = await getDb();
  await db.query('UPDATE user_setup_links SET user_name = $2 WHERE user_id = $1', [userId, userName]);
}
