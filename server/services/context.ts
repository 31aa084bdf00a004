import 'server-only';
import { CloudError, forbidden, notFound } from '../providers/errors';
import type { Principal, ProviderContext } from '../providers/types';

/** Who is calling and for which request: what every service function takes first. */
export interface RequestContext {
  principal: Principal;
  requestId: string;
  signal?: AbortSignal;
}

export const isAdmin = (ctx: RequestContext) => ctx.principal.roles.includes('admin');
export const isReader = (ctx: RequestContext) => !isAdmin(ctx) && !ctx.principal.roles.includes('member');

/** Admin-only operations answer 403 to everyone else. */
export function requireAdmin(ctx: RequestContext, what: string): void {
  if (!isAdmin(ctx)) throw forbidden(`${what} is for administrators only`);
}

/** Readers may look but not change anything. */
export function requireWriter(ctx: RequestContext, what: string): void {
  if (isReader(ctx)) throw forbidden(`the reader role may not ${what}`);
}

/**
 * The provider context for a call. Reads by id see every project for admins (the console's admin pages);
 * lists see every project only when an admin asks with all_projects=true.
 */
export function scope(ctx: RequestContext, opts: { allProjects?: boolean } = {}): ProviderContext {
  return {
    principal: ctx.principal,
    projectId: ctx.principal.projectId,
    allProjects: isAdmin(ctx) && (opts.allProjects ?? true),
    requestId: ctx.requestId,
    signal: ctx.signal,
  };
}

/**
 * The provider context of a list. `all_projects=true` from anyone but an admin is refused rather than quietly
 * narrowed to their project, so a caller never mistakes its own project's list for the whole cloud's. `project_id`
 * narrows the list to one project: for an admin it implies all_projects (any project may be named, an unknown one
 * lists nothing); anyone else may name only their own project, and another is refused the same way.
 */
export function listScope(ctx: RequestContext, q: { all_projects?: boolean; project_id?: string }): ProviderContext {
  requireAllProjectsRight(ctx, q.all_projects);
  const only = q.project_id;
  if (only === undefined) return scope(ctx, { allProjects: q.all_projects ?? false });
  if (!isAdmin(ctx) && only !== ctx.principal.projectId)
    throw new CloudError('forbidden', "project_id: listing another project's resources is for administrators only", [
      { path: 'project_id', message: 'names another project: only administrators may list it' },
    ]);
  return { ...scope(ctx, { allProjects: isAdmin(ctx) }), onlyProjectId: only };
}

export function requireAllProjectsRight(ctx: RequestContext, allProjects: boolean | undefined): void {
  if (allProjects && !isAdmin(ctx))
    throw new CloudError('forbidden', 'all_projects: listing every project is for administrators only', [
      { path: 'all_projects', message: 'is for administrators only' },
    ]);
}

/** Another project's resource is answered as missing, so its existence does not leak. */
export function ensureVisible<T extends { project_id?: string | null }>(
  ctx: RequestContext,
  resource: T,
  kind: string,
  id: string,
): T {
  if (isAdmin(ctx) || resource.project_id === ctx.principal.projectId) return resource;
  throw notFound(kind, id);
}

/** Strips what only admins may see (e.g. the compute host). */
export function redactHost<T extends { host?: string }>(ctx: RequestContext, r: T): T {
  if (isAdmin(ctx)) return r;
  const copy = { ...r };
  delete copy.host;
  return copy;
}

export { CloudError };
