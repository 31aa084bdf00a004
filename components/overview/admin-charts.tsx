'use client';
import { useQueries } from '@tanstack/react-query';
import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { Card } from '@/components/ui/card';
import { ErrorText } from '@/components/ui/error-text';
import { get } from '@/lib/api/client';
import { quotaKeys, useDatacentersQuery, useHostsQuery } from '@/lib/api/compute';
import { useSessionInfo } from '@/lib/api/session';
import { formatMb, percent } from '@/lib/format/units';
import { useI18n } from '@/lib/i18n/provider';
import { QuotaBar } from './quota-bar';

/** Admin only (loaded lazily so tenants never download the chart library). */
export default function AdminCharts() {
  const { t } = useI18n();
  const { projectId } = useSessionInfo();
  const dcs = useDatacentersQuery();
  const hosts = useHostsQuery();
  const capacity = useQueries({
    queries: (dcs.data ?? []).map((d) => ({
      queryKey: quotaKeys.compute(projectId, 'datacenter', d.id),
      queryFn: () => get('GET /quotas/compute', { query: { scope: 'datacenter', datacenter_id: d.id } }),
    })),
  });
  const hostData = (hosts.data ?? []).map((h) => ({
    name: h.name,
    vcpu: percent(h.used_vcpus, h.total_vcpus),
    ram: percent(h.used_memory_mb, h.total_memory_mb),
    disk: percent(h.used_disk_gb, h.total_disk_gb),
  }));
  return (
    <div className="grid grid-cols-3 gap-4">
      <Card title={t('overview.capacity')}>
        <div className="flex flex-col gap-4">
          {(dcs.data ?? []).map((d, i) => {
            const c = capacity[i]?.data;
            return (
              <div key={d.id} className="flex flex-col gap-2">
                <h3 className="text-xs font-semibold">{d.name}</h3>
                {capacity[i]?.error ? <ErrorText error={capacity[i]?.error} /> : null}
                {c ? (
                  <>
                    <QuotaBar label={t('quota.vcpus')} used={c.used_vcpus} total={c.total_vcpus} />
                    <QuotaBar
                      label={t('quota.ram')}
                      used={c.used_memory_mb}
                      total={c.total_memory_mb}
                      format={formatMb}
                    />
                  </>
                ) : null}
              </div>
            );
          })}
        </div>
      </Card>
      <Card title={t('overview.hostUsage')} className="col-span-2">
        <ErrorText error={hosts.error} />
        <figure aria-label={t('overview.hostUsage')} className="h-72">
          <ResponsiveContainer width="100%" height="100%">
            <BarChart data={hostData} margin={{ left: 0, right: 8, top: 8, bottom: 40 }}>
              <CartesianGrid strokeDasharray="3 3" stroke="var(--line)" />
              <XAxis
                dataKey="name"
                angle={-30}
                textAnchor="end"
                interval={0}
                tick={{ fontSize: 11, fill: 'var(--muted)' }}
              />
              <YAxis unit="%" domain={[0, 100]} tick={{ fontSize: 11, fill: 'var(--muted)' }} />
              <Tooltip contentStyle={{ background: 'var(--surface)', border: '1px solid var(--line)' }} />
              <Legend verticalAlign="top" />
              <Bar dataKey="vcpu" name="vCPU %" fill="#2563eb" />
              <Bar dataKey="ram" name={`${t('quota.ram')} %`} fill="#10b981" />
              <Bar dataKey="disk" name="Disk %" fill="#f59e0b" />
            </BarChart>
          </ResponsiveContainer>
        </figure>
      </Card>
    </div>
  );
}
