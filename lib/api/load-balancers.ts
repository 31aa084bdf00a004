import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  isLoadBalancerTransitional,
  type ListenerCreateInput,
  type LoadBalancer,
  type LoadBalancerCreateInput,
  type LoadBalancerMembersInput,
} from '@/lib/contract/load-balancer';
import { useTasksStore } from '@/lib/stores/tasks-store';
import {
  addLoadBalancerListener,
  changeLoadBalancerMembers,
  createLoadBalancer,
  deleteLoadBalancer,
  removeLoadBalancerListener,
} from '@/server/actions/load-balancers';
import { callAction } from './action';
import { refreshAfterChange } from './refresh';
import { retryUnlessUnsupported } from './capabilities';
import { get } from './client';
import type { ListParams, Page } from './list';

export const loadBalancerKeys = {
  all: ['load-balancers'] as const,
  list: (projectId: string, params: ListParams) => [...loadBalancerKeys.all, projectId, 'list', params] as const,
  detail: (projectId: string, id: string) => [...loadBalancerKeys.all, projectId, 'detail', id] as const,
};

// Provisioning status is live: the events stream invalidates, polling covers a missed event.
const pollWhileMoving = (lbs: LoadBalancer[] | undefined) =>
  lbs?.some((l) => isLoadBalancerTransitional(l.status)) ? 2000 : false;

export const fetchLoadBalancers = async (params: ListParams): Promise<Page<LoadBalancer>> => {
  const r = await get('GET /load-balancers', { query: params });
  return { items: r.load_balancers, total: r.total_count };
};

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
    queryFn: () => get('GET /load-balancers/{id}', { params: { id } }).then((r) => r.load_balancer),
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
  switch (c.kind) {
    case 'listener-add':
      return callAction(() => addLoadBalancerListener(id, c.input));
    case 'listener-remove':
      return callAction(() => removeLoadBalancerListener(id, c.listenerId));
    case 'members':
      return callAction(() => changeLoadBalancerMembers(id, c.input));
    case 'delete':
      return callAction(() => deleteLoadBalancer(id));
  }
}

export function useLoadBalancerChangeMutation() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ id, change }: { id: string; change: LoadBalancerChange }) => runChange(id, change),
    onSettled: () => refreshAfterChange(qc, loadBalancerKeys.all),
  });
}

export function useCreateLoadBalancerMutation() {
  const qc = useQueryClient();
  const tasks = useTasksStore();
  return useMutation({
    mutationFn: async (input: LoadBalancerCreateInput) => {
      const lb = await callAction(() => createLoadBalancer(input)).then((r) => r.load_balancer);
      tasks.start(lb.name, { type: 'load_balancer', id: lb.id });
      return lb;
    },
    onSettled: () => refreshAfterChange(qc, loadBalancerKeys.all),
  });
}
