import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { PublicIp, PublicIpBindInput, PublicIpCreateInput } from '@/lib/contract/public-ip';
import { bindPublicIp, createPublicIp, deletePublicIp, unbindPublicIp } from '@/server/actions/public-ips';
import { callAction } from './action';
import { refreshAfterChange } from './refresh';
import { retryUnlessUnsupported } from './capabilities';
import { get } from './client';
import type { ListParams, Page } from './list';

export const publicIpKeys = {
  all: ['public-ips'] as const,
  list: (projectId: string, params: ListParams) => [...publicIpKeys.all, projectId, 'list', params] as const,
};

export const fetchPublicIps = async (params: ListParams): Promise<Page<PublicIp>> => {
  const r = await get('GET /public-ips', { query: params });
  return { items: r.public_ips, total: r.total_count };
};

export function usePublicIpsQuery(projectId: string, params: ListParams = { limit: 100 }) {
  return useQuery({
    queryKey: publicIpKeys.list(projectId, params),
    queryFn: () => fetchPublicIps(params),
    placeholderData: (prev) => prev,
    retry: retryUnlessUnsupported,
  });
}

const invalidate = (qc: ReturnType<typeof useQueryClient>) =>
  refreshAfterChange(qc, publicIpKeys.all, ['servers'], ['quotas']);

export function useCreatePublicIpMutation() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (input: PublicIpCreateInput) => callAction(() => createPublicIp(input)).then((r) => r.public_ip),
    onSettled: () => invalidate(qc),
  });
}

/** Binds or unbinds with exactly one of server_id and private_ip. */
export function useBindPublicIpMutation() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ id, op, input }: { id: string; op: 'bind' | 'unbind'; input: PublicIpBindInput }) =>
      callAction(() => (op === 'bind' ? bindPublicIp(id, input) : unbindPublicIp(id, input))).then((r) => r.public_ip),
    onSettled: () => invalidate(qc),
  });
}

export function useDeletePublicIpMutation() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => callAction(() => deletePublicIp(id)),
    onSettled: () => invalidate(qc),
  });
}
