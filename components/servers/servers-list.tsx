'use client';
import {
  AllProjectsFilter,
  allProjectsParams,
  useAllProjectsScope,
  withProjectColumn,
} from '@/components/feature/all-projects-scope';
import Link from 'next/link';
import { useCallback, useMemo, useState } from 'react';
import { ConfirmDialog } from '@/components/resource/confirm-dialog';
import { EmptyState } from '@/components/resource/empty-state';
import { FilterSelect, SearchBox } from '@/components/resource/list-toolbar';
import { Pagination } from '@/components/resource/pagination';
import { ResourceTable, type BatchAction } from '@/components/resource/resource-table';
import { useListParams } from '@/components/resource/use-list-params';
import { usePrefs } from '@/components/shell/prefs';
import { Button } from '@/components/ui/button';
import { useDatacentersQuery } from '@/lib/api/compute';
import { useServerActionMutation, useServersQuery, type ServerAction } from '@/lib/api/servers';
import { useSessionInfo } from '@/lib/api/session';
import { serverRules, ServerStatus, type Server } from '@/lib/contract/server';
import { useI18n } from '@/lib/i18n/provider';
import { serverColumns } from './server-columns';

export function ServersList() {
  const { t, locale } = useI18n();
  const session = useSessionInfo();
  const { datacenterId } = usePrefs();
  const { params, setParams, page } = useListParams(['status', 'datacenter_id', ...allProjectsParams], {
    sort: '-created_at',
  });
  // The shell's datacenter filter applies unless the URL names a datacenter itself.
  const scope = useAllProjectsScope(params, setParams);
  const effective = useMemo(
    () => scope.query({ ...params, datacenter_id: params.datacenter_id ?? (datacenterId || undefined) }),
    [params, datacenterId, scope],
  );
  const list = useServersQuery(session.projectId, effective);
  const dcs = useDatacentersQuery();
  const columns = useMemo(() => serverColumns(t, locale, session.isAdmin), [t, locale, session.isAdmin]);
  const label = useCallback((name: string) => name, []);
  const action = useServerActionMutation(label);
  const [pendingDelete, setPendingDelete] = useState<{ rows: Server[]; resolve: (ok: boolean) => void } | null>(null);

  const run = (kind: string, a: ServerAction) => async (rows: Server[]) =>
    (await action.mutateAsync({ servers: rows, action: a })).map((r) => ({ ...r, name: `${r.name} (${kind})` }));
  const canWrite = !session.roles.includes('reader') || session.isAdmin;
  const batch: Array<BatchAction<Server>> = canWrite
    ? [
        {
          id: 'start',
          label: t('servers.start'),
          isAllowed: (s) => serverRules.allowed('start', s.status),
          run: run(t('servers.start'), { kind: 'start' }),
        },
        {
          id: 'stop',
          label: t('servers.stop'),
          isAllowed: (s) => serverRules.allowed('stop', s.status),
          run: run(t('servers.stop'), { kind: 'stop' }),
        },
        {
          id: 'reboot',
          label: t('servers.reboot'),
          isAllowed: (s) => serverRules.allowed('reboot-soft', s.status),
          run: run(t('servers.reboot'), { kind: 'reboot', type: 'soft' }),
        },
        {
          id: 'delete',
          label: t('common.delete'),
          isDanger: true,
          isAllowed: (s) => serverRules.allowed('delete', s.status),
          run: async (rows) => {
            const ok = await new Promise<boolean>((resolve) => setPendingDelete({ rows, resolve }));
            return ok ? run(t('common.delete'), { kind: 'delete' })(rows) : [];
          },
        },
      ]
    : [];

  const shownColumns = useMemo(() => withProjectColumn(columns, t, scope, (r) => r.project_id), [columns, t, scope]);
  return (
    <div className="flex flex-col gap-3">
      <div className="flex items-center justify-between">
        <h1 className="text-xl font-semibold">{t('servers.title')}</h1>
        {canWrite ? (
          <Link
            href="/servers/new"
            className="inline-flex h-8 items-center rounded bg-brand px-3 text-sm font-medium text-brand-ink hover:opacity-90"
          >
            {t('servers.create')}
          </Link>
        ) : null}
      </div>
      <div className="flex flex-wrap items-center gap-2">
        <SearchBox
          label={t('servers.searchPlaceholder')}
          value={params.name ?? ''}
          onChange={(v) => setParams({ name: v })}
        />
        <FilterSelect
          label={t('common.status')}
          value={params.status ?? ''}
          options={ServerStatus.options.map((s) => ({ value: s, label: t(`status.${s}`) }))}
          onChange={(v) => setParams({ status: v })}
        />
        <FilterSelect
          label={t('common.datacenter')}
          value={params.datacenter_id ?? ''}
          options={(dcs.data ?? []).map((d) => ({ value: d.id, label: d.name }))}
          onChange={(v) => setParams({ datacenter_id: v })}
        />
        <AllProjectsFilter scope={scope} requires="GET /servers#project_id" />
        <Button onClick={() => list.refetch()}>{t('common.refresh')}</Button>
      </div>
      <div className="rounded-lg border border-line bg-surface">
        <ResourceTable
          label={t('servers.title')}
          rows={list.data?.items ?? []}
          columns={shownColumns}
          getRowId={(s) => s.id}
          getRowLabel={(s) => s.name}
          isLoading={list.isPending}
          error={list.error}
          sort={params.sort}
          onSortChange={(sort) => setParams({ sort: sort ?? '' })}
          batchActions={batch}
          empty={<EmptyState title={t('servers.noServers')} hint={t('servers.noServersHint')} />}
        />
        <Pagination
          page={page}
          pageSize={params.limit ?? 20}
          total={list.data?.total ?? 0}
          onChange={(p) => setParams(p)}
        />
      </div>
      <ConfirmDialog
        open={!!pendingDelete}
        title={t('common.delete')}
        message={pendingDelete?.rows.map((r) => r.name).join(', ')}
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
