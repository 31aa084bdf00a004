import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { Flavor, FlavorCreateInput } from '@/lib/contract/flavor';
import { createFlavor, deleteFlavor } from '@/server/actions/flavors';
import { callAction } from './action';
import { refreshAfterChange } from './refresh';
import { get } from './client';
import type { ListParams, Page } from './list';

export const flavorKeys = {
  all: ['flavors'] as const,
  list: (params: ListParams) => [...flavorKeys.all, 'list', params] as const,
};

export function useFlavorsQuery(params: ListParams = { limit: 100 }) {
  return useQuery({
    queryKey: flavorKeys.list(params),
    queryFn: async (): Promise<Page<Flavor>> => {
      const r = await get('GET /flavors', { query: params });
      return { items: r.flavors, total: r.total_count };
    },
    staleTime: 30_000,
  });
}

export function useCreateFlavorMutation() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (input: FlavorCreateInput) => callAction(() => createFlavor(input)),
    onSettled: () => refreshAfterChange(qc, flavorKeys.all),
  });
}

export function useDeleteFlavorMutation() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => callAction(() => deleteFlavor(id)),
    onSettled: () => refreshAfterChange(qc, flavorKeys.all),
  });
}
