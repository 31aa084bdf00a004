'use client';
import { useState } from 'react';
import { PageTitle } from '@/components/feature/page-title';
import { QueryFailure } from '@/components/feature/unavailable';
import { FilterSelect } from '@/components/resource/list-toolbar';
import { Pagination } from '@/components/resource/pagination';
import { StatusBadge } from '@/components/resource/status-badge';
import { useListParams } from '@/components/resource/use-list-params';
import { Button } from '@/components/ui/button';
import { ErrorText } from '@/components/ui/error-text';
import { fetchAllAuditRecords } from '@/lib/api/audit';
import { useAuditQuery } from '@/lib/api/compute';
import type { ListParams } from '@/lib/api/list';
import { useSessionInfo } from '@/lib/api/session';
import { toCsv } from '@/lib/format/csv';
import { formatDateTime } from '@/lib/format/dates';
import { useI18n } from '@/lib/i18n/provider';

const filterKeys = ['user', 'action', 'resource_type', 'result', 'since', 'until'] as const;
const resourceTypes = [
  'server',
  'volume',
  'snapshot',
  'image',
  'flavor',
  'network',
  'subnet',
  'floating_ip',
  'public_ip',
  'load_balancer',
  'security_group',
  'security_group_rule',
  'auth',
];
// <input type="datetime-local"> speaks local time without a zone; the API wants ISO 8601 with one.
const toIso = (local: string) => (local ? new Date(local).toISOString() : undefined);
const toLocal = (iso: string | undefined) => {
  if (!iso) return '';
  const d = new Date(iso);
  return Number.isNaN(d.getTime())
    ? ''
    : new Date(d.getTime() - d.getTimezoneOffset() * 60_000).toISOString().slice(0, 16);
};

/** The audit log with filters in the URL and a CSV export of everything the filters match. */
export function AuditView() {
  const { t, locale } = useI18n();
  const session = useSessionInfo();
  const { params, setParams, page } = useListParams(filterKeys, { sort: '-at' });
  const q = useAuditQuery(session.projectId, params);
  const [exportError, setExportError] = useState<unknown>(null);
  const [isExporting, setIsExporting] = useState(false);
  const str = (k: string) => String(params[k] ?? '');

  const exportCsv = async () => {
    setIsExporting(true);
    setExportError(null);
    try {
      const filters: ListParams = Object.fromEntries(filterKeys.filter((k) => params[k]).map((k) => [k, params[k]]));
      const records = await fetchAllAuditRecords({ ...filters, sort: params.sort });
      const csv = toCsv(
        [
          'at',
          'user',
          'project_id',
          'action',
          'resource_type',
          'resource_id',
          'result',
          'status_code',
          'message',
          'request_id',
        ],
        records.map((r) => [
          r.at,
          r.user_name,
          r.project_id,
          r.action,
          r.resource_type,
          r.resource_id,
          r.result,
          r.status_code,
          r.message,
          r.request_id,
        ]),
      );
      const url = URL.createObjectURL(new Blob([csv], { type: 'text/csv;charset=utf-8' }));
      const a = document.createElement('a');
      a.href = url;
      a.download = `audit-${new Date().toISOString().slice(0, 19).replace(/:/g, '')}.csv`;
      a.click();
      URL.revokeObjectURL(url);
    } catch (e) {
      setExportError(e);
    } finally {
      setIsExporting(false);
    }
  };

  const input = 'h-8 rounded border border-line bg-surface px-2 text-sm text-ink';
  return (
    <div className="flex flex-col gap-3">
      <PageTitle title={t('admin.audit')}>
        <Button onClick={exportCsv} disabled={isExporting}>
          {isExporting ? t('common.loading') : t('admin.exportCsv')}
        </Button>
      </PageTitle>
      <form
        className="flex flex-wrap items-center gap-2"
        aria-label={t('admin.auditFilters')}
        onSubmit={(e) => e.preventDefault()}
      >
        <input
          className={`${input} w-36`}
          aria-label={t('common.user')}
          placeholder={t('common.user')}
          defaultValue={str('user')}
          onBlur={(e) => setParams({ user: e.target.value.trim() })}
          onKeyDown={(e) => e.key === 'Enter' && setParams({ user: e.currentTarget.value.trim() })}
        />
        <input
          className={`${input} w-40`}
          aria-label={t('common.action')}
          placeholder={t('admin.actionPlaceholder')}
          defaultValue={str('action')}
          onBlur={(e) => setParams({ action: e.target.value.trim() })}
          onKeyDown={(e) => e.key === 'Enter' && setParams({ action: e.currentTarget.value.trim() })}
        />
        <FilterSelect
          label={t('common.resource')}
          value={str('resource_type')}
          options={resourceTypes.map((r) => ({ value: r, label: r }))}
          onChange={(v) => setParams({ resource_type: v })}
        />
        <FilterSelect
          label={t('common.result')}
          value={str('result')}
          options={[
            { value: 'success', label: t('status.success') },
            { value: 'failure', label: t('status.failure') },
          ]}
          onChange={(v) => setParams({ result: v })}
        />
        <label className="flex items-center gap-1 text-xs text-muted">
          {t('admin.since')}
          <input
            type="datetime-local"
            className={input}
            aria-label={t('admin.since')}
            value={toLocal(str('since') || undefined)}
            onChange={(e) => setParams({ since: toIso(e.target.value) })}
          />
        </label>
        <label className="flex items-center gap-1 text-xs text-muted">
          {t('admin.until')}
          <input
            type="datetime-local"
            className={input}
            aria-label={t('admin.until')}
            value={toLocal(str('until') || undefined)}
            onChange={(e) => setParams({ until: toIso(e.target.value) })}
          />
        </label>
      </form>
      <ErrorText error={exportError} />
      <div className="rounded-lg border border-line bg-surface">
        {q.error ? <QueryFailure error={q.error} /> : null}
        <div className="overflow-auto" style={{ maxHeight: 'calc(100vh - 260px)' }}>
          <table className="w-full text-sm" aria-label={t('admin.audit')}>
            <thead className="sticky top-0 bg-surface-2 text-left text-xs text-muted">
              <tr>
                <th className="px-3 py-2 font-medium">{t('common.time')}</th>
                <th className="font-medium">{t('common.user')}</th>
                <th className="font-medium">{t('common.action')}</th>
                <th className="font-medium">{t('common.resource')}</th>
                <th className="font-medium">{t('common.result')}</th>
                <th className="font-medium">{t('admin.message')}</th>
              </tr>
            </thead>
            <tbody>
              {(q.data?.items ?? []).map((r) => (
                <tr key={r.id} className="border-t border-line">
                  <td className="px-3 py-1 text-xs whitespace-nowrap">{formatDateTime(r.at, locale)}</td>
                  <td>{r.user_name ?? '—'}</td>
                  <td className="font-mono text-xs">{r.action}</td>
                  <td className="text-xs">
                    {r.resource_type} <code className="text-muted">{r.resource_id?.slice(0, 8)}</code>
                  </td>
                  <td>
                    <StatusBadge status={r.result} /> <span className="text-xs text-muted">{r.status_code}</span>
                  </td>
                  <td className="max-w-md truncate text-xs" title={r.message ?? ''}>
                    {r.message}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          {q.data && q.data.items.length === 0 ? <p className="p-4 text-sm text-muted">{t('common.empty')}</p> : null}
        </div>
        <Pagination
          page={page}
          pageSize={params.limit ?? 20}
          total={q.data?.total ?? 0}
          onChange={(p) => setParams(p)}
        />
      </div>
    </div>
  );
}
