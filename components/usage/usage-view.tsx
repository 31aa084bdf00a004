'use client';
import dynamic from 'next/dynamic';
import { usePathname, useRouter, useSearchParams } from 'next/navigation';
import { useId, useMemo, useState } from 'react';
import { PageTitle } from '@/components/feature/page-title';
import { SupportLink, UnsupportedNotice, useSupportGate } from '@/components/feature/support-gate';
import { QueryFailure } from '@/components/feature/unavailable';
import { Button } from '@/components/ui/button';
import { Select } from '@/components/ui/field';
import { TableNote } from '@/components/ui/table-note';
import { useDatacentersQuery } from '@/lib/api/compute';
import { usageCsvHref, useUsageQuery, type UsageFilter } from '@/lib/api/usage';
import { useAllProjectsQuery } from '@/lib/api/users';
import type { UsagePoint } from '@/lib/contract/usage';
import { formatDateTime } from '@/lib/format/dates';
import { useI18n } from '@/lib/i18n/provider';
import type { MessageKey } from '@/lib/i18n/translate';

const ranges = { '24h': 86_400_000, '7d': 7 * 86_400_000, '30d': 30 * 86_400_000 } as const;
type Range = keyof typeof ranges;
const rangeLabels: Record<Range, MessageKey> = {
  '24h': 'usage.range24h',
  '7d': 'usage.range7d',
  '30d': 'usage.range30d',
};
/** The chart library (~100 KB gzip) loads after the page, so it is not part of the page's first-load JS. */
const UsageChart = dynamic(() => import('./usage-chart'), { ssr: false });

const series: { key: keyof Omit<UsagePoint, 'at'>; label: MessageKey; color: string }[] = [
  { key: 'vcpus', label: 'usage.vcpus', color: '#2563eb' },
  { key: 'memory_mb', label: 'usage.memory', color: '#10b981' },
  { key: 'disk_gb', label: 'usage.disk', color: '#f59e0b' },
];

/**
 * Usage over time (admins): one small chart per series (vCPU, RAM, root disk) for a project or all, a datacenter or
 * all, over the last 24 h / 7 d / 30 d; the same numbers as a table (for screen readers and checking) and the API's
 * CSV of them. The range is fixed when it is chosen, so the chart, the table and the CSV are one answer.
 */
