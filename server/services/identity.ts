import 'server-only';
import type {
  PasswordChangeInput,
  Project,
  QuotaLimits,
  Role,
  Token,
  TokenCreateInput,
  User,
} from '@/lib/contract/auth';
import { isoTime } from '@/lib/contract/common';
import { issueToken, revokeToken, findSession } from '../auth/tokens';
import { endProjectSessions, endSessions, replaceSessionPrincipal } from '../auth/end-sessions';
import { dropSetupLink } from '../auth/setup-link-store';
import { purgeSummaries } from './project-purge';
import { provider } from '../providers/registry';
import { CloudError, conflict, invalid, isCloudError } from '../providers/errors';
import type { Principal } from '../providers/types';
import { reserveSignIn } from './sign-in-limits';
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

/**
 * B.1.1: checks the credentials with the backend and issues the console's own token. The failed-attempt budgets
 * of the user name and of the client address (sign-in-limits.ts) are taken before the backend or the password
 * hash is asked anything.
 */
export async function signIn(
  credentials: TokenCreateInput,
  clientAddress: string,
): Promise<{ token: string; expiresAt: Date; principal: Principal }> {
  const attempt = await reserveSignIn(credentials.username, clientAddress);
  let principal: Principal;
  try {
    principal = await provider().identity.authenticate(credentials);
  } catch (e) {
    await attempt.settle(isCloudError(e) && e.kind === 'unauthorized' ? 'wrong_credentials' : 'other_error');
    throw e;
  }
  await attempt.settle('success');
  const { token, expiresAt } = await issueToken(principal);
  return { token, expiresAt, principal };
}

/** Re-scopes a signed-in user to another of their projects (the project switcher). */
export async function switchProject(
  ctx: RequestContext,
  projectId: string,
): Promise<{ token: string; expiresAt: Date; principal: Principal }> {
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
  const projects = await provider().identity.listProjects(scope(ctx));
  // A project being emptied (or whose emptying failed) shows its task's progress.
  const purges = await purgeSummaries(ctx);
  return projects.map((p) => {
    const t = purges.get(p.id);
    return t
      ? { ...p, purge: { status: t.status, done: t.done, total: t.total, ...(t.error ? { error: t.error } : {}) } }
      : p;
  });
}

export async function updateProject(
  ctx: RequestContext,
  projectId: string,
  input: { name?: string; description?: string },
): Promise<Project> {
  requireAdmin(ctx, 'changing projects');
  return provider().identity.updateProject(scope(ctx), projectId, input);
}

/**
 * Disabling a project ends every console session in it at once (their next request is 401) and keeps its members
 * from signing in to it; the session's own project cannot be disabled, or the administrator would lock themself out.
 */
export async function setProjectEnabled(
  ctx: RequestContext,
  projectId: string,
  enabled: boolean,
): Promise<{ project: Project; ended_sessions: number }> {
  requireAdmin(ctx, enabled ? 'enabling projects' : 'disabling projects');
  if (!enabled && projectId === ctx.principal.projectId)
    throw conflict(
      `project ${ctx.principal.projectName} is the one this session works in: switch to another project to disable it`,
    );
  const project = await provider().identity.setProjectEnabled(scope(ctx), projectId, enabled);
  if (enabled) return { project, ended_sessions: 0 };
  const ended = await endProjectSessions(projectId);
  await revokeBackendSessions(ended);
  return { project, ended_sessions: ended.length };
}

export async function getDefaultQuotas(ctx: RequestContext): Promise<QuotaLimits> {
  requireAdmin(ctx, 'reading the default quotas');
  return provider().identity.getDefaultQuotas(scope(ctx));
}

export async function setDefaultQuotas(ctx: RequestContext, quotas: Partial<QuotaLimits>): Promise<QuotaLimits> {
  requireAdmin(ctx, 'setting the default quotas');
  return provider().identity.setDefaultQuotas(scope(ctx), quotas);
}

export async function createProject(
  ctx: RequestContext,
  input: { name: string; description: string; quotas?: Partial<QuotaLimits> },
): Promise<Project> {
  requireAdmin(ctx, 'creating projects');
  return provider().identity.createProject(scope(ctx), input);
}

/** Removes an emptied project; the console will not remove the project it is signed in to. */
export async function deleteProject(ctx: RequestContext, projectId: string): Promise<void> {
  requireAdmin(ctx, 'deleting projects');
  if (projectId === ctx.principal.projectId)
    throw conflict(`project ${projectId} is the one this session works in: switch to another project first`);
  await provider().identity.deleteProject(scope(ctx), projectId);
}

export async function getProjectQuotas(ctx: RequestContext, projectId: string): Promise<QuotaLimits> {
  if (projectId !== ctx.principal.projectId) requireAdmin(ctx, "reading another project's quotas");
  return provider().identity.getQuotas(scope(ctx), projectId);
}

