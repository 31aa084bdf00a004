'use client';
import { AllProjectsLinks } from '@/components/feature/all-projects-scope';
import Link from 'next/link';
import { PageTitle } from '@/components/feature/page-title';
import { UnsupportedNotice, useSupportGate } from '@/components/feature/support-gate';
import { QueryFailure } from '@/components/feature/unavailable';
import { StatusBadge } from '@/components/resource/status-badge';
import { HostToggle } from './host-dialogs';
import { Usage } from './usage-meter';
import { useHostsQuery } from '@/lib/api/compute';
import { formatMb } from '@/lib/format/units';
import { useI18n } from '@/lib/i18n/provider';
import { TableNote } from '@/components/ui/table-note';

/** Compute hosts with capacity and usage (admins). */
export function HostsView() {
  const { t } = useI18n();
  // A cloud that shows no hosts says so from its table; asking anyway would only fetch the same refusal.
  const gate = useSupportGate('GET /hosts');
  const hosts = useHostsQuery(undefined, gate.supported);
  return (
    <div className="flex flex-col gap-3">
      <PageTitle title={t('admin.hosts')}>
        <Link href="/admin/servers" className="text-sm text-blue-700 hover:underline dark:text-blue-300">
          {t('admin.allServers')}
        </Link>
        <Link href="/volumes?all_projects=true" className="text-sm text-blue-700 hover:underline dark:text-blue-300">
          {t('admin.allVolumes')}
        </Link>
      </PageTitle>
      <div className="flex flex-wrap items-center gap-2 text-sm">
        <span className="text-muted">{t('admin.allProjectsLists')}</span>
        <AllProjectsLinks label={t('admin.allProjectsLists')} />
      </div>
      <UnsupportedNotice requires="GET /hosts" />
      <div className="overflow-auto rounded-lg border border-line bg-surface" hidden={!gate.supported}>
        {hosts.error ? <QueryFailure error={hosts.error} /> : null}
        <table className="w-full text-sm" aria-label={t('admin.hosts')}>
          <thead className="bg-surface-2 text-left text-xs text-muted">
            <tr>
              <th className="px-3 py-2 font-medium">{t('common.name')}</th>
              <th className="font-medium">{t('common.datacenter')}</th>
              <th className="font-medium">{t('common.status')}</th>
              <th className="font-medium">vCPU</th>
              <th className="font-medium">{t('quota.ram')}</th>
              <th className="font-medium">{t('admin.disk')}</th>
              <th className="font-medium">{t('admin.serverCount')}</th>
              <th className="font-medium">{t('admin.hostReasonColumn')}</th>
              <th className="font-medium">
                <span className="sr-only">{t('common.actions')}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {hosts.isPending ? <TableNote colSpan={9}>{t('common.loading')}</TableNote> : null}
            {(hosts.data ?? []).map((h) => (
              <tr key={h.id} className="border-t border-line">
                <td className="px-3 py-1.5 font-medium">
                  <Link
                    href={`/admin/hosts/${encodeURIComponent(h.id)}`}
                    className="text-blue-700 hover:underline dark:text-blue-300"
                  >
                    {h.name}
                  </Link>
                </td>
                <td>{h.datacenter_id}</td>
                <td>
                  <StatusBadge status={h.state === 'down' ? 'down' : h.status} />
                </td>
                <td>
                  <Usage used={h.used_vcpus} total={h.total_vcpus} text={`${h.used_vcpus} / ${h.total_vcpus}`} />
                </td>
                <td>
                  <Usage
                    used={h.used_memory_mb}
                    total={h.total_memory_mb}
                    text={`${formatMb(h.used_memory_mb)} / ${formatMb(h.total_memory_mb)}`}
                  />
                </td>
                <td>
                  <Usage
                    used={h.used_disk_gb}
                    total={h.total_disk_gb}
                    text={`${h.used_disk_gb} / ${h.total_disk_gb} GB`}
                  />
                </td>
                <td>{h.servers}</td>
                <td className="text-xs">{h.disabled_reason ?? ''}</td>
                <td className="px-3">
                  <HostToggle host={h} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}
