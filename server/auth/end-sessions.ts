import 'server-only';
import { getDb } from '../db/client';
import type { Principal } from '../providers/types';
import { open, seal } from './secret-box';

/** Which console sessions to end: every one of a user, or those scoped to one of their projects. */
export interface SessionSelector {
  userId: string;
  projectId?: string;
  /** The SHA-256 of a token to spare (the session that changed its own password goes on). */
  exceptTokenHash?: string;
}

/** A deleted session row, as `RETURNING` gives it. */
interface EndedRow {
  user_id: string;
  user_name: string;
  project_id: string;
  project_name: string;
  roles: Principal['roles'];
  backend_token: string | null;
}

/** The principal of an ended session, its backend credential opened, for the provider to revoke. */
function principalOf(r: EndedRow): Principal {
  const backendToken = r.backend_token ? open(r.backend_token) : null;
  return {
    userId: r.user_id,
    userName: r.user_name,
    projectId: r.project_id,
    projectName: r.project_name,
    roles: r.roles,
    ...(backendToken ? { backendToken } : {}),
  };
}

/**
 * Ends console sessions at once by deleting their rows: the next request with any of their tokens finds no
 * session and answers 401. Returns the principals of the ended sessions (backend credentials opened) so a
 * provider can revoke what the backend holds for them.
 */
export async function endSessions(sel: SessionSelector): Promise<Principal[]> {
  const db = await getDb();
  const rows = await db.query<EndedRow>(
    `DELETE FROM tokens WHERE user_id = $1 AND ($2::text IS NULL OR project_id = $2) AND ($3::text IS NULL OR token_hash <> $3)
     RETURNING user_id, user_name, project_id, project_name, roles, backend_token`,
    [sel.userId, sel.projectId ?? null, sel.exceptTokenHash ?? null],
  );
  return rows.map(principalOf);
}

/** Ends every console session scoped to a project (it was disabled), whoever's they are. */
export async function endProjectSessions(projectId: string): Promise<Principal[]> {
  const db = await getDb();
  const rows = await db.query<EndedRow>(
    'DELETE FROM tokens WHERE project_id = $1 RETURNING user_id, user_name, project_id, project_name, roles, backend_token',
    [projectId],
  );
  return rows.map(principalOf);
}

/**
 * Gives a live session the principal its backend issued afresh (a password change made Keystone revoke the old
 * token), so the caller's console token goes on working.
 */
export async function replaceSessionPrincipal(tokenHash: string, principal: Principal): Promise<void> {
  const db = await getDb();
  await db.query('UPDATE tokens SET roles = $2, project_name = $3, backend_token = $4 WHERE token_hash = $1', [
    tokenHash,
    JSON.stringify(principal.roles),
    principal.projectName,
    principal.backendToken ? seal(principal.backendToken) : null,
  ]);
}

/** A renamed user's sessions go on under the new name (what "who am I" and the audit log show). */
export async function renameSessions(userId: string, userName: string): Promise<void> {
  const db = await getDb();
  await db.query('UPDATE tokens SET user_name = $2 WHERE user_id = $1', [userId, userName]);
}