export async function setProjectQuotas(
  ctx: RequestContext,
  projectId: string,
  quotas: Partial<QuotaLimits>,
): Promise<QuotaLimits> {
  requireAdmin(ctx, 'setting quotas');
  await refuseBelowUsage(ctx, projectId, quotas);
  return provider().identity.setQuotas(scope(ctx), projectId, quotas);
}

/** What each quota counts, for the refusal's sentence ("3 servers already exist"). */
const usageNoun: Record<keyof QuotaLimits, [one: string, many: string]> = {
  instances: ['server', 'servers'],
  vcpus: ['vCPU is', 'vCPUs are'],
  ram_mb: ['MiB of RAM is', 'MiB of RAM is'],
  volumes: ['volume', 'volumes'],
  volume_gb: ['GB of volumes is', 'GB of volumes is'],
  floating_ips: ['floating IP', 'floating IPs'],
  public_ips: ['public IP', 'public IPs'],
  security_groups: ['security group', 'security groups'],
};

/**
 * A limit below what the project already uses is refused, naming each such field: the backends accept it (Nova and
 * Cinder without their `force`, the simulator always) and leave the project over its quota, where nothing new can be
 * made and nothing says why. The usage is the provider's own B.5/B.6 answer for that project, read just before; a
 * resource made between the read and the write can still slip past (the backends have no compare-and-set on quotas).
 */
async function refuseBelowUsage(ctx: RequestContext, projectId: string, quotas: Partial<QuotaLimits>): Promise<void> {
  const keys = Object.keys(quotas) as (keyof QuotaLimits)[];
  if (keys.length === 0) return;
  const pctx = { ...scope(ctx, { allProjects: false }), projectId };
  const needsCompute = keys.some((k) => k !== 'volumes' && k !== 'volume_gb');
  const needsVolume = keys.includes('volumes') || keys.includes('volume_gb');
  const [c, v] = await Promise.all([
    needsCompute ? provider().quotas.compute(pctx, { scope: 'project' }) : undefined,
    needsVolume ? provider().quotas.volume(pctx, { scope: 'project' }) : undefined,
  ]);
  const used: Partial<Record<keyof QuotaLimits, number | undefined>> = {
    instances: c?.used_instances,
    vcpus: c?.used_vcpus,
    ram_mb: c?.used_memory_mb,
    floating_ips: c?.used_floating_ips,
    public_ips: c?.used_public_ips,
    security_groups: c?.used_security_groups,
    volumes: v?.used_volumes,
    volume_gb: v?.used_gb,
  };
  const details: { path: string; message: string }[] = [];
  for (const k of keys) {
    const limit = quotas[k];
    const inUse = used[k];
    // A backend that does not report a usage (OpenStack's B.5 has no IP or security-group counts) is not checked.
    if (limit === undefined || inUse === undefined || limit >= inUse) continue;
    const [one, many] = usageNoun[k];
    const exists = k === 'vcpus' || k === 'ram_mb' || k === 'volume_gb' ? 'in use' : 'already exist';
    const noun = inUse === 1 ? one : many;
    const verb = exists === 'already exist' && inUse === 1 ? 'already exists' : exists;
    details.push({ path: k, message: `${inUse} ${noun} ${verb}; the quota cannot go below ${inUse}` });
  }
  if (details.length)
    throw new CloudError('invalid', details.map((d) => `${d.path}: ${d.message}`).join('; '), details);
}

export async function createUser(
  ctx: RequestContext,
  input: { name: string; password: string; project_id: string; role: Role },
): Promise<User> {
  requireAdmin(ctx, 'creating users');
  return provider().identity.createUser(scope(ctx), input);
}

// ——— The user lifecycle. Each operation that changes who may act ends the affected console sessions at once
// (their rows go, so their next request is 401), then lets the backend drop what it holds for them.

/** Revokes the backend's side of ended sessions; best effort, since the console's side is already gone. */
async function revokeBackendSessions(ended: Principal[]): Promise<void> {
  const p = provider();
  await Promise.all(ended.map((principal) => p.identity.revoke(principal).catch(() => undefined)));
}

export async function end(sel: Parameters<typeof endSessions>[0]): Promise<{ ended_sessions: number }> {
  const ended = await endSessions(sel);
  await revokeBackendSessions(ended);
  return { ended_sessions: ended.length };
}

function notYourself(ctx: RequestContext, userId: string, what: string, instead: string): void {
  if (userId === ctx.principal.userId)
    throw new CloudError('conflict', `you cannot ${what} your own user ${userId}: ${instead}`);
}

function notTheUserName(name: string, password: string, field: string): void {
  if (password === name) throw invalid(field, 'must not be the user name');
}

export async function listUsers(ctx: RequestContext): Promise<User[]> {
  requireAdmin(ctx, 'listing users');
  return provider().identity.listUsers(scope(ctx));
}

