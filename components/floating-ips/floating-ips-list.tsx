'use client';
import {
  AllProjectsFilter,
  allProjectsParams,
  useAllProjectsScope,
  withProjectColumn,
} from '@/components/feature/all-projects-scope';
import type { ColumnDef } from '@tanstack/react-table';
import Link from 'next/link';
import { useMemo, useState } from 'react';
import { PageTitle } from '@/components/feature/page-title';
import { SupportButton, UnsupportedNotice } from '@/components/feature/support-gate';
import { QueryFailure } from '@/components/feature/unavailable';
import { useCanWrite } from '@/components/feature/use-can-write';
import { ConfirmDialog } from '@/components/resource/confirm-dialog';
import { EmptyState } from '@/components/resource/empty-state';
import { Pagination } from '@/components/resource/pagination';
import { ResourceTable } from '@/components/resource/resource-table';
import { StatusBadge } from '@/components/resource/status-badge';
import { useListParams } from '@/components/resource/use-list-params';
import { ErrorText } from '@/components/ui/error-text';
import { useFloatingIpsQuery, useReleaseFloatingIpMutation, useUpdateFloatingIpMutation } from '@/lib/api/floating-ips';
import { useNetworksQuery } from '@/lib/api/networks';
import { useServersQuery } from '@/lib/api/servers';
import { useSessionInfo } from '@/lib/api/session';
import type { FloatingIp } from '@/lib/contract/floating-ip';
import { useI18n } from '@/lib/i18n/provider';
import { AllocateDialog, AssociateDialog } from './floating-ip-dialogs';

type Open = null | { kind: 'allocate' } | { kind: 'associate' | 'disassociate' | 'release'; fip: FloatingIp };

