import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { Flavor, FlavorCreateInput } from '@/lib/contract/flavor';
import { api, toQuery } from './client';
import { toPage, type ListParams, type Page } from './list';

export const flavorKeys = {
  all: ['flavors'] as const,
  list: (params: ListParams) => [...flavorKeys.all, 'list', params] as const,
};

export function useFlavorsQuery(params: ListParams = { limit: 100 }) {
  return useQuery({
    queryKey: flavorKeys.list(params),
    queryFn: async (): Promise<Page<Flavor>> => toPage(await api<Record<string, unknown>>(`/flavors${toQuery(params)}`), 'flavors'),
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
