import 'server-only';
import type { Project, QuotaLimits, Role, Token, TokenCreateInput, User } from '@/lib/contract/auth';
import { isoTime } from '@/lib/contract/common';
import { issueToken, revokeToken, findSession } from '../auth/tokens';
import { provider } from '../providers/registry';
import { CloudError } from '../providers/errors';
import type { Principal } from '../providers/types';
import { consumeRateLimit } from './rate-limit';
import { requireAdmin, scope, type RequestContext } from './context';

export function tokenBody(principal: Principal, expiresAt: Date): { token: Token } {
  return {
    token: {
      expires_at: isoTime(expiresAt),
      user: { id: principal.userId, name: principal.userName },
      project: { id: principal.projectId, name: principal.projectName },
      roles: principal.roles,
    },
  };
}

/** B.1.1: checks the credentials with the backend and issues the console's own token. */
export async function signIn(credentials: TokenCreateInput): Promise<{ token: string; expiresAt: Date; principal: Principal }> {
  // Guessing passwords costs the guesser: attempts per user name share one budget.
  await consumeRateLimit(`sign-in:${credentials.username.toLowerCase()}`);
  const principal = await provider().identity.authenticate(credentials);
  const { token, expiresAt } = await issueToken(principal);
  return { token, expiresAt, principal };
}

/** Re-scopes a signed-in user to another of their projects (the project switcher). */
export async function switchProject(ctx: RequestContext, projectId: string): Promise<{ token: string; expiresAt: Date; principal: Principal }> {
  const principal = await provider().identity.rescope(scope(ctx, { allProjects: false }), projectId);
  const { token, expiresAt } = await issueToken(principal);
  return { token, expiresAt, principal };
}

export async function signOut(token: string): Promise<void> {
  const session = await findSession(token);
  if (session) await provider().identity.revoke(session.principal);
  if (!(await revokeToken(token))) throw new CloudError('not_found', 'the token was not found or has already expired');
}

export async function listMyProjects(ctx: RequestContext): Promise<Project[]> {
  return provider().identity.listUserProjects(scope(ctx, { allProjects: false }));
}

export async function listProjects(ctx: RequestContext): Promise<Project[]> {
  requireAdmin(ctx, 'listing every project');
  return provider().identity.listProjects(scope(ctx));
}

export async function createProject(ctx: RequestContext, input: { name: string; description: string; quotas?: Partial<QuotaLimits> }): Promise<Project> {
  requireAdmin(ctx, 'creating projects');
  return provider().identity.createProject(scope(ctx), input);
}

export async function getProjectQuotas(ctx: RequestContext, projectId: string): Promise<QuotaLimits> {
  if (projectId !== ctx.principal.projectId) requireAdmin(ctx, "reading another project's quotas");
  return provider().identity.getQuotas(scope(ctx), projectId);
}

export async function setProjectQuotas(ctx: RequestContext, projectId: string, quotas: Partial<QuotaLimits>): Promise<QuotaLimits> {
  requireAdmin(ctx, 'setting quotas');
  return provider().identity.setQuotas(scope(ctx), projectId, quotas);
}

export async function createUser(ctx: RequestContext, input: { name: string; password: string; project_id: string; role: Role }): Promise<User> {
  requireAdmin(ctx, 'creating users');
  return provider().identity.createUser(scope(ctx), input);
}
