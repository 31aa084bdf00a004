'use client';
import { useQuery } from '@tanstack/react-query';
import type { Network } from '@/lib/contract/network';
import { api, toQuery } from './client';
import { toPage, type ListParams, type Page } from './list';

/** Networks as the server wizard needs them (the network pages may extend this file with mutations). */
export const networkKeys = {
  all: ['networks'] as const,
  list: (projectId: string, params: ListParams) => [...networkKeys.all, projectId, 'list', params] as const,
};

export function useNetworksQuery(projectId: string, params: ListParams = { limit: 100 }) {
  return useQuery({
    queryKey: networkKeys.list(projectId, params),
    queryFn: async (): Promise<Page<Network>> => toPage(await api<Record<string, unknown>>(`/networks${toQuery(params)}`), 'networks'),
  });
}
