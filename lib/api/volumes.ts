'use client';
import { useQuery } from '@tanstack/react-query';
import type { Volume } from '@/lib/contract/volume';
import { api, toQuery } from './client';
import { toPage, type ListParams, type Page } from './list';

/** Volumes as the server wizard and server detail need them (the volume pages may add mutations here). */
export const volumeKeys = {
  all: ['volumes'] as const,
  list: (projectId: string, params: ListParams) => [...volumeKeys.all, projectId, 'list', params] as const,
};

export function useVolumesQuery(projectId: string, params: ListParams = { limit: 100 }, enabled = true) {
  return useQuery({
    queryKey: volumeKeys.list(projectId, params),
    queryFn: async (): Promise<Page<Volume>> => toPage(await api<Record<string, unknown>>(`/volumes${toQuery(params)}`), 'volumes'),
    enabled,
  });
}
