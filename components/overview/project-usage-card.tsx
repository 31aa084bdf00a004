'use client';
import dynamic from 'next/dynamic';
import Link from 'next/link';
import { useState } from 'react';
import { UnsupportedNotice } from '@/components/feature/support-gate';
import { Card } from '@/components/ui/card';
import { ErrorText } from '@/components/ui/error-text';
import { useSupport } from '@/lib/api/capabilities';
import { useSessionInfo } from '@/lib/api/session';
import { useUsageQuery } from '@/lib/api/usage';
import { formatDateTime } from '@/lib/format/dates';
import { useI18n } from '@/lib/i18n/provider';

// recharts stays out of the overview's first load: the chart comes after the cards above it have their data.
const UsageChart = dynamic(() => import('@/components/usage/usage-chart'), { ssr: false });
const dayMs = 24 * 3600_000;

/**
 * The signed-in project's own allocation over the last 24 h (vCPU and RAM), from `GET /usage?project_id=` — which
 * every member may read for their own project — with the figures as text beside the chart for screen readers.
 */
export function ProjectUsageCard() {
  const { t, locale } = useI18n();
  const { projectId, isAdmin } = useSessionInfo();
  const support = useSupport('GET /usage');
  // Fixed when the card first shows, so the two charts and the figures are one answer.
  const [to] = useState(() => new Date().toISOString());
  const from = new Date(Date.parse(to) - dayMs).toISOString();
  const usage = useUsageQuery({ project_id: projectId, from, to }, support.supported);
  const points = usage.data?.points ?? [];
  const last = points[points.length - 1];
  const peak = points.reduce((m, p) => Math.max(m, p.vcpus), 0);
  const tick = (iso: string) => formatDateTime(iso, locale).slice(-5);
  return (
    <Card title={t('overview.projectUsage')} className="col-span-3">
      <UnsupportedNotice requires="GET /usage" />
      <ErrorText error={usage.error} />
      {support.supported ? (
        <>
          <p className="mb-2 text-xs text-muted" data-testid="project-usage-summary">
            {last
              ? t('overview.projectUsageSummary', {
                  vcpus: Math.round(last.vcpus * 10) / 10,
                  memory: Math.round(last.memory_mb),
                  peak: Math.round(peak * 10) / 10,
                })
              : t('common.loading')}{' '}
            {isAdmin ? (
              <Link href={`/admin/usage?project=${encodeURIComponent(projectId)}`} className="text-blue-700 underline">
                {t('overview.projectUsageMore')}
              </Link>
            ) : null}
          </p>
          <div className="grid grid-cols-2 gap-3" aria-hidden="true">
            {(
              [
                ['vcpus', t('usage.vcpus'), '#2563eb'],
                ['memory_mb', t('usage.memory'), '#10b981'],
              ] as const
            ).map(([key, name, color]) => (
              <figure key={key} className="h-36" data-testid={`project-usage-${key}`}>
                <figcaption className="text-xs text-muted">{name}</figcaption>
                {points.length ? (
                  <UsageChart
                    points={points}
                    dataKey={key}
                    name={name}
                    color={color}
                    tick={tick}
                    label={(l) => formatDateTime(l, locale)}
                  />
                ) : null}
              </figure>
            ))}
          </div>
        </>
      ) : null}
    </Card>
  );
}
