'use client';
import type { ColumnDef } from '@tanstack/react-table';
import { useMemo, useState } from 'react';
import { PageTitle } from '@/components/feature/page-title';
import { SupportButton, UnsupportedNotice, useSupportGate } from '@/components/feature/support-gate';
import { QueryFailure } from '@/components/feature/unavailable';
import { useCanWrite } from '@/components/feature/use-can-write';
import { ConfirmDialog } from '@/components/resource/confirm-dialog';
import { EmptyState } from '@/components/resource/empty-state';
import { SearchBox } from '@/components/resource/list-toolbar';
import { Pagination } from '@/components/resource/pagination';
import { ResourceTable } from '@/components/resource/resource-table';
import { useListParams } from '@/components/resource/use-list-params';
import { useDeleteKeyPairMutation, useKeyPairsQuery } from '@/lib/api/key-pairs';
import { useSessionInfo } from '@/lib/api/session';
import type { KeyPair } from '@/lib/contract/key-pair';
import { formatDateTime } from '@/lib/format/dates';
import { useI18n } from '@/lib/i18n/provider';
import { CreateKeyPairDialog } from './create-key-pair-dialog';

/** The signed-in user's key pairs: name, fingerprint, created; create (generate or import) and delete. */
export function KeyPairsList() {
  const { t, locale } = useI18n();
  const session = useSessionInfo();
  const canWrite = useCanWrite();
  const listGate = useSupportGate('GET /key-pairs');
  const { params, setParams, page } = useListParams([], { sort: 'name' });
  const list = useKeyPairsQuery(session.userId, params, listGate.supported);
  const [isCreating, setIsCreating] = useState(false);
  const [deleting, setDeleting] = useState<KeyPair | null>(null);
  const remove = useDeleteKeyPairMutation();
  const columns = useMemo<Array<ColumnDef<KeyPair, unknown>>>(
    () => [
      {
        id: 'name',
        header: t('common.name'),
        meta: { sortField: 'name' },
        cell: ({ row }) => <span className="font-medium">{row.original.name}</span>,
      },
      {
        id: 'fingerprint',
        header: t('kp.fingerprint'),
        cell: ({ row }) => <code className="text-xs">{row.original.fingerprint}</code>,
      },
      {
        id: 'created_at',
        header: t('common.createdAt'),
        meta: { sortField: 'created_at' },
        cell: ({ row }) => formatDateTime(row.original.created_at, locale),
      },
      ...(canWrite
        ? [
            {
              id: 'actions',
              header: t('common.actions'),
              cell: ({ row }) => (
                <SupportButton
                  requires="DELETE /key-pairs/{name}"
                  variant="danger"
                  aria-label={t('kp.deleteNamed', { name: row.original.name })}
                  onClick={() => {
                    remove.reset();
                    setDeleting(row.original);
                  }}
                >
                  {t('common.delete')}
                </SupportButton>
              ),
            } satisfies ColumnDef<KeyPair, unknown>,
          ]
        : []),
    ],
    [t, locale, canWrite, remove],
  );
  return (
    <div className="flex flex-col gap-3">
      <PageTitle title={t('kp.title')}>
        {canWrite ? (
          <SupportButton requires="POST /key-pairs" variant="primary" onClick={() => setIsCreating(true)}>
            {t('kp.create')}
          </SupportButton>
        ) : null}
      </PageTitle>
      <p className="text-sm text-muted">{t('kp.hint')}</p>
      <UnsupportedNotice requires="GET /key-pairs" />
      <div className="flex items-center gap-2">
        <SearchBox label={t('kp.search')} value={params.name ?? ''} onChange={(v) => setParams({ name: v })} />
      </div>
      <div className="rounded-lg border border-line bg-surface">
        {list.error ? (
          <QueryFailure error={list.error} />
        ) : (
          <ResourceTable
            label={t('kp.title')}
            rows={list.data?.items ?? []}
            columns={columns}
            getRowId={(k) => k.name}
            getRowLabel={(k) => k.name}
            isLoading={listGate.supported && list.isPending}
            sort={params.sort}
            onSortChange={(sort) => setParams({ sort: sort ?? '' })}
            empty={<EmptyState title={t('kp.none')} />}
          />
        )}
        <Pagination
          page={page}
          pageSize={params.limit ?? 20}
          total={list.data?.total ?? 0}
          onChange={(p) => setParams(p)}
        />
      </div>
      {isCreating ? <CreateKeyPairDialog onClose={() => setIsCreating(false)} /> : null}
      <ConfirmDialog
        open={deleting !== null}
        title={t('kp.delete')}
        message={t('kp.deleteConfirm', { name: deleting?.name ?? '' })}
        confirmLabel={t('common.delete')}
        isDanger
        isPending={remove.isPending}
        error={remove.error}
        onConfirm={() => {
          if (deleting) remove.mutate(deleting.name, { onSuccess: () => setDeleting(null) });
        }}
        onClose={() => setDeleting(null)}
      />
    </div>
  );
}
