'use client';
import {
  AllProjectsFilter,
  allProjectsParams,
  useAllProjectsScope,
  withProjectColumn,
} from '@/components/feature/all-projects-scope';
import { SupportButton, UnsupportedNotice } from '@/components/feature/support-gate';
import type { ColumnDef } from '@tanstack/react-table';
import Link from 'next/link';
import { useMemo, useState } from 'react';
import { PageTitle } from '@/components/feature/page-title';
import { QueryFailure } from '@/components/feature/unavailable';
import { useCanWrite } from '@/components/feature/use-can-write';
import { EmptyState } from '@/components/resource/empty-state';
import { Pagination } from '@/components/resource/pagination';
import { ResourceTable } from '@/components/resource/resource-table';
import { StatusBadge } from '@/components/resource/status-badge';
import { useListParams } from '@/components/resource/use-list-params';
import { useLoadBalancersQuery } from '@/lib/api/load-balancers';
import { useSessionInfo } from '@/lib/api/session';
import type { LoadBalancer } from '@/lib/contract/load-balancer';
import { formatDateTime } from '@/lib/format/dates';
import { useI18n } from '@/lib/i18n/provider';
import { CreateLoadBalancerDialog } from './load-balancer-dialogs';

export function LoadBalancersList() {
  const { t, locale } = useI18n();
  const session = useSessionInfo();
  const canWrite = useCanWrite();
  const { params, setParams, page } = useListParams(['status', ...allProjectsParams], { sort: '-created_at' });
  const scope = useAllProjectsScope(params, setParams);
  const listQuery = useMemo(() => scope.query(params), [scope, params]);
  const list = useLoadBalancersQuery(session.projectId, listQuery);
  const [isCreating, setIsCreating] = useState(false);
  const columns = useMemo<Array<ColumnDef<LoadBalancer, unknown>>>(
    () => [
      {
        id: 'name',
        header: t('common.name'),
        meta: { sortField: 'name' },
        cell: ({ row }) => (
          <Link
            href={`/load-balancers/${row.original.id}`}
            className="font-medium text-blue-700 hover:underline dark:text-blue-300"
          >
            {row.original.name}
          </Link>
        ),
      },
      {
        id: 'status',
        header: t('common.status'),
        meta: { sortField: 'status' },
        cell: ({ row }) => <StatusBadge status={row.original.status} />,
      },
      {
        id: 'vip',
        header: t('lb.vip'),
        cell: ({ row }) => <span className="font-mono text-xs">{row.original.ip_address ?? '—'}</span>,
      },
      {
        id: 'listeners',
        header: t('lb.listeners'),
        cell: ({ row }) => row.original.listeners.map((l) => `${l.protocol}:${l.port}`).join(', ') || '—',
      },
      { id: 'members', header: t('lb.members'), cell: ({ row }) => row.original.members.length },
      {
        id: 'created_at',
        header: t('common.createdAt'),
        meta: { sortField: 'created_at' },
        cell: ({ row }) => (
          <span className="text-xs text-muted">{formatDateTime(row.original.created_at, locale)}</span>
        ),
      },
    ],
    [t, locale],
  );
  const shownColumns = useMemo(() => withProjectColumn(columns, t, scope, (r) => r.project_id), [columns, t, scope]);
  return (
    <div className="flex flex-col gap-3">
      <PageTitle title={t('lb.title')}>
        {canWrite ? (
          <SupportButton requires="POST /load-balancers" variant="primary" onClick={() => setIsCreating(true)}>
            {t('lb.create')}
          </SupportButton>
        ) : null}
      </PageTitle>
      <UnsupportedNotice requires="GET /load-balancers" />
      <div className="flex flex-wrap items-center gap-2">
        <AllProjectsFilter scope={scope} requires="GET /load-balancers#project_id" />
      </div>
      <div className="rounded-lg border border-line bg-surface">
        {list.error ? (
          <QueryFailure error={list.error} />
        ) : (
          <ResourceTable
            label={t('lb.title')}
            rows={list.data?.items ?? []}
            columns={shownColumns}
            getRowId={(l) => l.id}
            getRowLabel={(l) => l.name}
            isLoading={list.isPending}
            sort={params.sort}
            onSortChange={(sort) => setParams({ sort: sort ?? '' })}
            empty={<EmptyState title={t('lb.none')} hint={t('lb.noneHint')} />}
          />
        )}
        <Pagination
          page={page}
          pageSize={params.limit ?? 20}
          total={list.data?.total ?? 0}
          onChange={(p) => setParams(p)}
        />
      </div>
      <CreateLoadBalancerDialog open={isCreating} onClose={() => setIsCreating(false)} />
    </div>
  );
}
