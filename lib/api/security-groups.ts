import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type {
  SecurityGroup,
  SecurityGroupCreateInput,
  SecurityGroupRuleCreateInput,
} from '@/lib/contract/security-group';
import {
  createSecurityGroup,
  createSecurityGroupRule,
  deleteSecurityGroup,
  deleteSecurityGroupRule,
} from '@/server/actions/security-groups';
import { callAction } from './action';
import { refreshAfterChange } from './refresh';
import { get } from './client';
import type { ListParams, Page } from './list';

/** Security groups and their rules (rules live inside their group, so every rule change invalidates groups). */
export const securityGroupKeys = {
  all: ['security-groups'] as const,
  list: (projectId: string, params: ListParams) => [...securityGroupKeys.all, projectId, 'list', params] as const,
  detail: (projectId: string, id: string) => [...securityGroupKeys.all, projectId, 'detail', id] as const,
};

export const fetchSecurityGroups = async (params: ListParams): Promise<Page<SecurityGroup>> => {
  const r = await get('GET /security-groups', { query: params });
  return { items: r.security_groups, total: r.total_count };
};

export function useSecurityGroupsQuery(projectId: string, params: ListParams = { limit: 100 }) {
  return useQuery({
    queryKey: securityGroupKeys.list(projectId, params),
    queryFn: () => fetchSecurityGroups(params),
    placeholderData: (prev) => prev,
  });
}

export function useSecurityGroupQuery(projectId: string, id: string) {
  return useQuery({
    queryKey: securityGroupKeys.detail(projectId, id),
    queryFn: () => get('GET /security-groups/{id}', { params: { id } }).then((r) => r.security_group),
  });
}

export function useCreateSecurityGroupMutation() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (input: SecurityGroupCreateInput) =>
      callAction(() => createSecurityGroup(input)).then((r) => r.security_group),
    onSettled: () => refreshAfterChange(qc, securityGroupKeys.all),
  });
}

export function useDeleteSecurityGroupMutation() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => callAction(() => deleteSecurityGroup(id)),
    onSettled: () => refreshAfterChange(qc, securityGroupKeys.all),
  });
}

export function useCreateRuleMutation() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (input: SecurityGroupRuleCreateInput) =>
      callAction(() => createSecurityGroupRule(input)).then((r) => r.security_group_rule),
    onSettled: () => refreshAfterChange(qc, securityGroupKeys.all),
  });
}

export function useDeleteRuleMutation() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => callAction(() => deleteSecurityGroupRule(id)),
    onSettled: () => refreshAfterChange(qc, securityGroupKeys.all),
  });
}