export function UsageView() {
  const { t, locale } = useI18n();
  const router = useRouter();
  const pathname = usePathname();
  const search = useSearchParams();
  const gate = useSupportGate('GET /usage');
  const projects = useAllProjectsQuery(gate.supported);
  const dcs = useDatacentersQuery();
  const projectId = search.get('project') ?? '';
  const datacenterId = search.get('datacenter') ?? '';
  const range: Range = (Object.keys(ranges) as Range[]).find((r) => r === search.get('range')) ?? '7d';
  // Fixed when the page opens or the range changes, so the chart, the table and the CSV answer for one range.
  const [anchor, setAnchor] = useState(() => Date.now());
  const filter: UsageFilter = useMemo(
    () => ({
      project_id: projectId || undefined,
      datacenter_id: datacenterId || undefined,
      from: new Date(anchor - ranges[range]).toISOString(),
      to: new Date(anchor).toISOString(),
    }),
    [projectId, datacenterId, range, anchor],
  );
  const usage = useUsageQuery(filter, gate.supported);
  const [isTable, setIsTable] = useState(false);
  const summaryId = useId();
  const tableId = useId();

  const setParam = (k: string, v: string) => {
    const next = new URLSearchParams(search.toString());
    if (v) next.set(k, v);
    else next.delete(k);
    if (k === 'range') setAnchor(Date.now());
    router.replace(`${pathname}?${next.toString()}`);
  };

  const data = usage.data;
  const points = data?.points ?? [];
  const peak = (k: keyof Omit<UsagePoint, 'at'>) => points.reduce((m, p) => Math.max(m, p[k]), 0);
  const tick = (iso: string) =>
    new Intl.DateTimeFormat(locale, {
      timeZone: 'Asia/Shanghai',
      ...(data?.step === 'day'
        ? { month: '2-digit', day: '2-digit' }
        : { day: '2-digit', hour: '2-digit', minute: '2-digit' }),
    }).format(new Date(iso));

  return (
    <div className="flex flex-col gap-3">
      <PageTitle title={t('usage.title')}>
        {data ? (
          <SupportLink
            requires="GET /usage"
            href={usageCsvHref(filter)}
            isDownload
            className="inline-flex h-8 items-center rounded border border-line px-3 text-sm font-medium hover:bg-surface-2"
          >
            {t('usage.downloadCsv')}
          </SupportLink>
        ) : null}
      </PageTitle>
      <UnsupportedNotice requires="GET /usage" />
      <form
        className="flex flex-wrap items-end gap-3"
        aria-label={t('usage.filters')}
        onSubmit={(e) => e.preventDefault()}
        hidden={!gate.supported}
      >
        <label className="flex flex-col gap-1 text-xs font-medium text-muted">
          {t('usage.project')}
          <Select className="w-56" value={projectId} onChange={(e) => setParam('project', e.target.value)}>
            <option value="">{t('usage.allProjects')}</option>
            {(projects.data ?? []).map((p) => (
              <option key={p.id} value={p.id}>
                {p.name}
              </option>
            ))}
            {/* A project named in the URL before the list arrives keeps its choice. */}
            {projectId && !projects.data?.some((p) => p.id === projectId) ? (
              <option value={projectId}>{projectId}</option>
            ) : null}
          </Select>
        </label>
        <label className="flex flex-col gap-1 text-xs font-medium text-muted">
          {t('usage.datacenter')}
          <Select className="w-48" value={datacenterId} onChange={(e) => setParam('datacenter', e.target.value)}>
            <option value="">{t('usage.allDatacenters')}</option>
            {(dcs.data ?? []).map((d) => (
              <option key={d.id} value={d.id}>
                {d.name}
              </option>
            ))}
          </Select>
        </label>
        <label className="flex flex-col gap-1 text-xs font-medium text-muted">
          {t('usage.range')}
          <Select className="w-40" value={range} onChange={(e) => setParam('range', e.target.value)}>
            {(Object.keys(ranges) as Range[]).map((r) => (
              <option key={r} value={r}>
                {t(rangeLabels[r])}
              </option>
            ))}
          </Select>
        </label>
        <Button aria-expanded={isTable} aria-controls={tableId} onClick={() => setIsTable((v) => !v)}>
          {isTable ? t('usage.hideTable') : t('usage.showTable')}
        </Button>
      </form>
      {usage.error ? <QueryFailure error={usage.error} /> : null}
      {data ? (
        <>
          <p id={summaryId} className="text-sm text-muted" data-testid="usage-summary">
            {t('usage.summary', {
              count: points.length,
              from: formatDateTime(data.from, locale),
              to: formatDateTime(data.to, locale),
              step: t(data.step === 'day' ? 'usage.stepDay' : 'usage.stepHour'),
              vcpus: peak('vcpus'),
              memory: peak('memory_mb'),
              disk: peak('disk_gb'),
              servers: peak('servers'),
            })}{' '}
            {t('usage.note')}
          </p>
          <div className="grid gap-3 lg:grid-cols-3">
            {series.map((s) => (
              <figure
                key={s.key}
                className="rounded-lg border border-line bg-surface p-2"
                aria-describedby={summaryId}
                data-testid={`usage-chart-${s.key}`}
              >
                <figcaption className="px-1 text-sm font-medium">{t(s.label)}</figcaption>
                <div className="h-48" aria-hidden="true">
                  <UsageChart
                    points={points}
                    dataKey={s.key}
                    name={t(s.label)}
                    color={s.color}
                    tick={tick}
                    label={(l) => formatDateTime(l, locale)}
                  />
                </div>
              </figure>
            ))}
          </div>
          <div
            id={tableId}
            hidden={!isTable}
            className="max-h-96 overflow-auto rounded-lg border border-line bg-surface"
          >
            <table className="w-full text-sm" aria-label={t('usage.tableLabel')}>
              <thead className="sticky top-0 bg-surface-2 text-left text-xs text-muted">
                <tr>
                  <th className="px-3 py-2 font-medium">{t('usage.at')}</th>
                  {series.map((s) => (
                    <th key={s.key} className="font-medium">
                      {t(s.label)}
                    </th>
                  ))}
                  <th className="font-medium">{t('usage.servers')}</th>
                </tr>
              </thead>
              <tbody>
                {points.length === 0 ? <TableNote colSpan={5}>{t('usage.empty')}</TableNote> : null}
                {points.map((p) => (
                  <tr key={p.at} className="border-t border-line" data-at={p.at}>
                    <td className="px-3 py-1">
                      <time dateTime={p.at}>{formatDateTime(p.at, locale)}</time>
                    </td>
                    <td>{p.vcpus}</td>
                    <td>{p.memory_mb}</td>
                    <td>{p.disk_gb}</td>
                    <td>{p.servers}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      ) : null}
    </div>
  );
}
