'use client';
import type { ColumnDef } from '@tanstack/react-table';
import Link from 'next/link';
import { useMemo, useState } from 'react';
import { AllProjectsFilter, allProjectsParams, useAllProjectsScope } from '@/components/feature/all-projects-scope';
import { PageTitle } from '@/components/feature/page-title';
import { SupportButton, UnsupportedNotice } from '@/components/feature/support-gate';
import { QueryFailure } from '@/components/feature/unavailable';
import { useCanWrite } from '@/components/feature/use-can-write';
import { ConfirmDialog } from '@/components/resource/confirm-dialog';
import { EmptyState } from '@/components/resource/empty-state';
import { FilterSelect, SearchBox } from '@/components/resource/list-toolbar';
import { Pagination } from '@/components/resource/pagination';
import { ResourceTable, type BatchAction } from '@/components/resource/resource-table';
import { useStateReason } from '@/components/resource/state-reason';
import { StatusBadge } from '@/components/resource/status-badge';
import { useListParams } from '@/components/resource/use-list-params';
import { Button } from '@/components/ui/button';
import { errorMessage } from '@/lib/api/client';
import { useSessionInfo } from '@/lib/api/session';
import { useDeleteSnapshotMutation, useSnapshotsQuery } from '@/lib/api/snapshots';
import { SnapshotStatus, snapshotRules, type Snapshot } from '@/lib/contract/snapshot';
import { formatDateTime } from '@/lib/format/dates';
import { useI18n } from '@/lib/i18n/provider';
import { EditSnapshotDialog } from './snapshot-dialogs';

