import 'server-only';
import { createHash, randomBytes } from 'node:crypto';
import type { Role } from '@/lib/contract/auth';
import { config } from '../config';
import { getDb } from '../db/client';
import type { Principal } from '../providers/types';
import { open, seal } from './secret-box';

export const sessionCookie = 'yuntu_session';
const hash = (token: string) => createHash('sha256').update(token).digest('hex');

export interface Session {
  principal: Principal;
  expiresAt: Date;
  tokenHash: string;
}

/** Issues the console's own opaque token; only its hash is stored, so a database leak reveals no session. */
export async function issueToken(principal: Principal): Promise<{ token: string; expiresAt: Date }> {
  const token = randomBytes(32).toString('base64url');
  const expiresAt = new Date(Date.now() + config().TOKEN_TTL_SECONDS * 1000);
  const db = await getDb();
  await db.query(
    `INSERT INTO tokens (token_hash, user_id, user_name, project_id, project_name, roles, backend_token, expires_at, read_only)
     VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9)`,
    [
      hash(token),
      principal.userId,
      principal.userName,
      principal.projectId,
      principal.projectName,
      JSON.stringify(principal.roles),
      principal.backendToken ? seal(principal.backendToken) : null,
      expiresAt,
      principal.readOnly === true,
    ],
  );
  // Expired tokens are swept now and then rather than by a timer.
  if (Math.random() < 0.05) await db.query('DELETE FROM tokens WHERE expires_at < now()');
  return { token, expiresAt };
}

export async function findSession(token: string): Promise<Session | null> {
  if (!token || token.length > 256) return null;
  const db = await getDb();
  const rows = await db.query<{
    token_hash: string;
    user_id: string;
    user_name: string;
    project_id: string;
    project_name: string;
    roles: Role[];
    backend_token: string | null;
    expires_at: Date;
    read_only: boolean;
  }>('SELECT * FROM tokens WHERE token_hash = $1 AND expires_at > now()', [hash(token)]);
  const r = rows[0];
  if (!r) return null;
  // The backend credential is encrypted at rest; one sealed with another key (YUNTU_SECRET_KEY changed) ends the session.
  const backendToken = r.backend_token ? open(r.backend_token) : null;
  if (r.backend_token && backendToken === null) return null;
  return {
    tokenHash: r.token_hash,
    expiresAt: new Date(r.expires_at),
    principal: {
      userId: r.user_id,
      userName: r.user_name,
      projectId: r.project_id,
      projectName: r.project_name,
      roles: r.roles,
      ...(r.read_only ? { readOnly: true } : {}),
      ...(backendToken ? { backendToken } : {}),
    },
  };
}

export async function revokeToken(token: string): Promise<boolean> {
  const db = await getDb();
  const rows = await db.query('DELETE FROM tokens WHERE token_hash = $1 RETURNING token_hash', [hash(token)]);
  return rows.length > 0;
}

/** The token of a request: the X-Auth-Token header (API callers) or the session cookie (the browser). */
export function tokenOf(request: Request): string | null {
  const header = request.headers.get('x-auth-token');
  if (header) return header.trim();
  const cookie = request.headers.get('cookie') ?? '';
  for (const part of cookie.split(';')) {
    const [k, ...v] = part.trim().split('=');
    if (k !== sessionCookie) continue;
    // A value that does not decode is no token of ours: the caller gets 401, not a 500.
    try {
      return decodeURIComponent(v.join('='));
    } catch {
      return v.join('=');
    }
  }
  return null;
}

export function sessionCookieHeader(token: string, expiresAt: Date, secure: boolean): string {
  return `${sessionCookie}=${encodeURIComponent(token)}; Path=/; HttpOnly; SameSite=Lax; Expires=${expiresAt.toUTCString()}${secure ? '; Secure' : ''}`;
}
export const clearSessionCookieHeader = () => `${sessionCookie}=; Path=/; HttpOnly; SameSite=Lax; Max-Age=0`;
