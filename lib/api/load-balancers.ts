import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { ListenerCreateInput, LoadBalancer, LoadBalancerCreateInput, LoadBalancerMembersInput } from '@/lib/contract/load-balancer';
import { useTasksStore } from '@/lib/stores/tasks-store';
import { retryUnlessUnsupported } from './capabilities';
import { api, toQuery } from './client';
import { toPage, type ListParams, type Page } from './list';

export const loadBalancerKeys = {
  all: ['load-balancers'] as const,
  list: (projectId: string, params: ListParams) => [...loadBalancerKeys.all, projectId, 'list', params] as const,
  detail: (projectId: string, id: string) => [...loadBalancerKeys.all, projectId, 'detail', id] as const,
};

const moving = new Set(['creating', 'updating', 'deleting']);
// Provisioning status is live: the events stream invalidates, polling covers a missed event.
const pollWhileMoving = (lbs: LoadBalancer[] | undefined) => (lbs?.some((l) => moving.has(l.status)) ? 2000 : false);

export const fetchLoadBalancers = async (params: ListParams): Promise<Page<LoadBalancer>> =>
  toPage<LoadBalancer>(await api<Record<string, unknown>>(`/load-balancers${toQuery(params)}`), 'load_balancers');

export function useLoadBalancersQuery(projectId: string, params: ListParams = { limit: 100 }) {
  return useQuery({
    queryKey: loadBalancerKeys.list(projectId, params),
    queryFn: () => fetchLoadBalancers(params),
    placeholderData: (prev) => prev,
    retry: retryUnlessUnsupported,
    refetchInterval: (q) => pollWhileMoving(q.state.data?.items),
  });
}

export function useLoadBalancerQuery(projectId: string, id: string) {
  return useQuery({
    queryKey: loadBalancerKeys.detail(projectId, id),
    queryFn: () => api<{ load_balancer: LoadBalancer }>(`/load-balancers/${encodeURIComponent(id)}`).then((r) => r.load_balancer),
    retry: retryUnlessUnsupported,
    refetchInterval: (q) => pollWhileMoving(q.state.data ? [q.state.data] : undefined),
  });
}

export type LoadBalancerChange =
  | { kind: 'listener-add'; input: ListenerCreateInput }
  | { kind: 'listener-remove'; listenerId: string }
  | { kind: 'members'; input: LoadBalancerMembersInput }
  | { kind: 'delete' };

function runChange(id: string, c: LoadBalancerChange): Promise<unknown> {
  const path = `/load-balancers/${encodeURIComponent(id)}`;
  switch (c.kind) {
    case 'listener-add':
      return api(`${path}/listeners`, { method: 'POST', json: c.input });
    case 'listener-remove':
      return api(`${path}/listeners/${encodeURIComponent(c.listenerId)}`, { method: 'DELETE' });
    case 'members':
      return api(`${path}/members`, { method: 'PATCH', json: c.input });
    case 'delete':
      return api(path, { method: 'DELETE' });
  }
}

export function useLoadBalancerChangeMutation() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ id, change }: { id: string; change: LoadBalancerChange }) => runChange(id, change),
    onSettled: () => qc.invalidateQueries({ queryKey: loadBalancerKeys.all }),
  });
}

export function useCreateLoadBalancerMutation() {
  const qc = useQueryClient();
  const tasks = useTasksStore();
  return useMutation({
    mutationFn: async (input: LoadBalancerCreateInput) => {
      const lb = await api<{ load_balancer: LoadBalancer }>('/load-balancers', { method: 'POST', json: input }).then((r) => r.load_balancer);
      tasks.start(lb.name, { type: 'load_balancer', id: lb.id });
      return lb;
    },
    onSettled: () => qc.invalidateQueries({ queryKey: loadBalancerKeys.all }),
  });
}
