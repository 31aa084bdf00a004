'use client';
import Link from 'next/link';
import { StatusBadge } from '@/components/resource/status-badge';
import { Card } from '@/components/ui/card';
import { ErrorText } from '@/components/ui/error-text';
import { useAuditQuery, useComputeQuotaQuery, useDatacentersQuery, useVolumeQuotaQuery } from '@/lib/api/compute';
import { useServerStatusCountsQuery } from '@/lib/api/servers';
import { useSessionInfo } from '@/lib/api/session';
import { ServerStatus } from '@/lib/contract/server';
import { formatDateTime } from '@/lib/format/dates';
import { formatMb } from '@/lib/format/units';
import { useI18n } from '@/lib/i18n/provider';
import { usePrefs } from '@/components/shell/prefs';
import { QuotaBar } from './quota-bar';

export function DatacentersCard() {
  const { t } = useI18n();
  const q = useDatacentersQuery();
  return (
    <Card title={t('overview.datacenters')}>
      {q.error ? <ErrorText error={q.error} /> : null}
      <ul className="flex flex-col gap-2">
        {(q.data ?? []).map((d) => (
          <li key={d.id} className="flex items-center justify-between text-sm">
            <span>
              {d.name} <span className="text-xs text-muted">{d.region}</span>
            </span>
            <StatusBadge status={d.status} />
          </li>
        ))}
      </ul>
    </Card>
  );
}

export function QuotaCard() {
  const { t } = useI18n();
  const { projectId } = useSessionInfo();
  const { datacenterId } = usePrefs();
  const compute = useComputeQuotaQuery(projectId, { datacenterId: datacenterId || undefined });
  const volume = useVolumeQuotaQuery(projectId, datacenterId || undefined);
  const c = compute.data;
  const v = volume.data;
  return (
    <Card title={t('overview.quota')}>
      <ErrorText error={compute.error ?? volume.error} />
      <div className="grid grid-cols-2 gap-x-6 gap-y-3">
        {c ? (
          <>
            <QuotaBar label={t('quota.instances')} used={c.used_instances} total={c.total_instances} />
            <QuotaBar label={t('quota.vcpus')} used={c.used_vcpus} total={c.total_vcpus} />
            <QuotaBar label={t('quota.ram')} used={c.used_memory_mb} total={c.total_memory_mb} format={formatMb} />
            {c.total_floating_ips !== undefined ? (
              <QuotaBar label={t('quota.floatingIps')} used={c.used_floating_ips ?? 0} total={c.total_floating_ips} />
            ) : null}
            {c.total_public_ips !== undefined ? (
              <QuotaBar label={t('quota.publicIps')} used={c.used_public_ips ?? 0} total={c.total_public_ips} />
            ) : null}
          </>
        ) : null}
        {v ? (
          <>
            <QuotaBar label={t('quota.volumes')} used={v.used_volumes} total={v.total_volumes} />
            <QuotaBar label={t('quota.volumeGb')} used={v.used_gb} total={v.total_gb} format={(n) => `${n} GB`} />
          </>
        ) : null}
      </div>
    </Card>
  );
}

/** Counts by status come from one request: the backend counts them in one listing (GET /servers/status-counts). */
export function ServerStatusCard() {
  const { t } = useI18n();
  const { projectId } = useSessionInfo();
  const counts = useServerStatusCountsQuery(projectId);
  const q = {
    error: counts.error,
    data: counts.data
      ? ServerStatus.options.map((s) => [s, counts.data.counts[s]] as const).filter(([, n]) => n > 0)
      : undefined,
  };
  return (
    <Card title={t('overview.resources')}>
      <ErrorText error={q.error} />
      <h3 className="mb-2 text-xs font-medium text-muted">{t('nav.servers')}</h3>
      <ul className="flex flex-wrap gap-3">
        {(q.data ?? []).map(([s, n]) => (
          <li key={s}>
            <Link
              href={`/servers?status=${s}`}
              className="flex items-center gap-2 rounded border border-line px-3 py-2 hover:bg-surface-2"
            >
              <StatusBadge status={s} />
              <span className="text-lg font-semibold tabular-nums">{n}</span>
            </Link>
          </li>
        ))}
        {q.data && q.data.length === 0 ? <li className="text-sm text-muted">{t('common.empty')}</li> : null}
      </ul>
    </Card>
  );
}

export function ActivityCard() {
  const { t, locale } = useI18n();
  const { projectId } = useSessionInfo();
  const q = useAuditQuery(projectId, { limit: 10, sort: '-at' });
  return (
    <Card title={t('overview.activity')}>
      <ErrorText error={q.error} />
      {q.data && q.data.items.length === 0 ? <p className="text-sm text-muted">{t('overview.noActivity')}</p> : null}
      <ul className="divide-y divide-line text-sm">
        {(q.data?.items ?? []).map((r) => (
          <li key={r.id} className="flex items-center justify-between gap-2 py-1.5">
            <span className="truncate">
              <span className="text-muted">{r.user_name ?? '—'}</span> {r.action}{' '}
              <code className="text-xs text-muted">{r.resource_id ?? ''}</code>
            </span>
            <span className="flex shrink-0 items-center gap-2 text-xs text-muted">
              <StatusBadge status={r.result} />
              {formatDateTime(r.at, locale)}
            </span>
          </li>
        ))}
      </ul>
    </Card>
  );
}
