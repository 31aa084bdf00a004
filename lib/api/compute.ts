import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { AuditRecord } from '@/lib/contract/audit';
import type { HostMigrationResult } from '@/lib/contract/datacenter';
import { disableHost, enableHost, migrateServersOffHost } from '@/server/actions/hosts';
import { callAction } from './action';
import { refreshAfterChange } from './refresh';
import { get } from './client';
import { useAfterHydration } from './hydration';
import type { ListParams, Page } from './list';

/** Keys for the cross-cutting read-only resources: datacenters, quotas, hosts, audit. */
export const datacenterKeys = { all: ['datacenters'] as const };
export const quotaKeys = {
  all: ['quotas'] as const,
  compute: (projectId: string, scope: 'project' | 'datacenter', dc?: string) =>
    [...quotaKeys.all, projectId, 'compute', scope, dc ?? ''] as const,
  volume: (projectId: string, dc?: string) => [...quotaKeys.all, projectId, 'volume', dc ?? ''] as const,
};
export const hostKeys = { all: ['hosts'] as const, list: (dc?: string) => [...hostKeys.all, dc ?? ''] as const };
export const auditKeys = {
  all: ['audit'] as const,
  list: (projectId: string, params: ListParams) => [...auditKeys.all, projectId, params] as const,
};

/** Shared by the shell's datacenter switcher and the pages (see useAfterHydration). */
export function useDatacentersQuery() {
  return useAfterHydration(
    useQuery({
      queryKey: datacenterKeys.all,
      queryFn: () => get('GET /datacenters').then((r) => r.datacenters),
      staleTime: 60_000,
    }),
  );
}

export function useComputeQuotaQuery(
  projectId: string,
  opts: { scope?: 'project' | 'datacenter'; datacenterId?: string; enabled?: boolean } = {},
) {
  const scope = opts.scope ?? 'project';
  return useQuery({
    queryKey: quotaKeys.compute(projectId, scope, opts.datacenterId),
    queryFn: () => get('GET /quotas/compute', { query: { scope, datacenter_id: opts.datacenterId } }),
    enabled: opts.enabled ?? true,
  });
}

export function useVolumeQuotaQuery(projectId: string, datacenterId?: string) {
  return useQuery({
    queryKey: quotaKeys.volume(projectId, datacenterId),
    queryFn: () => get('GET /quotas/volume', { query: { datacenter_id: datacenterId } }),
  });
}

export function useHostsQuery(datacenterId?: string, enabled = true) {
  return useQuery({
    queryKey: hostKeys.list(datacenterId),
    queryFn: () => get('GET /hosts', { query: { datacenter_id: datacenterId } }).then((r) => r.hosts),
    enabled,
  });
}

export function useAuditQuery(projectId: string, params: ListParams) {
  return useQuery({
    queryKey: auditKeys.list(projectId, params),
    queryFn: async (): Promise<Page<AuditRecord>> => {
      const r = await get('GET /audit', { query: params });
      return { items: r.records, total: r.total_count };
    },
  });
}

export function useHostQuery(id: string, enabled = true) {
  return useQuery({
    queryKey: [...hostKeys.all, 'one', id] as const,
    queryFn: () => get('GET /hosts/{id}', { params: { id } }).then((r) => r.host),
    enabled,
  });
}

/** Every project's servers on one host (admins): the host page's list; refreshed while a batch migration runs. */
export function useHostServersQuery(hostName: string | undefined) {
  return useQuery({
    queryKey: [...hostKeys.all, 'servers', hostName ?? ''] as const,
    queryFn: () =>
      get('GET /servers', { query: { all_projects: true, host: hostName, limit: 100, offset: 0 } }).then(
        (r) => r.servers,
      ),
    enabled: !!hostName,
    refetchInterval: 3000,
  });
}

export type HostAction =
  | { kind: 'disable'; hostId: string; reason: string }
  | { kind: 'enable'; hostId: string }
  | { kind: 'migrate'; hostId: string; target_host?: string };

/** One mutation for the host page's and list's actions; every host read is refetched after each. */
export function useHostActionMutation() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: async (a: HostAction): Promise<{ results?: HostMigrationResult[] }> => {
      switch (a.kind) {
        case 'disable':
          return callAction(() => disableHost(a.hostId, { reason: a.reason })).then(() => ({}));
        case 'enable':
          return callAction(() => enableHost(a.hostId)).then(() => ({}));
        case 'migrate':
          return callAction(() =>
            migrateServersOffHost(a.hostId, a.target_host ? { target_host: a.target_host } : {}),
          ).then((r) => ({ results: r.results }));
      }
    },
    onSettled: () => refreshAfterChange(qc, hostKeys.all),
  });
}
