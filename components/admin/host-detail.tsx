'use client';
import Link from 'next/link';
import { useState } from 'react';
import { PageTitle } from '@/components/feature/page-title';
import { SupportButton, UnsupportedNotice, useSupportGate } from '@/components/feature/support-gate';
import { QueryFailure } from '@/components/feature/unavailable';
import { StatusBadge } from '@/components/resource/status-badge';
import { TableNote } from '@/components/ui/table-note';
import { useHostQuery, useHostServersQuery } from '@/lib/api/compute';
import { formatMb } from '@/lib/format/units';
import { useI18n } from '@/lib/i18n/provider';
import { HostToggle, MigrateAllDialog } from './host-dialogs';
import { Usage } from './usage-meter';

/** One compute host (admins): its capacity, whether it takes new servers and why not, its servers, emptying it. */
export function HostDetail({ id }: { id: string }) {
  const { t } = useI18n();
  const gate = useSupportGate('GET /hosts/{id}');
  const host = useHostQuery(id, gate.supported);
  const servers = useHostServersQuery(host.data?.name);
  const [migrating, setMigrating] = useState(false);
  const h = host.data;
  return (
    <div className="flex flex-col gap-3">
      <PageTitle title={t('admin.hostDetail', { name: h?.name ?? id })}>
        <Link href="/admin/hosts" className="text-sm text-blue-700 hover:underline dark:text-blue-300">
          {t('admin.backToHosts')}
        </Link>
      </PageTitle>
      <UnsupportedNotice requires="GET /hosts/{id}" />
      {host.error ? <QueryFailure error={host.error} /> : null}
      {h ? (
        <section className="flex flex-col gap-2 rounded-lg border border-line bg-surface p-3 text-sm">
          <div className="flex flex-wrap items-center gap-3">
            <StatusBadge status={h.status} />
            <span>{h.datacenter_id}</span>
            {h.status === 'disabled' ? (
              <span data-testid="host-reason">
                {t('admin.hostDisabledBecause', { reason: h.disabled_reason ?? '' })}
              </span>
            ) : null}
            <span className="ml-auto flex gap-2">
              <HostToggle host={h} />
              <SupportButton requires="POST /hosts/{id}/migrate-servers" size="sm" onClick={() => setMigrating(true)}>
                {t('admin.migrateAllOff')}
              </SupportButton>
            </span>
          </div>
          <div className="grid max-w-xl grid-cols-3 gap-3">
            <Usage used={h.used_vcpus} total={h.total_vcpus} text={`vCPU ${h.used_vcpus} / ${h.total_vcpus}`} />
            <Usage
              used={h.used_memory_mb}
              total={h.total_memory_mb}
              text={`${formatMb(h.used_memory_mb)} / ${formatMb(h.total_memory_mb)}`}
            />
            <Usage used={h.used_disk_gb} total={h.total_disk_gb} text={`${h.used_disk_gb} / ${h.total_disk_gb} GB`} />
          </div>
        </section>
      ) : null}
      <div className="overflow-auto rounded-lg border border-line bg-surface" hidden={!gate.supported}>
        {servers.error ? <QueryFailure error={servers.error} /> : null}
        <table className="w-full text-sm" aria-label={t('admin.hostServers')}>
          <thead className="bg-surface-2 text-left text-xs text-muted">
            <tr>
              <th className="px-3 py-2 font-medium">{t('common.name')}</th>
              <th className="font-medium">{t('common.status')}</th>
              <th className="font-medium">{t('admin.project')}</th>
            </tr>
          </thead>
          <tbody>
            {servers.isPending && h ? <TableNote colSpan={3}>{t('common.loading')}</TableNote> : null}
            {servers.data?.length === 0 ? <TableNote colSpan={3}>{t('admin.hostNoServers')}</TableNote> : null}
            {(servers.data ?? []).map((s) => (
              <tr key={s.id} className="border-t border-line">
                <td className="px-3 py-1.5 font-medium">
                  <Link
                    href={`/servers/${encodeURIComponent(s.id)}`}
                    className="text-blue-700 hover:underline dark:text-blue-300"
                  >
                    {s.name}
                  </Link>
                </td>
                <td>
                  <StatusBadge status={s.status} />
                </td>
                <td className="text-xs">{s.project_id}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {migrating && h ? <MigrateAllDialog host={h} onClose={() => setMigrating(false)} /> : null}
    </div>
  );
}