export function FloatingIpsList() {
  const { t } = useI18n();
  const session = useSessionInfo();
  const canWrite = useCanWrite();
  const { params, setParams, page } = useListParams(['status', ...allProjectsParams], { sort: '-created_at' });
  const scope = useAllProjectsScope(params, setParams);
  const listQuery = useMemo(() => scope.query(params), [scope, params]);
  const list = useFloatingIpsQuery(session.projectId, listQuery);
  const nets = useNetworksQuery(session.projectId, { limit: 100 });
  const servers = useServersQuery(session.projectId, { limit: 100 });
  const update = useUpdateFloatingIpMutation();
  const release = useReleaseFloatingIpMutation();
  const [open, setOpen] = useState<Open>(null);
  const [error, setError] = useState<unknown>(null);
  const netName = useMemo(() => new Map((nets.data?.items ?? []).map((n) => [n.id, n.name])), [nets.data]);
  const serverName = useMemo(() => new Map((servers.data?.items ?? []).map((s) => [s.id, s.name])), [servers.data]);

  const columns = useMemo<Array<ColumnDef<FloatingIp, unknown>>>(
    () => [
      {
        id: 'address',
        header: t('fip.address'),
        meta: { sortField: 'floating_ip_address' },
        cell: ({ row }) => <span className="font-mono">{row.original.floating_ip_address}</span>,
      },
      {
        id: 'status',
        header: t('common.status'),
        meta: { sortField: 'status' },
        cell: ({ row }) => <StatusBadge status={row.original.port_id ? 'bound' : 'available'} />,
      },
      {
        id: 'fixed',
        header: t('fip.fixedIp'),
        cell: ({ row }) => <span className="font-mono text-xs">{row.original.fixed_ip_address ?? '—'}</span>,
      },
      {
        id: 'server',
        header: t('fip.server'),
        cell: ({ row }) => {
          const d = row.original.port_details;
          return d ? (
            <Link className="text-blue-700 hover:underline dark:text-blue-300" href={`/servers/${d.device_id}`}>
              {serverName.get(d.device_id) ?? d.name ?? d.device_id}
            </Link>
          ) : (
            '—'
          );
        },
      },
      {
        id: 'net',
        header: t('fip.externalNetwork'),
        cell: ({ row }) => netName.get(row.original.external_network_id) ?? row.original.external_network_id,
      },
      {
        id: 'actions',
        header: t('common.actions'),
        cell: ({ row }) =>
          canWrite ? (
            <div className="flex gap-1">
              {row.original.port_id ? (
                <SupportButton
                  requires="PUT /floating-ips/{id}"
                  size="sm"
                  onClick={() => setOpen({ kind: 'disassociate', fip: row.original })}
                >
                  {t('fip.disassociate')}
                </SupportButton>
              ) : (
                <SupportButton
                  requires="PUT /floating-ips/{id}"
                  size="sm"
                  onClick={() => setOpen({ kind: 'associate', fip: row.original })}
                >
                  {t('fip.associate')}
                </SupportButton>
              )}
              <SupportButton
                requires="DELETE /floating-ips/{id}"
                size="sm"
                variant="danger"
                onClick={() => setOpen({ kind: 'release', fip: row.original })}
              >
                {t('fip.release')}
              </SupportButton>
            </div>
          ) : null,
      },
    ],
    [t, canWrite, netName, serverName],
  );
  const close = () => {
    setOpen(null);
    setError(null);
  };
  const confirm = async () => {
    if (!open || open.kind === 'allocate' || open.kind === 'associate') return;
    try {
      if (open.kind === 'release') await release.mutateAsync(open.fip.id);
      else await update.mutateAsync({ id: open.fip.id, input: { port_id: null } });
      close();
    } catch (e) {
      setError(e);
    }
  };
  const confirming = open && (open.kind === 'release' || open.kind === 'disassociate') ? open : null;

  const shownColumns = useMemo(() => withProjectColumn(columns, t, scope, (r) => r.project_id), [columns, t, scope]);
  return (
    <div className="flex flex-col gap-3">
      <PageTitle title={t('fip.title')}>
        {canWrite ? (
          <SupportButton requires="POST /floating-ips" variant="primary" onClick={() => setOpen({ kind: 'allocate' })}>
            {t('fip.allocate')}
          </SupportButton>
        ) : null}
      </PageTitle>
      <UnsupportedNotice requires="GET /floating-ips" />
      <div className="flex flex-wrap items-center gap-2">
        <AllProjectsFilter scope={scope} requires="GET /floating-ips" />
      </div>
      <div className="rounded-lg border border-line bg-surface">
        {list.error ? (
          <QueryFailure error={list.error} />
        ) : (
          <ResourceTable
            label={t('fip.title')}
            rows={list.data?.items ?? []}
            columns={shownColumns}
            getRowId={(f) => f.id}
            getRowLabel={(f) => f.floating_ip_address}
            isLoading={list.isPending}
            sort={params.sort}
            onSortChange={(sort) => setParams({ sort: sort ?? '' })}
            empty={<EmptyState title={t('fip.none')} hint={t('fip.noneHint')} />}
          />
        )}
        <Pagination
          page={page}
          pageSize={params.limit ?? 20}
          total={list.data?.total ?? 0}
          onChange={(p) => setParams(p)}
        />
      </div>
      {error && !open ? <ErrorText error={error} /> : null}
      <AllocateDialog open={open?.kind === 'allocate'} onClose={close} />
      {open?.kind === 'associate' ? <AssociateDialog fip={open.fip} onClose={close} /> : null}
      <ConfirmDialog
        open={!!confirming}
        title={confirming?.kind === 'release' ? t('fip.release') : t('fip.disassociate')}
        message={
          confirming
            ? t(confirming.kind === 'release' ? 'fip.releaseConfirm' : 'fip.disassociateConfirm', {
                ip: confirming.fip.floating_ip_address,
              })
            : ''
        }
        confirmLabel={confirming?.kind === 'release' ? t('fip.release') : t('fip.disassociate')}
        isDanger={confirming?.kind === 'release'}
        isPending={update.isPending || release.isPending}
        error={error}
        onClose={close}
        onConfirm={confirm}
      />
    </div>
  );
}
