'use client';
import { useAllProjectsScope, withProjectColumn } from '@/components/feature/all-projects-scope';
import type { ColumnDef } from '@tanstack/react-table';
import { useMemo } from 'react';
import { PageTitle } from '@/components/feature/page-title';
import { QueryFailure } from '@/components/feature/unavailable';
import { EmptyState } from '@/components/resource/empty-state';
import { SearchBox } from '@/components/resource/list-toolbar';
import { Pagination } from '@/components/resource/pagination';
import { ResourceTable } from '@/components/resource/resource-table';
import { useListParams } from '@/components/resource/use-list-params';
import { serverColumns } from '@/components/servers/server-columns';
import { useServersQuery } from '@/lib/api/servers';
import { useSessionInfo } from '@/lib/api/session';
import type { Server } from '@/lib/contract/server';
import { useI18n } from '@/lib/i18n/provider';

/** Every project's servers (all_projects=true), with the owning project; the tenant list stays per project. */
export function AllServersView() {
  const { t, locale } = useI18n();
  const session = useSessionInfo();
  const { params, setParams, page } = useListParams(['status'], { sort: '-created_at' });
  // Always every project here; the project's name comes from the shared all-projects scope.
  const scope = useAllProjectsScope({ ...params, all_projects: 'true' }, setParams);
  const effective = useMemo(() => ({ ...params, all_projects: 'true' }), [params]);
  const list = useServersQuery(session.projectId, effective);
  const columns = useMemo<Array<ColumnDef<Server, unknown>>>(
    () => withProjectColumn(serverColumns(t, locale, true), t, scope, (s) => s.project_id),
    [t, locale, scope],
  );
  return (
    <div className="flex flex-col gap-3">
      <PageTitle title={t('admin.allServers')} />
      <SearchBox
        label={t('servers.searchPlaceholder')}
        value={params.name ?? ''}
        onChange={(v) => setParams({ name: v })}
      />
      <div className="rounded-lg border border-line bg-surface">
        {list.error ? (
          <QueryFailure error={list.error} />
        ) : (
          <ResourceTable
            label={t('admin.allServers')}
            rows={list.data?.items ?? []}
            columns={columns}
            getRowId={(s) => s.id}
            getRowLabel={(s) => s.name}
            isLoading={list.isPending}
            sort={params.sort}
            onSortChange={(sort) => setParams({ sort: sort ?? '' })}
            empty={<EmptyState title={t('servers.noServers')} />}
          />
        )}
        <Pagination
          page={page}
          pageSize={params.limit ?? 20}
          total={list.data?.total ?? 0}
          onChange={(p) => setParams(p)}
        />
      </div>
    </div>
  );
}
