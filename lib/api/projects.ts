import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { QuotaLimits } from '@/lib/contract/auth';
import {
  createProject,
  deleteProject,
  disableProject,
  enableProject,
  purgeProject,
  setDefaultQuotas,
  setProjectQuotas,
  updateProject,
} from '@/server/actions/projects';
import { callAction } from './action';
import { refreshAfterChange } from './refresh';
import { get } from './client';
import { quotaKeys } from './compute';
import { userKeys } from './users';

/**
 * The Projects admin page: every project (the same query and key as the users page's project pickers, so both
 * see a new project at once), each project's limits and, through `project_id`, its usage.
 */
export const projectKeys = {
  all: userKeys.projects,
  limits: (id: string) => [...quotaKeys.all, 'limits', id] as const,
  usage: [...quotaKeys.all, 'usage'] as const,
  resources: (id: string) => [...userKeys.projects, 'resources', id] as const,
  purge: (id: string) => [...userKeys.projects, 'purge', id] as const,
  defaults: [...quotaKeys.all, 'defaults'] as const,
};

/** What "delete everything in it" would remove (GET /projects/{id}/resources), for the confirmation. */
export function useProjectResourcesQuery(projectId: string, enabled = true) {
  return useQuery({
    queryKey: projectKeys.resources(projectId),
    queryFn: () => get('GET /projects/{id}/resources', { params: { id: projectId } }).then((r) => r.resources),
    enabled,
  });
}

/** A delete-everything task, polled while it runs (its state is the console database's: a reload shows it too). */
export function useProjectPurgeQuery(projectId: string, enabled = true) {
  return useQuery({
    queryKey: projectKeys.purge(projectId),
    queryFn: () => get('GET /projects/{id}/purge', { params: { id: projectId } }).then((r) => r.purge),
    enabled,
    refetchInterval: (q) => (q.state.data?.status === 'running' || !q.state.data ? 1500 : false),
  });
}

export function useDefaultQuotasQuery(enabled = true) {
  return useQuery({
    queryKey: projectKeys.defaults,
    queryFn: () => get('GET /quotas/defaults').then((r) => r.quotas),
    enabled,
  });
}

/** Limits (GET /projects/{id}/quotas) and usage (B.5/B.6 for that project) in one answer, for the bars and the form. */
/**
 * Every project's usage in one request (GET /projects/usage), shared by each row's bars and the quota form: the
 * page costs two requests however many projects there are, not two per project.
 */
export function useProjectUsageQuery(projectId: string, enabled = true) {
  return useQuery({
    queryKey: projectKeys.usage,
    queryFn: () => get('GET /projects/usage').then((r) => r.usage),
    enabled,
    select: (rows) => rows.find((u) => u.project_id === projectId),
  });
}

export function useProjectLimitsQuery(projectId: string, enabled = true) {
  return useQuery({
    queryKey: projectKeys.limits(projectId),
    queryFn: () => get('GET /projects/{id}/quotas', { params: { id: projectId } }).then((r) => r.quotas),
    enabled,
  });
}

export type ProjectAction =
  | { kind: 'create'; name: string; description: string; quotas?: Partial<QuotaLimits> }
  | { kind: 'delete'; projectId: string }
  | { kind: 'setQuotas'; projectId: string; quotas: Partial<QuotaLimits> }
  | { kind: 'update'; projectId: string; name?: string; description?: string }
  | { kind: 'disable' | 'enable' | 'purge'; projectId: string }
  | { kind: 'setDefaults'; quotas: Partial<QuotaLimits> };

/** One mutation for the page's changes; the list and every project's limits and usage are refetched after each. */
export function useProjectActionMutation() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: async (a: ProjectAction): Promise<void> => {
      switch (a.kind) {
        case 'create':
          await callAction(() => createProject({ name: a.name, description: a.description, quotas: a.quotas }));
          return;
        case 'delete':
          await callAction(() => deleteProject(a.projectId));
          return;
        case 'setQuotas':
          await callAction(() => setProjectQuotas(a.projectId, a.quotas));
          return;
        case 'update':
          await callAction(() => updateProject(a.projectId, { name: a.name, description: a.description }));
          return;
        case 'disable':
          await callAction(() => disableProject(a.projectId));
          return;
        case 'enable':
          await callAction(() => enableProject(a.projectId));
          return;
        case 'purge':
          await callAction(() => purgeProject(a.projectId));
          return;
        case 'setDefaults':
          await callAction(() => setDefaultQuotas(a.quotas));
          return;
      }
    },
    onSettled: () => refreshAfterChange(qc, projectKeys.all, quotaKeys.all),
  });
}
