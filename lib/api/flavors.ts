import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { Flavor, FlavorCreateInput } from '@/lib/contract/flavor';
import { api, get } from './client';
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
    mutationFn: (input: FlavorCreateInput) => api<{ flavor: Flavor }>('/flavors', { method: 'POST', json: input }),
    onSettled: () => qc.invalidateQueries({ queryKey: flavorKeys.all }),
  });
}

export function useDeleteFlavorMutation() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api<void>(`/flavors/${encodeURIComponent(id)}`, { method: 'DELETE' }),
    onSettled: () => qc.invalidateQueries({ queryKey: flavorKeys.all }),
  });
}
