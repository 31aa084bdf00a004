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
import { ConfirmDialog } from '@/components/resource/confirm-dialog';
import { EmptyState } from '@/components/resource/empty-state';
import { FilterSelect } from '@/components/resource/list-toolbar';
import { Pagination } from '@/components/resource/pagination';
import { ResourceTable } from '@/components/resource/resource-table';
import { useStateReason } from '@/components/resource/state-reason';
import { StatusBadge } from '@/components/resource/status-badge';
import { useListParams } from '@/components/resource/use-list-params';
import { useBindPublicIpMutation, useDeletePublicIpMutation, usePublicIpsQuery } from '@/lib/api/public-ips';
import { useServersQuery } from '@/lib/api/servers';
import { useSessionInfo } from '@/lib/api/session';
import { publicIpRules, PublicIpStatus, type PublicIp } from '@/lib/contract/public-ip';
import { useI18n } from '@/lib/i18n/provider';
import { BindDialog, CreatePublicIpDialog } from './public-ip-dialogs';

type Open = null | { kind: 'create' } | { kind: 'bind' | 'unbind' | 'delete'; pip: PublicIp };

export function PublicIpsList() {
  const { t } = useI18n();
  const session = useSessionInfo();
  const canWrite = useCanWrite();
  const { params, setParams, page } = useListParams(['status', ...allProjectsParams], { sort: '-created_at' });
  const scope = useAllProjectsScope(params, setParams);
  const listQuery = useMemo(() => scope.query(params), [scope, params]);
  const list = usePublicIpsQuery(session.projectId, listQuery);
  const servers = useServersQuery(session.projectId, { limit: 100 });
  const bind = useBindPublicIpMutation();
  const del = useDeletePublicIpMutation();
  const [open, setOpen] = useState<Open>(null);
  const [error, setError] = useState<unknown>(null);
  const reason = useStateReason();
  const serverName = useMemo(() => new Map((servers.data?.items ?? []).map((s) => [s.id, s.name])), [servers.data]);

  const columns = useMemo<Array<ColumnDef<PublicIp, unknown>>>(
    () => [
      {
        id: 'name',
        header: t('common.name'),
        meta: { sortField: 'name' },
        cell: ({ row }) => row.original.name || '—',
      },
      {
        id: 'ip',
        header: t('pip.address'),
        meta: { sortField: 'ip_address' },
        cell: ({ row }) => <span className="font-mono">{row.original.ip_address}</span>,
      },
      {
        id: 'status',
        header: t('common.status'),
        meta: { sortField: 'status' },
        cell: ({ row }) => <StatusBadge status={row.original.status} />,
      },
      { id: 'version', header: t('net.ipVersion'), cell: ({ row }) => `IPv${row.original.ip_version}` },
      {
        id: 'target',
        header: t('pip.boundTo'),
        cell: ({ row }) => {
          const p = row.original;
          if (!p.server_id && !p.private_ip) return '—';
          return (
            <span>
              {p.server_id ? (
                <Link className="text-blue-700 hover:underline dark:text-blue-300" href={`/servers/${p.server_id}`}>
                  {serverName.get(p.server_id) ?? p.server_id}
                </Link>
              ) : null}{' '}
              <span className="font-mono text-xs">{p.private_ip}</span>
            </span>
          );
        },
      },
      {
        id: 'actions',
        header: t('common.actions'),
        cell: ({ row }) =>
          canWrite ? (
            <div className="flex gap-1">
              {publicIpRules.allowed('unbind', row.original.status) ? (
                <SupportButton
                  requires="POST /public-ips/{id}/unbind"
                  size="sm"
                  onClick={() => setOpen({ kind: 'unbind', pip: row.original })}
                >
                  {t('pip.unbind')}
                </SupportButton>
              ) : (
                <SupportButton
                  requires="POST /public-ips/{id}/bind"
                  size="sm"
                  disabled={!publicIpRules.allowed('bind', row.original.status)}
                  title={reason(publicIpRules.refusal('bind', row.original.status))}
                  onClick={() => setOpen({ kind: 'bind', pip: row.original })}
                >
                  {t('pip.bind')}
                </SupportButton>
              )}
              <SupportButton
                requires="DELETE /public-ips/{id}"
                size="sm"
                variant="danger"
                disabled={!publicIpRules.allowed('delete', row.original.status)}
                title={reason(publicIpRules.refusal('delete', row.original.status))}
                onClick={() => setOpen({ kind: 'delete', pip: row.original })}
              >
                {t('common.delete')}
              </SupportButton>
            </div>
          ) : null,
      },
    ],
    [t, canWrite, serverName, reason],
  );
  const close = () => {
    setOpen(null);
    setError(null);
  };
  const confirming = open && (open.kind === 'unbind' || open.kind === 'delete') ? open : null;
  const confirm = async () => {
    if (!confirming) return;
    const p = confirming.pip;
    try {
      if (confirming.kind === 'delete') await del.mutateAsync(p.id);
      else
        await bind.mutateAsync({
          id: p.id,
          op: 'unbind',
          input: p.server_id ? { server_id: p.server_id } : { private_ip: p.private_ip ?? '' },
        });
      close();
    } catch (e) {
      setError(e);
    }
  };

  const shownColumns = useMemo(() => withProjectColumn(columns, t, scope, (r) => r.project_id), [columns, t, scope]);
  return (
    <div className="flex flex-col gap-3">
      <PageTitle title={t('pip.title')}>
        {canWrite ? (
          <SupportButton requires="POST /public-ips" variant="primary" onClick={() => setOpen({ kind: 'create' })}>
            {t('pip.create')}
          </SupportButton>
        ) : null}
      </PageTitle>
      <UnsupportedNotice requires="GET /public-ips" />
      <div className="flex items-center gap-2">
        <FilterSelect
          label={t('common.status')}
          value={String(params.status ?? '')}
          options={PublicIpStatus.options.map((s) => ({ value: s, label: t(`status.${s}`) }))}
          onChange={(v) => setParams({ status: v })}
        />
        <AllProjectsFilter scope={scope} requires="GET /public-ips#project_id" />
      </div>
      <div className="rounded-lg border border-line bg-surface">
        {list.error ? (
          <QueryFailure error={list.error} />
        ) : (
          <ResourceTable
            label={t('pip.title')}
            rows={list.data?.items ?? []}
            columns={shownColumns}
            getRowId={(p) => p.id}
            getRowLabel={(p) => p.ip_address}
            isLoading={list.isPending}
            sort={params.sort}
            onSortChange={(sort) => setParams({ sort: sort ?? '' })}
            empty={<EmptyState title={t('pip.none')} hint={t('pip.noneHint')} />}
          />
        )}
        <Pagination
          page={page}
          pageSize={params.limit ?? 20}
          total={list.data?.total ?? 0}
          onChange={(p) => setParams(p)}
        />
      </div>
      <CreatePublicIpDialog open={open?.kind === 'create'} onClose={close} />
      {open?.kind === 'bind' ? <BindDialog pip={open.pip} onClose={close} /> : null}
      <ConfirmDialog
        open={!!confirming}
        title={confirming?.kind === 'delete' ? t('pip.delete') : t('pip.unbind')}
        message={
          confirming
            ? t(confirming.kind === 'delete' ? 'pip.deleteConfirm' : 'pip.unbindConfirm', {
                ip: confirming.pip.ip_address,
              })
            : ''
        }
        confirmLabel={confirming?.kind === 'delete' ? t('common.delete') : t('pip.unbind')}
        isDanger={confirming?.kind === 'delete'}
        isPending={bind.isPending || del.isPending}
        error={error}
        onClose={close}
        onConfirm={confirm}
      />
    </div>
  );
}
