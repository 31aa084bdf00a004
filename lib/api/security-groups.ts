'use client';
import { useQuery } from '@tanstack/react-query';
import type { SecurityGroup } from '@/lib/contract/security-group';
import { api, toQuery } from './client';
import { toPage, type ListParams, type Page } from './list';

/** Security groups as the server wizard needs them (the security-group pages may add mutations here). */
export const securityGroupKeys = {
  all: ['security-groups'] as const,
  list: (projectId: string, params: ListParams) => [...securityGroupKeys.all, projectId, 'list', params] as const,
};

export function useSecurityGroupsQuery(projectId: string, params: ListParams = { limit: 100 }) {
  return useQuery({
    queryKey: securityGroupKeys.list(projectId, params),
    queryFn: async (): Promise<Page<SecurityGroup>> => toPage(await api<Record<string, unknown>>(`/security-groups${toQuery(params)}`), 'security_groups'),
  });
}
