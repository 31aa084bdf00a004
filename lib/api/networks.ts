import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { Network, NetworkCreateInput, SubnetCreated, SubnetCreateInput } from '@/lib/contract/network';
import { createNetwork, createSubnet, deleteNetwork, deleteSubnet } from '@/server/actions/networks';
import { callAction } from './action';
import { refreshAfterChange } from './refresh';
import { get } from './client';
import type { ListParams, Page } from './list';

/** Networks and their subnets (subnets have no list of their own: they come inside their network). */
export const networkKeys = {
  all: ['networks'] as const,
  list: (projectId: string, params: ListParams) => [...networkKeys.all, projectId, 'list', params] as const,
  detail: (projectId: string, id: string) => [...networkKeys.all, projectId, 'detail', id] as const,
};

export const fetchNetworks = async (params: ListParams): Promise<Page<Network>> => {
  const r = await get('GET /networks', { query: params });
  return { items: r.networks, total: r.total_count };
};

export function useNetworksQuery(projectId: string, params: ListParams = { limit: 100 }) {
  return useQuery({
    queryKey: networkKeys.list(projectId, params),
    queryFn: () => fetchNetworks(params),
    placeholderData: (prev) => prev,
  });
}

export function useCreateNetworkMutation() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (input: NetworkCreateInput) => callAction(() => createNetwork(input)).then((r) => r.network),
    onSettled: () => refreshAfterChange(qc, networkKeys.all),
  });
}

export function useDeleteNetworkMutation() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => callAction(() => deleteNetwork(id)),
    onSettled: () => refreshAfterChange(qc, networkKeys.all),
  });
}

/** Creates a subnet; the answer's `warnings` (e.g. an overlap with another network's subnet) are for the user. */
export function useCreateSubnetMutation() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ networkId, input }: { networkId: string; input: SubnetCreateInput }): Promise<SubnetCreated> =>
      callAction(() => createSubnet(networkId, input)),
    onSettled: () => refreshAfterChange(qc, networkKeys.all),
  });
}

export function useDeleteSubnetMutation() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => callAction(() => deleteSubnet(id)),
    onSettled: () => refreshAfterChange(qc, networkKeys.all),
  });
}