/** The project's volume snapshots: rename, delete, and make a volume from one (the volume wizard, preselected). */
export function SnapshotsList() {
  const { t, locale } = useI18n();
  const session = useSessionInfo();
  const canWrite = useCanWrite();
  const reason = useStateReason();
  const { params, setParams, page } = useListParams(['status', 'volume_id', ...allProjectsParams], {
    sort: '-created_at',
  });
  const scope = useAllProjectsScope(params, setParams);
  const effective = useMemo(() => scope.query(params), [params, scope]);
  const list = useSnapshotsQuery(session.projectId, effective);
  const remove = useDeleteSnapshotMutation();
  const [editing, setEditing] = useState<Snapshot | null>(null);
  const [pendingDelete, setPendingDelete] = useState<{ rows: Snapshot[]; resolve: (ok: boolean) => void } | null>(null);
  const askDelete = (rows: Snapshot[]) => new Promise<boolean>((resolve) => setPendingDelete({ rows, resolve }));
  const deleteRows = async (rows: Snapshot[]) => {
    if (!(await askDelete(rows))) return [];
    return Promise.all(
      rows.map((s) =>
        remove.mutateAsync(s.id).then(
          () => ({ name: s.name || s.id, ok: true }),
          (e: unknown) => ({ name: s.name || s.id, ok: false, message: errorMessage(e) }),
        ),
      ),
    );
  };

  const columns = useMemo<Array<ColumnDef<Snapshot, unknown>>>(() => {
    const cols: Array<ColumnDef<Snapshot, unknown>> = [
      {
        id: 'name',
        header: t('common.name'),
        meta: { sortField: 'name', className: 'max-w-64' },
        cell: ({ row }) => (
          <span className="font-medium" title={row.original.id}>
            {row.original.name || row.original.id.slice(0, 8)}
          </span>
        ),
      },
      {
        id: 'status',
        header: t('common.status'),
        meta: { sortField: 'status' },
        cell: ({ row }) => <StatusBadge status={row.original.status} />,
      },
      {
        id: 'size',
        header: t('vol.size'),
        meta: { sortField: 'size_gb' },
        cell: ({ row }) => `${row.original.size_gb} GB`,
      },
      {
        id: 'volume',
        header: t('snap.volume'),
        cell: ({ row }) => (
          <Link
            href={`/volumes/${row.original.volume_id}`}
            className="text-blue-700 hover:underline dark:text-blue-300"
          >
            {row.original.volume_id.slice(0, 8)}
          </Link>
        ),
      },
      { id: 'description', header: t('common.description'), cell: ({ row }) => row.original.description || '—' },
    ];
    if (scope.isAllProjects)
      cols.push({
        id: 'project',
        header: t('admin.project'),
        cell: ({ row }) => <span className="text-xs">{scope.projectName(row.original.project_id)}</span>,
      });
    cols.push({
      id: 'created_at',
      header: t('common.createdAt'),
      meta: { sortField: 'created_at' },
      cell: ({ row }) => <span className="text-xs text-muted">{formatDateTime(row.original.created_at, locale)}</span>,
    });
    if (canWrite)
      cols.push({
        id: 'actions',
        header: '',
        cell: ({ row }) => {
          const s = row.original;
          const gate = (op: 'update' | 'delete' | 'create-volume') => {
            const refusal = snapshotRules.refusal(op, s.status);
            return { disabled: !!refusal, title: reason(refusal) };
          };
          const toVolume = gate('create-volume');
          return (
            <div className="flex justify-end gap-1">
              {toVolume.disabled ? (
                <SupportButton requires="POST /volumes#source.snapshot_id" size="sm" {...toVolume}>
                  {t('snap.newVolume')}
                </SupportButton>
              ) : (
                <Link
                  href={`/volumes/new?snapshot=${encodeURIComponent(s.id)}`}
                  className="rounded border border-line px-2 py-1 text-xs hover:bg-surface-2"
                >
                  {t('snap.newVolume')}
                </Link>
              )}
              <SupportButton
                requires="PATCH /snapshots/{id}"
                size="sm"
                {...gate('update')}
                onClick={() => setEditing(s)}
              >
                {t('snap.rename')}
              </SupportButton>
              <SupportButton
                requires="DELETE /snapshots/{id}"
                size="sm"
                variant="danger"
                {...gate('delete')}
                onClick={() => void deleteRows([s])}
              >
                {t('common.delete')}
              </SupportButton>
            </div>
          );
        },
      });
    return cols;
    // deleteRows and reason are stable enough per render; the columns follow the inputs that change them.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [t, locale, canWrite, scope.isAllProjects, scope.projectName]);

  const batch: Array<BatchAction<Snapshot>> = canWrite
    ? [
        {
          id: 'delete',
          label: t('common.delete'),
          isDanger: true,
          isAllowed: (s) => snapshotRules.allowed('delete', s.status),
          run: deleteRows,
        },
      ]
    : [];

  return (
    <div className="flex flex-col gap-3">
      <PageTitle title={t('snap.title')} />
      <UnsupportedNotice requires="GET /snapshots" />
      <div className="flex flex-wrap items-center gap-2">
        <SearchBox label={t('snap.search')} value={params.name ?? ''} onChange={(v) => setParams({ name: v })} />
        <FilterSelect
          label={t('common.status')}
          value={String(params.status ?? '')}
          options={SnapshotStatus.options.map((s) => ({ value: s, label: t(`status.${s}`) }))}
          onChange={(v) => setParams({ status: v })}
        />
        <AllProjectsFilter scope={scope} requires="GET /snapshots" />
        <Button onClick={() => list.refetch()}>{t('common.refresh')}</Button>
      </div>
      <div className="rounded-lg border border-line bg-surface">
        {list.error ? (
          <QueryFailure error={list.error} />
        ) : (
          <ResourceTable
            label={t('snap.title')}
            rows={list.data?.items ?? []}
            columns={columns}
            getRowId={(s) => s.id}
            getRowLabel={(s) => s.name || s.id}
            isLoading={list.isPending}
            sort={params.sort}
            onSortChange={(sort) => setParams({ sort: sort ?? '' })}
            batchActions={batch}
            empty={<EmptyState title={t('snap.none')} hint={t('snap.noneHint')} />}
          />
        )}
        <Pagination
          page={page}
          pageSize={params.limit ?? 20}
          total={list.data?.total ?? 0}
          onChange={(p) => setParams(p)}
        />
      </div>
      <EditSnapshotDialog snapshot={editing} onClose={() => setEditing(null)} />
      <ConfirmDialog
        open={!!pendingDelete}
        title={t('snap.delete')}
        message={t('snap.deleteConfirm', { names: pendingDelete?.rows.map((r) => r.name || r.id).join(', ') ?? '' })}
        confirmLabel={t('common.delete')}
        isDanger
        onConfirm={() => {
          pendingDelete?.resolve(true);
          setPendingDelete(null);
        }}
        onClose={() => {
          pendingDelete?.resolve(false);
          setPendingDelete(null);
        }}
      />
    </div>
  );
}
