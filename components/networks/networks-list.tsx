'use client';
import { useMemo, useState } from 'react';
import { AllProjectsFilter, allProjectsParams, useAllProjectsScope } from '@/components/feature/all-projects-scope';
import { PageTitle } from '@/components/feature/page-title';
import { QueryFailure } from '@/components/feature/unavailable';
import { useCanWrite } from '@/components/feature/use-can-write';
import { ConfirmDialog } from '@/components/resource/confirm-dialog';
import { EmptyState } from '@/components/resource/empty-state';
import { SearchBox } from '@/components/resource/list-toolbar';
import { Pagination } from '@/components/resource/pagination';
import { useListParams } from '@/components/resource/use-list-params';
import { StatusBadge } from '@/components/resource/status-badge';
import { Button } from '@/components/ui/button';
import { useDeleteNetworkMutation, useDeleteSubnetMutation, useNetworksQuery } from '@/lib/api/networks';
import { useSessionInfo } from '@/lib/api/session';
import type { Network, Subnet } from '@/lib/contract/network';
import { useI18n } from '@/lib/i18n/provider';
import { CreateNetworkDialog, SubnetDialog } from './network-dialogs';

type Pending = { kind: 'network'; network: Network } | { kind: 'subnet'; subnet: Subnet } | null;

/** Networks with their subnets inline: the editor adds and removes subnets where they are listed. */
export function NetworksList() {
  const { t } = useI18n();
  const session = useSessionInfo();
  const canWrite = useCanWrite();
  const { params, setParams, page } = useListParams(allProjectsParams, { sort: 'name' });
  const scope = useAllProjectsScope(params, setParams);
  const list = useNetworksQuery(
    session.projectId,
    useMemo(() => scope.query(params), [scope, params]),
  );
  const delNet = useDeleteNetworkMutation();
  const delSub = useDeleteSubnetMutation();
  const [isCreating, setIsCreating] = useState(false);
  const [subnetFor, setSubnetFor] = useState<Network | null>(null);
  const [pending, setPending] = useState<Pending>(null);
  const [error, setError] = useState<unknown>(null);
  // Subnets of the project's networks, for the overlap warning of a new subnet (an all-projects list holds others').
  const allSubnets = (list.data?.items ?? [])
    .filter((n) => !n.external && n.project_id === session.projectId)
    .flatMap((n) => n.subnets.map((s) => ({ ...s, networkName: n.name })));
  const close = () => {
    setPending(null);
    setError(null);
  };
  const confirm = async () => {
    try {
      if (pending?.kind === 'network') await delNet.mutateAsync(pending.network.id);
      if (pending?.kind === 'subnet') await delSub.mutateAsync(pending.subnet.id);
      close();
    } catch (e) {
      setError(e);
    }
  };
  const isMine = (n: Network) => canWrite && !n.external && (n.project_id === session.projectId || session.isAdmin);

  return (
    <div className="flex flex-col gap-3">
      <PageTitle title={t('net.title')}>
        {canWrite ? (
          <Button variant="primary" onClick={() => setIsCreating(true)}>
            {t('net.create')}
          </Button>
        ) : null}
      </PageTitle>
      <div className="flex flex-wrap items-center gap-2">
        <SearchBox label={t('net.search')} value={params.name ?? ''} onChange={(v) => setParams({ name: v })} />
        <AllProjectsFilter scope={scope} requires="GET /networks#project_id" />
        <Button onClick={() => list.refetch()}>{t('common.refresh')}</Button>
      </div>
      {list.error ? <QueryFailure error={list.error} /> : null}
      {list.isPending ? <p className="text-sm text-muted">{t('common.loading')}</p> : null}
      {list.data && list.data.items.length === 0 ? <EmptyState title={t('net.none')} /> : null}
      <ul className="flex flex-col gap-3" aria-label={t('net.title')}>
        {(list.data?.items ?? []).map((n) => (
          <li key={n.id} aria-label={n.name} className="rounded-lg border border-line bg-surface">
            <div className="flex flex-wrap items-center justify-between gap-2 border-b border-line px-4 py-2">
              <div className="flex items-center gap-2">
                <h2 className="text-sm font-semibold">{n.name}</h2>
                <StatusBadge status={n.status} />
                {n.external ? (
                  <span className="rounded bg-purple-100 px-1.5 text-xs text-purple-800 dark:bg-purple-950 dark:text-purple-200">
                    {t('net.external')}
                  </span>
                ) : null}
                {n.shared ? <span className="text-xs text-muted">{t('net.shared')}</span> : null}
                {scope.isAllProjects ? (
                  <span className="text-xs" title={n.project_id ?? undefined}>
                    {t('admin.project')}: {scope.projectName(n.project_id)}
                  </span>
                ) : null}
                <code className="text-xs text-muted">{n.id}</code>
              </div>
              {isMine(n) ? (
                <div className="flex gap-2">
                  <Button size="sm" onClick={() => setSubnetFor(n)}>
                    {t('net.addSubnet')}
                  </Button>
                  <Button size="sm" variant="danger" onClick={() => setPending({ kind: 'network', network: n })}>
                    {t('net.delete')}
                  </Button>
                </div>
              ) : null}
            </div>
            <table className="w-full text-sm" aria-label={t('net.subnetsOf', { name: n.name })}>
              <thead className="text-left text-xs text-muted">
                <tr>
                  <th className="px-4 py-1 font-medium">{t('common.name')}</th>
                  <th className="font-medium">CIDR</th>
                  <th className="font-medium">{t('net.gateway')}</th>
                  <th className="font-medium">{t('net.ipVersion')}</th>
                  <th />
                </tr>
              </thead>
              <tbody>
                {n.subnets.length === 0 ? (
                  <tr>
                    <td colSpan={5} className="px-4 py-2 text-muted">
                      {t('net.noSubnets')}
                    </td>
                  </tr>
                ) : null}
                {n.subnets.map((s) => (
                  <tr key={s.id} className="border-t border-line">
                    <td className="px-4 py-1">{s.name}</td>
                    <td className="font-mono text-xs">{s.cidr}</td>
                    <td className="font-mono text-xs">{s.gateway_ip ?? '—'}</td>
                    <td>IPv{s.ip_version}</td>
                    <td className="pr-4 text-right">
                      {isMine(n) ? (
                        <Button
                          size="sm"
                          aria-label={t('net.removeSubnetNamed', { name: s.name })}
                          onClick={() => setPending({ kind: 'subnet', subnet: s })}
                        >
                          {t('net.removeSubnet')}
                        </Button>
                      ) : null}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </li>
        ))}
      </ul>
      <Pagination
        page={page}
        pageSize={params.limit ?? 20}
        total={list.data?.total ?? 0}
        onChange={(p) => setParams(p)}
      />
      <CreateNetworkDialog open={isCreating} onClose={() => setIsCreating(false)} />
      {subnetFor ? (
        <SubnetDialog network={subnetFor} projectSubnets={allSubnets} onClose={() => setSubnetFor(null)} />
      ) : null}
      <ConfirmDialog
        open={!!pending}
        title={pending?.kind === 'subnet' ? t('net.removeSubnet') : t('net.delete')}
        message={
          pending?.kind === 'subnet'
            ? t('net.removeSubnetConfirm', { name: pending.subnet.name, cidr: pending.subnet.cidr })
            : pending
              ? t('net.deleteConfirm', { name: pending.network.name })
              : ''
        }
        confirmLabel={t('common.delete')}
        isDanger
        isPending={delNet.isPending || delSub.isPending}
        error={error}
        onClose={close}
        onConfirm={confirm}
      />
    </div>
  );
}
