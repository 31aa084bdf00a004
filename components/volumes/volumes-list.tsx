'use client';
import { UnsupportedNotice } from '@/components/feature/support-gate';
import { useMemo, useState } from 'react';
import { AllProjectsFilter, allProjectsParams, useAllProjectsScope } from '@/components/feature/all-projects-scope';
import { PageTitle, PrimaryLink } from '@/components/feature/page-title';
import { QueryFailure } from '@/components/feature/unavailable';
import { useCanWrite } from '@/components/feature/use-can-write';
import { ConfirmDialog } from '@/components/resource/confirm-dialog';
import { EmptyState } from '@/components/resource/empty-state';
import { FilterSelect, SearchBox } from '@/components/resource/list-toolbar';
import { Pagination } from '@/components/resource/pagination';
import { ResourceTable, type BatchAction } from '@/components/resource/resource-table';
import { useListParams } from '@/components/resource/use-list-params';
import { usePrefs } from '@/components/shell/prefs';
import { Button } from '@/components/ui/button';
import { errorMessage } from '@/lib/api/client';
import { useDatacentersQuery } from '@/lib/api/compute';
import { useServerNames } from '@/lib/api/servers';
import { useSessionInfo } from '@/lib/api/session';
import { useVolumeActionMutation, useVolumesQuery } from '@/lib/api/volumes';
import { VolumeStatus, type Volume } from '@/lib/contract/volume';
import { useI18n } from '@/lib/i18n/provider';
import { canDeleteVolume } from '@/lib/storage/volume-forms';
import { volumeColumns } from './volume-columns';

export function VolumesList() {
  const { t, locale } = useI18n();
  const session = useSessionInfo();
  const canWrite = useCanWrite();
  const { datacenterId } = usePrefs();
  const { params, setParams, page } = useListParams(['status', 'datacenter_id', ...allProjectsParams], {
    sort: '-created_at',
  });
  const scope = useAllProjectsScope(params, setParams);
  const { isAllProjects } = scope;
  const effective = useMemo(
    () => scope.query({ ...params, datacenter_id: params.datacenter_id ?? (datacenterId || undefined) }),
    [params, datacenterId, scope],
  );
  const list = useVolumesQuery(session.projectId, effective);
  // Names for the attachment column: only the servers the page's volumes are attached to, each by id (none when
  // nothing is attached), rather than a page of the project's servers that may not even hold them.
  const attachedIds = useMemo(
    () => (list.data?.items ?? []).flatMap((v) => v.attachments.map((a) => a.server_id)),
    [list.data],
  );
  const names = useServerNames(session.projectId, attachedIds);
  const dcs = useDatacentersQuery();
  const columns = useMemo(
    () =>
      volumeColumns(t, locale, {
        isAdmin: session.isAdmin,
        isAllProjects,
        projectName: scope.projectName,
        serverName: (id) => names.get(id) ?? id.slice(0, 8),
      }),
    [t, locale, session.isAdmin, isAllProjects, names, scope.projectName],
  );
  const action = useVolumeActionMutation();
  const [pendingDelete, setPendingDelete] = useState<{ rows: Volume[]; resolve: (ok: boolean) => void } | null>(null);

  const batch: Array<BatchAction<Volume>> = canWrite
    ? [
        {
          id: 'delete',
          label: t('common.delete'),
          isDanger: true,
          // Only what the API accepts (the contract's table, and nothing attached); other selected rows are skipped.
          isAllowed: canDeleteVolume,
          run: async (rows) => {
            const ok = await new Promise<boolean>((resolve) => setPendingDelete({ rows, resolve }));
            if (!ok) return [];
            return Promise.all(
              rows.map((v) =>
                action.mutateAsync({ volume: v, action: { kind: 'delete' }, label: t('common.delete') }).then(
                  () => ({ name: v.name || v.id, ok: true }),
                  (e: unknown) => ({ name: v.name || v.id, ok: false, message: errorMessage(e) }),
                ),
              ),
            );
          },
        },
      ]
    : [];

  return (
    <div className="flex flex-col gap-3">
      <PageTitle title={t('vol.title')}>
        {canWrite ? (
          <PrimaryLink href="/volumes/new" requires="POST /volumes">
            {t('vol.create')}
          </PrimaryLink>
        ) : null}
      </PageTitle>
      <UnsupportedNotice requires="GET /volumes" />
      <div className="flex flex-wrap items-center gap-2">
        <SearchBox label={t('vol.search')} value={params.name ?? ''} onChange={(v) => setParams({ name: v })} />
        <FilterSelect
          label={t('common.status')}
          value={String(params.status ?? '')}
          options={VolumeStatus.options.map((s) => ({ value: s, label: t(`status.${s}`) }))}
          onChange={(v) => setParams({ status: v })}
        />
        <FilterSelect
          label={t('common.datacenter')}
          value={String(params.datacenter_id ?? '')}
          options={(dcs.data ?? []).map((d) => ({ value: d.id, label: d.name }))}
          onChange={(v) => setParams({ datacenter_id: v })}
        />
        <AllProjectsFilter scope={scope} requires="GET /volumes#project_id" />
        <Button onClick={() => list.refetch()}>{t('common.refresh')}</Button>
      </div>
      <div className="rounded-lg border border-line bg-surface">
        {list.error ? (
          <QueryFailure error={list.error} />
        ) : (
          <ResourceTable
            label={t('vol.title')}
            rows={list.data?.items ?? []}
            columns={columns}
            getRowId={(v) => v.id}
            getRowLabel={(v) => v.name || v.id}
            isLoading={list.isPending}
            sort={params.sort}
            onSortChange={(sort) => setParams({ sort: sort ?? '' })}
            batchActions={batch}
            empty={<EmptyState title={t('vol.none')} hint={t('vol.noneHint')} />}
          />
        )}
        <Pagination
          page={page}
          pageSize={params.limit ?? 20}
          total={list.data?.total ?? 0}
          onChange={(p) => setParams(p)}
        />
      </div>
      <ConfirmDialog
        open={!!pendingDelete}
        title={t('vol.delete')}
        message={
          <>
            <p>{pendingDelete?.rows.map((r) => r.name || r.id).join(', ')}</p>
          </>
        }
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
