import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { isServerTransitional, type Server, type ServerCreateInput } from '@/lib/contract/server';
import { useTasksStore } from '@/lib/stores/tasks-store';
import { api, errorMessage, toQuery } from './client';
import { toPage, type ListParams, type Page } from './list';

export const serverKeys = {
  all: ['servers'] as const,
  lists: (projectId: string) => [...serverKeys.all, projectId, 'list'] as const,
  list: (projectId: string, params: ListParams) => [...serverKeys.lists(projectId), params] as const,
  detail: (projectId: string, id: string) => [...serverKeys.all, projectId, 'detail', id] as const,
};

const pollWhileTransitional = (servers: Server[] | undefined) => (servers?.some((s) => isServerTransitional(s.status)) ? 3000 : false);

export const fetchServers = async (params: ListParams): Promise<Page<Server>> => toPage<Server>(await api<Record<string, unknown>>(`/servers${toQuery(params)}`), 'servers');

export function useServersQuery(projectId: string, params: ListParams) {
  return useQuery({
    queryKey: serverKeys.list(projectId, params),
    queryFn: () => fetchServers(params),
    placeholderData: (prev) => prev,
    // The events stream invalidates on every change; polling is the fallback while something moves.
    refetchInterval: (q) => pollWhileTransitional(q.state.data?.items),
  });
}

export function useServerQuery(projectId: string, id: string) {
  return useQuery({
    queryKey: serverKeys.detail(projectId, id),
    queryFn: () => api<{ server: Server }>(`/servers/${encodeURIComponent(id)}`).then((r) => r.server),
    refetchInterval: (q) => pollWhileTransitional(q.state.data ? [q.state.data] : undefined),
  });
}

export function useCreateServerMutation() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ input, idempotencyKey }: { input: ServerCreateInput; idempotencyKey: string }) =>
      api<{ id: string; server: Server }>('/servers', { method: 'POST', json: input, headers: { 'Idempotency-Key': idempotencyKey } }),
    onSettled: () => qc.invalidateQueries({ queryKey: serverKeys.all }),
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

export function runServerAction(id: string, action: ServerAction): Promise<unknown> {
  const path = `/servers/${encodeURIComponent(id)}`;
  switch (action.kind) {
    case 'start':
    case 'stop':
      return api(`${path}/${action.kind}`, { method: 'POST' });
    case 'reboot':
      return api(`${path}/reboot`, { method: 'POST', json: { type: action.type } });
    case 'resize':
      return api(`${path}/resize`, { method: 'POST', json: { flavor_id: action.flavorId } });
    case 'live-migrate':
      return api(`${path}/live-migrate`, { method: 'POST', json: { host: action.host } });
    case 'update':
      return api(path, { method: 'PUT', json: { name: action.name, description: action.description } });
    case 'delete':
      return api(path, { method: 'DELETE' });
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
    mutationFn: async ({ servers, action }: { servers: Array<Pick<Server, 'id' | 'name'>>; action: ServerAction }): Promise<BatchResult[]> => {
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
    onSettled: () => qc.invalidateQueries({ queryKey: serverKeys.all }),
  });
}
