'use client';
import { DetailHeader } from '@/components/resource/detail-header';
import { StatusBadge } from '@/components/resource/status-badge';
import { Card } from '@/components/ui/card';
import { ErrorText } from '@/components/ui/error-text';
import { useAuditQuery } from '@/lib/api/compute';
import { useServerQuery } from '@/lib/api/servers';
import { useSessionInfo } from '@/lib/api/session';
import { formatDateTime } from '@/lib/format/dates';
import { useI18n } from '@/lib/i18n/provider';
import { ConsoleLogCard } from './console-log';
import { ServerActions } from './server-actions';

function Row({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <div className="grid grid-cols-[10rem_1fr] gap-2 py-1 text-sm">
      <dt className="text-muted">{label}</dt>
      <dd className="break-all">{children}</dd>
    </div>
  );
}

export function ServerDetail({ id }: { id: string }) {
  const { t, locale } = useI18n();
  const session = useSessionInfo();
  const q = useServerQuery(session.projectId, id);
  const events = useAuditQuery(session.projectId, { resource_id: id, limit: 10 });
  if (q.isPending) return <p className="text-sm text-muted">{t('common.loading')}</p>;
  if (q.error) return <ErrorText error={q.error} />;
  const s = q.data;
  return (
    <div>
      <DetailHeader
        backHref="/servers"
        backLabel={t('servers.title')}
        title={s.name}
        subtitle={s.id}
        status={<StatusBadge status={s.status} />}
        actions={<ServerActions server={s} />}
      />
      <div className="grid grid-cols-2 gap-4">
        <Card title={t('servers.overview')}>
          <dl>
            <Row label={t('common.description')}>{s.description || '—'}</Row>
            <Row label={t('servers.flavor')}>{s.flavor_id}</Row>
            <Row label={t('servers.image')}>{s.image_id ?? '—'}</Row>
            <Row label={t('common.datacenter')}>{s.datacenter_id}</Row>
            {s.host ? <Row label={t('common.host')}>{s.host}</Row> : null}
            <Row label={t('kp.select')}>{s.key_name ?? '—'}</Row>
            <Row label={t('common.createdAt')}>{formatDateTime(s.created_at, locale)}</Row>
            <Row label={t('servers.metadata')}>
              {Object.entries(s.metadata).map(([k, v]) => (
                <code key={k} className="mr-2 text-xs">
                  {k}={v}
                </code>
              ))}
            </Row>
          </dl>
        </Card>
        <Card title={t('servers.addresses')}>
          <ul className="text-sm">
            {s.addresses.length === 0 ? <li className="text-muted">{t('common.none')}</li> : null}
            {s.addresses.map((a) => (
              <li key={a.network_id + a.private_ip} className="font-mono">
                {a.private_ip} {a.floating_ip ? `→ ${a.floating_ip}` : ''}{' '}
                <span className="text-xs text-muted">({a.network_id})</span>
              </li>
            ))}
          </ul>
        </Card>
        <Card title={t('servers.volumes')}>
          <ul className="text-sm">
            {s.volume_ids.length === 0 ? <li className="text-muted">{t('common.none')}</li> : null}
            {s.volume_ids.map((v) => (
              <li key={v} className="font-mono text-xs">
                {v}
              </li>
            ))}
          </ul>
        </Card>
        <Card title={t('servers.securityGroups')}>
          <ul className="text-sm">
            {s.security_groups.length === 0 ? <li className="text-muted">{t('common.none')}</li> : null}
            {s.security_groups.map((g) => (
              <li key={g.id}>{g.name}</li>
            ))}
          </ul>
        </Card>
        <ConsoleLogCard serverId={s.id} />
        <Card title={t('servers.events')} className="col-span-2">
          <ErrorText error={events.error} />
          <table className="w-full text-sm">
            <thead className="text-left text-xs text-muted">
              <tr>
                <th className="py-1">{t('common.time')}</th>
                <th>{t('common.user')}</th>
                <th>{t('common.action')}</th>
                <th>{t('common.result')}</th>
              </tr>
            </thead>
            <tbody>
              {(events.data?.items ?? []).map((r) => (
                <tr key={r.id} className="border-t border-line">
                  <td className="py-1 text-xs">{formatDateTime(r.at, locale)}</td>
                  <td>{r.user_name}</td>
                  <td>{r.action}</td>
                  <td>
                    <StatusBadge status={r.result} /> <span className="text-xs text-muted">{r.message}</span>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </Card>
      </div>
    </div>
  );
}