export async function getUser(ctx: RequestContext, userId: string): Promise<User> {
  requireAdmin(ctx, 'reading users');
  return provider().identity.getUser(scope(ctx), userId);
}

/**
 * The signed-in user changes their own password. The session that asked goes on (with a fresh backend credential
 * where the backend revoked its own); every other session of the user ends.
 */
export async function changeOwnPassword(
  ctx: RequestContext,
  token: string,
  input: PasswordChangeInput,
  client: string,
): Promise<{ ended_sessions: number }> {
  notTheUserName(ctx.principal.userName, input.new_password, 'new_password');
  const current = await findSession(token);
  if (!current) throw new CloudError('unauthorized', 'the session has ended: sign in again');
  // A wrong current password is a guess like a failed sign-in: it takes from the same budgets (user name and client
  // address), so a borrowed session cannot be used to try passwords at leisure.
  const attempt = await reserveSignIn(ctx.principal.userName, client);
  let principal: Principal;
  try {
    principal = await provider().identity.changeOwnPassword(
      scope(ctx, { allProjects: false }),
      input.current_password,
      input.new_password,
    );
  } catch (e) {
    const wrong =
      e instanceof CloudError && e.kind === 'invalid' && e.details?.some((d) => d.path === 'current_password');
    await attempt.settle(wrong ? 'wrong_credentials' : 'other_error');
    throw e;
  }
  await attempt.settle('success');
  await replaceSessionPrincipal(current.tokenHash, principal);
  return end({ userId: ctx.principal.userId, exceptTokenHash: current.tokenHash });
}

/** "Sign out everywhere": every session of the signed-in user, this one included. */
export async function signOutEverywhere(ctx: RequestContext): Promise<{ ended_sessions: number }> {
  return end({ userId: ctx.principal.userId });
}

/** An administrator ends every session of a user (a lost laptop, a leaked token). */
export async function signOutUser(ctx: RequestContext, userId: string): Promise<{ ended_sessions: number }> {
  requireAdmin(ctx, "ending another user's sessions");
  try {
    await provider().identity.getUser(scope(ctx), userId);
  } catch (e) {
    // A backend that cannot list users (AK/SK clouds) still has console sessions to end.
    if (!(e instanceof CloudError && e.kind === 'not_supported')) throw e;
  }
  return end({ userId });
}

export async function resetPassword(
  ctx: RequestContext,
  userId: string,
  password: string,
): Promise<{ ended_sessions: number }> {
  requireAdmin(ctx, "resetting users' passwords");
  notYourself(
    ctx,
    userId,
    'reset the password of',
    'change it with POST /auth/password, which asks for the current one',
  );
  const user = await provider().identity.getUser(scope(ctx), userId);
  notTheUserName(user.name, password, 'password');
  await provider().identity.setPassword(scope(ctx), userId, password);
  // A set-up link would sign in with the password it sealed, which is no longer the user's.
  await dropSetupLink(userId);
  return end({ userId });
}

export async function setUserEnabled(
  ctx: RequestContext,
  userId: string,
  enabled: boolean,
): Promise<{ user: User; ended_sessions: number }> {
  requireAdmin(ctx, enabled ? 'enabling users' : 'disabling users');
  if (!enabled) notYourself(ctx, userId, 'disable', 'another administrator must do it');
  const user = await provider().identity.setEnabled(scope(ctx), userId, enabled);
  return { user, ended_sessions: enabled ? 0 : (await end({ userId })).ended_sessions };
}

export async function deleteUser(ctx: RequestContext, userId: string): Promise<void> {
  requireAdmin(ctx, 'deleting users');
  notYourself(ctx, userId, 'delete', 'another administrator must do it');
  await provider().identity.deleteUser(scope(ctx), userId);
  await dropSetupLink(userId);
  await end({ userId });
}

/** Adds a user to a project or changes their role there; their sessions in it end, since they carry the old role. */
export async function setMembership(
  ctx: RequestContext,
  userId: string,
  projectId: string,
  role: Role,
): Promise<{ user: User; ended_sessions: number }> {
  requireAdmin(ctx, 'changing project members');
  if (userId === ctx.principal.userId && projectId === ctx.principal.projectId && role !== 'admin')
    throw new CloudError(
      'conflict',
      `you cannot lower your own role in project ${projectId}, the one you are signed in to`,
    );
  const user = await provider().identity.setMembership(scope(ctx), userId, projectId, role);
  return { user, ...(await end({ userId, projectId })) };
}

export async function removeMembership(
  ctx: RequestContext,
  userId: string,
  projectId: string,
): Promise<{ ended_sessions: number }> {
  requireAdmin(ctx, 'removing project members');
  if (userId === ctx.principal.userId && projectId === ctx.principal.projectId)
    throw new CloudError(
      'conflict',
      `you cannot remove yourself from project ${projectId}, the one you are signed in to`,
    );
  await provider().identity.removeMembership(scope(ctx), userId, projectId);
  return end({ userId, projectId });
}
