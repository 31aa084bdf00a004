import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { FloatingIp, FloatingIpCreateInput, FloatingIpUpdateInput } from '@/lib/contract/floating-ip';
import { allocateFloatingIp, releaseFloatingIp, updateFloatingIp } from '@/server/actions/floating-ips';
import { callAction } from './action';
import { refreshAfterChange } from './refresh';
import { get } from './client';
import type { ListParams, Page } from './list';

export const floatingIpKeys = {
  all: ['floating-ips'] as const,
  list: (projectId: string, params: ListParams) => [...floatingIpKeys.all, projectId, 'list', params] as const,
};

export const fetchFloatingIps = async (params: ListParams): Promise<Page<FloatingIp>> => {
  const r = await get('GET /floating-ips', { query: params });
  return { items: r.floating_ips, total: r.total_count };
};

export function useFloatingIpsQuery(projectId: string, params: ListParams = { limit: 100 }) {
  return useQuery({
    queryKey: floatingIpKeys.list(projectId, params),
    queryFn: () => fetchFloatingIps(params),
    placeholderData: (prev) => prev,
  });
}

// A floating IP changes what servers show as their addresses, so server lists refetch too.
const invalidate = (qc: ReturnType<typeof useQueryClient>) =>
  refreshAfterChange(qc, floatingIpKeys.all, ['servers'], ['quotas']);

export function useAllocateFloatingIpMutation() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (input: FloatingIpCreateInput) =>
      callAction(() => allocateFloatingIp(input)).then((r) => r.floating_ip),
    onSettled: () => invalidate(qc),
  });
}

/** Associate (port_id), disassociate (port_id: null) or describe. */
export function useUpdateFloatingIpMutation() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ id, input }: { id: string; input: FloatingIpUpdateInput }) =>
      callAction(() => updateFloatingIp(id, input)).then((r) => r.floating_ip),
    onSettled: () => invalidate(qc),
  });
}

export function useReleaseFloatingIpMutation() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => callAction(() => releaseFloatingIp(id)),
    onSettled: () => invalidate(qc),
  });
}
