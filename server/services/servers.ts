import 'server-only';
import type { ListResult } from '@/lib/contract/common';
import type { Server, ServerCreateInput, ServerListQuery, ServerUpdateInput, ConsoleLog } from '@/lib/contract/server';
import type { ServerStatusCounts, ServerStatusCountsQuery } from '@/lib/contract/server-status-counts';
import { provider } from '../providers/registry';
import {
  CloudError,
  ensureVisible,
  isAdmin,
  redactHost,
  requireAdmin,
  requireWriter,
  listScope,
  scope,
  type RequestContext,
} from './context';

/** Reads the server through the caller's scope: another project's server is a 404. */
async function visibleServer(ctx: RequestContext, id: string): Promise<Server> {
  return ensureVisible(ctx, await provider().servers.get(scope(ctx), id), 'server', id);
}

export async function listServers(ctx: RequestContext, q: ServerListQuery): Promise<ListResult<Server>> {
  // Where a server runs is for administrators only (redactHost): a tenant may not filter on it either.
  if (q.host !== undefined && !isAdmin(ctx))
    throw new CloudError('forbidden', 'host: filtering servers by compute host is for administrators only', [
      { path: 'host', message: 'is for administrators only' },
    ]);
  const r = await provider().servers.list(listScope(ctx, q), q);
  return { total: r.total, items: r.items.map((s) => redactHost(ctx, s)) };
}

/**
 * The overview's counts by status, scoped as the list is: the caller's project, or every project for an admin
 * asking all_projects=true. A tenant asking for every project is refused rather than quietly narrowed, so a caller
 * never mistakes its own project's counts for the cloud's.
 */
export async function countServersByStatus(
  ctx: RequestContext,
  q: ServerStatusCountsQuery,
): Promise<ServerStatusCounts> {
  if (q.all_projects) requireAdmin(ctx, 'counting the servers of every project (all_projects=true)');
  const counts = await provider().servers.countByStatus(listScope(ctx, q));
  return { counts, total_count: Object.values(counts).reduce((a, n) => a + n, 0) };
}

export async function getServer(ctx: RequestContext, id: string): Promise<Server> {
  return redactHost(ctx, await visibleServer(ctx, id));
}

/**
 * The server's console log: whoever may read the server may read it (its boot messages are the tenant's own, and the
 * reader role is for looking); another project's server is a 404 like any other read.
 */
export async function getConsoleLog(ctx: RequestContext, id: string, lines: number): Promise<ConsoleLog> {
  await visibleServer(ctx, id);
  const output = await provider().servers.consoleLog(scope(ctx), id, lines);
  // Nova's `length` counts lines from the end; a backend may still hand back more: keep the contract's promise.
  const kept = output.split('\n').slice(-lines);
  return { output: kept.join('\n'), lines: output === '' ? 0 : kept.length };
}

export async function createServer(ctx: RequestContext, input: ServerCreateInput): Promise<Server> {
  requireWriter(ctx, 'create servers');
  if (input.host !== undefined && !isAdmin(ctx))
    throw new CloudError('forbidden', 'host: choosing the compute host of a server is for administrators only', [
      { path: 'host', message: 'is for administrators only' },
    ]);
  return redactHost(ctx, await provider().servers.create(scope(ctx, { allProjects: false }), input));
}

export async function updateServer(ctx: RequestContext, id: string, input: ServerUpdateInput): Promise<Server> {
  requireWriter(ctx, 'change servers');
  await visibleServer(ctx, id);
  return redactHost(ctx, await provider().servers.update(scope(ctx), id, input));
}

export async function deleteServer(ctx: RequestContext, id: string): Promise<{ pending: boolean }> {
  requireWriter(ctx, 'delete servers');
  await visibleServer(ctx, id);
  return provider().servers.remove(scope(ctx), id);
}

export async function startServer(ctx: RequestContext, id: string): Promise<Server> {
  requireWriter(ctx, 'start servers');
  await visibleServer(ctx, id);
  return redactHost(ctx, await provider().servers.start(scope(ctx), id));
}

export async function stopServer(ctx: RequestContext, id: string): Promise<Server> {
  requireWriter(ctx, 'stop servers');
  await visibleServer(ctx, id);
  return redactHost(ctx, await provider().servers.stop(scope(ctx), id));
}

export async function rebootServer(ctx: RequestContext, id: string, type: 'soft' | 'hard'): Promise<Server> {
  requireWriter(ctx, 'reboot servers');
  await visibleServer(ctx, id);
  return redactHost(ctx, await provider().servers.reboot(scope(ctx), id, type));
}

export async function liveMigrateServer(ctx: RequestContext, id: string, host: string): Promise<Server> {
  requireAdmin(ctx, 'live migration');
  await visibleServer(ctx, id);
  return provider().servers.liveMigrate(scope(ctx), id, host);
}

export async function resizeServer(ctx: RequestContext, id: string, flavorId: string): Promise<Server> {
  requireWriter(ctx, 'resize servers');
  await visibleServer(ctx, id);
  return redactHost(ctx, await provider().servers.resize(scope(ctx), id, flavorId));
}
