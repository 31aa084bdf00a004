'use client';
import { SupportButton } from '@/components/feature/support-gate';
import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { DetailRow } from '@/components/feature/detail-row';
import { QueryFailure } from '@/components/feature/unavailable';
import { useCanWrite } from '@/components/feature/use-can-write';
import { ConfirmDialog } from '@/components/resource/confirm-dialog';
import { DetailHeader } from '@/components/resource/detail-header';
import { useStateReason } from '@/components/resource/state-reason';
import { StatusBadge } from '@/components/resource/status-badge';
import { Card } from '@/components/ui/card';
import { useLoadBalancerChangeMutation, useLoadBalancerQuery } from '@/lib/api/load-balancers';
import { useSessionInfo } from '@/lib/api/session';
import { isLoadBalancerTransitional, loadBalancerRules } from '@/lib/contract/load-balancer';
import { formatDateTime } from '@/lib/format/dates';
import { useI18n } from '@/lib/i18n/provider';
import { ListenersCard } from './listeners-card';
import { MembersCard } from './members-card';

export function LoadBalancerDetail({ id }: { id: string }) {
  const { t, locale } = useI18n();
  const session = useSessionInfo();
  const canWrite = useCanWrite();
  const router = useRouter();
  const q = useLoadBalancerQuery(session.projectId, id);
  const change = useLoadBalancerChangeMutation();
  const [isDeleting, setIsDeleting] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const reason = useStateReason();
  const lb = q.data;
  if (q.isPending) return <p className="text-sm text-muted">{t('common.loading')}</p>;
  if (!lb) return <QueryFailure error={q.error} />;
  return (
    <div>
      <DetailHeader
        backHref="/load-balancers"
        backLabel={t('lb.title')}
        title={lb.name}
        subtitle={lb.id}
        status={<StatusBadge status={lb.status} />}
        actions={
          canWrite ? (
            <SupportButton
              requires="DELETE /load-balancers/{id}"
              variant="danger"
              disabled={!loadBalancerRules.allowed('delete', lb.status)}
              title={reason(loadBalancerRules.refusal('delete', lb.status))}
              onClick={() => setIsDeleting(true)}
            >
              {t('lb.delete')}
            </SupportButton>
          ) : null
        }
      />
      {isLoadBalancerTransitional(lb.status) ? (
        <p className="mb-3 text-sm text-amber-700 dark:text-amber-300">
          {t('lb.provisioning', { status: t(`status.${lb.status}`) })}
        </p>
      ) : null}
      <div className="grid grid-cols-1 gap-4 lg:grid-cols-2">
        <Card title={t('servers.overview')}>
          <dl>
            <DetailRow label={t('common.description')}>{lb.description || '—'}</DetailRow>
            <DetailRow label={t('lb.vip')}>{lb.ip_address ?? '—'}</DetailRow>
            <DetailRow label={t('wizard.subnet')}>{lb.subnet_id ?? '—'}</DetailRow>
            <DetailRow label={t('common.createdAt')}>{formatDateTime(lb.created_at, locale)}</DetailRow>
          </dl>
        </Card>
        <ListenersCard lb={lb} canWrite={canWrite} />
        <MembersCard lb={lb} canWrite={canWrite} />
      </div>
      <ConfirmDialog
        open={isDeleting}
        title={t('lb.delete')}
        message={t('lb.deleteConfirm', { name: lb.name })}
        typeToConfirm={lb.name}
        confirmLabel={t('common.delete')}
        isDanger
        isPending={change.isPending}
        error={error}
        onClose={() => {
          setIsDeleting(false);
          setError(null);
        }}
        onConfirm={async () => {
          try {
            await change.mutateAsync({ id: lb.id, change: { kind: 'delete' } });
            router.push('/load-balancers');
          } catch (e) {
            setError(e);
          }
        }}
      />
    </div>
  );
}
