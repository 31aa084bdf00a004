'use client';
import {
  AllProjectsFilter,
  allProjectsParams,
  useAllProjectsScope,
  withProjectColumn,
} from '@/components/feature/all-projects-scope';
import type { ColumnDef } from '@tanstack/react-table';
import Link from 'next/link';
import { useMemo } from 'react';
import { SupportLink } from '@/components/feature/support-gate';
import { EmptyState } from '@/components/resource/empty-state';
import { FilterSelect, SearchBox } from '@/components/resource/list-toolbar';
import { Pagination } from '@/components/resource/pagination';
import { ResourceTable } from '@/components/resource/resource-table';
import { StatusBadge } from '@/components/resource/status-badge';
import { useListParams } from '@/components/resource/use-list-params';
import { useImagesQuery } from '@/lib/api/images';
import { useSessionInfo } from '@/lib/api/session';
import { ImageStatus, type Image } from '@/lib/contract/image';
import { formatBytes } from '@/lib/format/units';
import { useI18n } from '@/lib/i18n/provider';
import { imageUploadRequires } from './upload-requires';

export function ImagesList() {
  const { t } = useI18n();
  const session = useSessionInfo();
  const { params, setParams, page } = useListParams(['status', 'architecture', 'visibility', ...allProjectsParams]);
  const scope = useAllProjectsScope(params, setParams);
  const listQuery = useMemo(() => scope.query(params), [scope, params]);
  const list = useImagesQuery(session.projectId, listQuery);
  const columns = useMemo<Array<ColumnDef<Image, unknown>>>(
    () => [
      {
        id: 'name',
        header: t('common.name'),
        meta: { sortField: 'name' },
        cell: ({ row }) => (
          <Link
            href={`/images/${row.original.id}`}
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
      { id: 'arch', header: t('common.architecture'), cell: ({ row }) => row.original.architecture },
      {
        id: 'visibility',
        header: t('images.visibility'),
        cell: ({ row }) => t(row.original.visibility === 'public' ? 'images.public' : 'images.private'),
      },
      {
        id: 'protected',
        header: t('images.protected'),
        cell: ({ row }) => (row.original.protected ? t('common.yes') : t('common.no')),
      },
      {
        id: 'size',
        header: t('common.size'),
        meta: { sortField: 'size_bytes' },
        cell: ({ row }) => formatBytes(row.original.size_bytes),
      },
      { id: 'format', header: t('images.diskFormat'), cell: ({ row }) => row.original.disk_format },
    ],
    [t],
  );
  const shownColumns = useMemo(() => withProjectColumn(columns, t, scope, (r) => r.owner), [columns, t, scope]);
  return (
    <div className="flex flex-col gap-3">
      <div className="flex items-center justify-between">
        <h1 className="text-xl font-semibold">{t('images.title')}</h1>
        <SupportLink
          requires={imageUploadRequires}
          href="/images/new"
          className="inline-flex h-8 items-center rounded bg-brand px-3 text-sm font-medium text-brand-ink hover:opacity-90"
        >
          {t('images.upload')}
        </SupportLink>
      </div>
      <div className="flex flex-wrap gap-2">
        <SearchBox
          label={t('common.filterByName')}
          value={params.name ?? ''}
          onChange={(v) => setParams({ name: v })}
        />
        <FilterSelect
          label={t('common.status')}
          value={String(params.status ?? '')}
          options={ImageStatus.options.map((s) => ({ value: s, label: t(`status.${s}`) }))}
          onChange={(v) => setParams({ status: v })}
        />
        <FilterSelect
          label={t('common.architecture')}
          value={String(params.architecture ?? '')}
          options={[
            { value: 'x86_64', label: 'x86_64' },
            { value: 'aarch64', label: 'aarch64' },
          ]}
          onChange={(v) => setParams({ architecture: v })}
        />
        <AllProjectsFilter scope={scope} requires="GET /images#project_id" />
      </div>
      <div className="rounded-lg border border-line bg-surface">
        <ResourceTable
          label={t('images.title')}
          rows={list.data?.items ?? []}
          columns={shownColumns}
          getRowId={(i) => i.id}
          getRowLabel={(i) => i.name}
          isLoading={list.isPending}
          error={list.error}
          sort={params.sort}
          onSortChange={(s) => setParams({ sort: s ?? '' })}
          empty={<EmptyState title={t('common.empty')} />}
        />
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
