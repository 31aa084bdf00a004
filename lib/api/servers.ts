import { useMutation, useQueries, useQuery, useQueryClient } from '@tanstack/react-query';
import { isServerTransitional, type Server, type ServerCreateInput } from '@/lib/contract/server';
import { useTasksStore } from '@/lib/stores/tasks-store';
import {
  createServer,
  deleteServer,
  liveMigrateServer,
  rebootServer,
  resizeServer,
  startServer,
  stopServer,
  updateServer,
} from '@/server/actions/servers';
import { callAction } from './action';
import { refreshAfterChange } from './refresh';
import { ApiError, errorMessage, get } from './client';
import type { ListParams, Page } from './list';

export const serverKeys = {
  all: ['servers'] as const,
  lists: (projectId: string) => [...serverKeys.all, projectId, 'list'] as const,
  list: (projectId: string, params: ListParams) => [...serverKeys.lists(projectId), params] as const,
  detail: (projectId: string, id: string) => [...serverKeys.all, projectId, 'detail', id] as const,
  statusCounts: (projectId: string) => [...serverKeys.all, projectId, 'status-counts'] as const,
  consoleLog: (projectId: string, id: string, lines: number) =>
    [...serverKeys.all, projectId, 'console-log', id, lines] as const,
};

/**
 * The server's console log, the last `lines` lines, read again every 5 s while `follow` is on (a console has no
 * event of its own to invalidate it); `enabled` is off where the backend has no console log.
 */
export function useConsoleLogQuery(
  projectId: string,
  id: string,
  { lines, follow, enabled }: { lines: number; follow: boolean; enabled: boolean },
) {
  return useQuery({
    queryKey: serverKeys.consoleLog(projectId, id, lines),
    queryFn: () => get('GET /servers/{id}/console-log', { params: { id }, query: { lines } }),
    enabled,
    placeholderData: (prev) => prev,
    refetchInterval: follow ? 5000 : false,
  });
}

const pollWhileTransitional = (servers: Server[] | undefined) =>
  servers?.some((s) => isServerTransitional(s.status)) ? 3000 : false;

export const fetchServers = async (params: ListParams): Promise<Page<Server>> => {
  const r = await get('GET /servers', { query: params });
  return { items: r.servers, total: r.total_count };
};

export function useServersQuery(projectId: string, params: ListParams) {
  return useQuery({
    queryKey: serverKeys.list(projectId, params),
    queryFn: () => fetchServers(params),
    placeholderData: (prev) => prev,
    // The events stream invalidates on every change; polling is the fallback while something moves.
    refetchInterval: (q) => pollWhileTransitional(q.state.data?.items),
  });
}

/** The project's servers by status, counted by the backend in one listing (the overview's card). */
export function useServerStatusCountsQuery(projectId: string) {
  return useQuery({
    queryKey: serverKeys.statusCounts(projectId),
    queryFn: () => get('GET /servers/status-counts'),
  });
}

const fetchServer = (id: string) => get('GET /servers/{id}', { params: { id } }).then((r) => r.server);

// Module-level so that React Query keeps the same Map while the results are the same (an inline one runs each render).
const namesOf = (results: Array<{ data?: Server }>) =>
  new Map(results.flatMap((r) => (r.data ? [[r.data.id, r.data.name] as const] : [])));

/**
 * The servers a page shows by reference (e.g. the volumes a page lists are attached to): each fetched by id, only
 * these, shared with the detail query's cache. Returns a name lookup; an id not (yet, or no longer) readable is
 * absent, and the caller shows the id instead. No request at all when `ids` is empty.
 */
export function useServerNames(projectId: string, ids: readonly string[]): Map<string, string> {
  const unique = [...new Set(ids)];
  return useQueries({
    queries: unique.map((id) => ({
      queryKey: serverKeys.detail(projectId, id),
      queryFn: () => fetchServer(id),
      // A server gone meanwhile (404) stays gone: asking again would not find it.
      retry: (n: number, e: unknown) => !(e instanceof ApiError && e.status === 404) && n < 2,
      staleTime: 30_000,
    })),
    combine: namesOf,
  });
}

export function useServerQuery(projectId: string, id: string) {
  return useQuery({
    queryKey: serverKeys.detail(projectId, id),
    queryFn: () => fetchServer(id),
    refetchInterval: (q) => pollWhileTransitional(q.state.data ? [q.state.data] : undefined),
  });
}

export function useCreateServerMutation() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ input, idempotencyKey }: { input: ServerCreateInput; idempotencyKey: string }) =>
      callAction(() => createServer(input, idempotencyKey)),
    onSettled: () => refreshAfterChange(qc, serverKeys.all),
  });
}

export type ServerAction =
  | { kind: 'start' }
  | { kind: 'stop' }
  | { kind: 'reboot'; type: 'soft' | 'hard' }
  | { kind: 'resize'; flavorId: string }
  | { kind: 'live-migrate'; host: string }
  | { kind: 'update'; name?: string; description?: string }
  | { kind: 'delete' };

/** One change to one server, through its server action (server/actions/servers.ts); throws the ApiError of a failure. */
export function runServerAction(id: string, action: ServerAction): Promise<unknown> {
  switch (action.kind) {
    case 'start':
      return callAction(() => startServer(id));
    case 'stop':
      return callAction(() => stopServer(id));
    case 'reboot':
      return callAction(() => rebootServer(id, { type: action.type }));
    case 'resize':
      return callAction(() => resizeServer(id, { flavor_id: action.flavorId }));
    case 'live-migrate':
      return callAction(() => liveMigrateServer(id, { host: action.host }));
    case 'update':
      return callAction(() => updateServer(id, { name: action.name, description: action.description }));
    case 'delete':
      return callAction(() => deleteServer(id));
  }
}

export interface BatchResult {
  id: string;
  name: string;
  ok: boolean;
  message?: string;
}

/**
 * Runs one action on one or many servers, each as its own task in the tray, and reports every server's
 * outcome (a batch never stops at the first failure).
 */
export function useServerActionMutation(label: (name: string) => string) {
  const qc = useQueryClient();
  const tasks = useTasksStore();
  return useMutation({
    mutationFn: async ({
      servers,
      action,
    }: {
      servers: Array<Pick<Server, 'id' | 'name'>>;
      action: ServerAction;
    }): Promise<BatchResult[]> => {
      const results = await Promise.all(
        servers.map(async (s) => {
          const async = action.kind !== 'update';
          const task = tasks.start(label(s.name), async ? { type: 'server', id: s.id } : undefined);
          try {
            await runServerAction(s.id, action);
            if (!async) tasks.finish(task, 'done');
            return { id: s.id, name: s.name, ok: true };
          } catch (e) {
            tasks.finish(task, 'failed', errorMessage(e));
            return { id: s.id, name: s.name, ok: false, message: errorMessage(e) };
          }
        }),
      );
      return results;
    },
    onSettled: () => refreshAfterChange(qc, serverKeys.all),
  });
}
