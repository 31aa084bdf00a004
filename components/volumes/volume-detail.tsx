'use client';
import { SupportButton } from '@/components/feature/support-gate';
import Link from 'next/link';
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
import { ErrorText } from '@/components/ui/error-text';
import { useServerNames } from '@/lib/api/servers';
import { useSessionInfo } from '@/lib/api/session';
import { useSupport } from '@/lib/api/capabilities';
import { useSnapshotsQuery } from '@/lib/api/snapshots';
import { useVolumeActionMutation, useVolumeQuery } from '@/lib/api/volumes';
import { volumeAttachAllowed, volumeRules, type VolumeOperation } from '@/lib/contract/volume';
import { CreateSnapshotDialog } from '@/components/snapshots/snapshot-dialogs';
import { formatDateTime } from '@/lib/format/dates';
import { useI18n } from '@/lib/i18n/provider';
import { AttachDialog } from './attach-dialog';
import { ExtendDialog } from './extend-dialog';
import { RetypeDialog } from './retype-dialog';
import { volumeTypeLabel } from './volume-type-label';

type Open = null | 'attach' | 'extend' | 'retype' | 'snapshot' | 'delete' | { detach: string };

export function VolumeDetail({ id }: { id: string }) {
  const { t, locale } = useI18n();
  const session = useSessionInfo();
  const canWrite = useCanWrite();
  const router = useRouter();
  const q = useVolumeQuery(session.projectId, id);
  // Names of the servers it is attached to, each by id: a page of the project's servers may not hold them.
  const names = useServerNames(session.projectId, q.data?.attachments.map((a) => a.server_id) ?? []);
  const action = useVolumeActionMutation();
  // A backend without snapshots (Huawei, Shanhe) is not asked: the card and the button say why instead.
  const snapshotSupport = useSupport('GET /snapshots');
  const snapshots = useSnapshotsQuery(session.projectId, { limit: 100, volume_id: id }, snapshotSupport.supported);
  const reason = useStateReason();
  const [open, setOpen] = useState<Open>(null);
  const [error, setError] = useState<unknown>(null);
  if (q.isPending) return <p className="text-sm text-muted">{t('common.loading')}</p>;
  if (q.error) return <QueryFailure error={q.error} />;
  const v = q.data;
  const name = v.name || v.id;
  const serverName = (sid: string) => names.get(sid) ?? sid;
  /** Disabled and its tooltip for an operation the volume's status refuses (the contract's table). */
  const gate = (op: VolumeOperation) => {
    const refusal = volumeRules.refusal(op, v.status);
    return { disabled: !!refusal, title: reason(refusal) };
  };
  const attachGate = gate('attach');
  // A volume holding snapshots is refused deletion by the API (409): the button says why instead.
  const held = (snapshots.data?.total ?? 0) > 0;
  const deleteGate = gate('delete');
  const close = () => {
    setOpen(null);
    setError(null);
  };
  const run = async (kind: 'delete' | { detach: string }) => {
    setError(null);
    try {
      if (kind === 'delete') {
        await action.mutateAsync({ volume: v, action: { kind: 'delete' }, label: t('common.delete') });
        router.push('/volumes');
      } else
        await action.mutateAsync({
          volume: v,
          action: { kind: 'detach', serverId: kind.detach },
          label: t('vol.detach'),
        });
      setOpen(null);
    } catch (e) {
      setError(e);
    }
  };

  return (
    <div>
      <DetailHeader
        backHref="/volumes"
        backLabel={t('vol.title')}
        title={name}
        subtitle={v.id}
        status={<StatusBadge status={v.status} />}
        actions={
          canWrite ? (
            <>
              <SupportButton
                requires="POST /volumes/{id}/attach"
                disabled={!volumeAttachAllowed(v)}
                title={attachGate.title ?? (volumeAttachAllowed(v) ? undefined : t('stateRules.notShareable'))}
                onClick={() => setOpen('attach')}
              >
                {t('vol.attach')}
              </SupportButton>
              <SupportButton requires="POST /volumes/{id}/extend" {...gate('extend')} onClick={() => setOpen('extend')}>
                {t('vol.extend')}
              </SupportButton>
              <SupportButton requires="POST /volumes/{id}/retype" {...gate('retype')} onClick={() => setOpen('retype')}>
                {t('vol.retype')}
              </SupportButton>
              <SupportButton requires="POST /snapshots" {...gate('snapshot')} onClick={() => setOpen('snapshot')}>
                {t('snap.create')}
              </SupportButton>
              <SupportButton
                requires="DELETE /volumes/{id}"
                variant="danger"
                disabled={deleteGate.disabled || held}
                title={deleteGate.title ?? (held ? t('snap.holdsVolume') : undefined)}
                onClick={() => setOpen('delete')}
              >
                {t('vol.delete')}
              </SupportButton>
            </>
          ) : null
        }
      />
      <div className="grid grid-cols-1 gap-4 lg:grid-cols-2">
        <Card title={t('servers.overview')}>
          <dl>
            <DetailRow label={t('common.description')}>{v.description || '—'}</DetailRow>
            <DetailRow label={t('vol.size')}>{v.size_gb} GB</DetailRow>
            <DetailRow label={t('vol.type')}>{volumeTypeLabel(t, v.volume_type)}</DetailRow>
            <DetailRow label={t('vol.shareable')}>{v.multiattach ? t('common.yes') : t('common.no')}</DetailRow>
            <DetailRow label={t('vol.bootable')}>{v.bootable ? t('common.yes') : t('common.no')}</DetailRow>
            <DetailRow label={t('common.datacenter')}>{v.datacenter_id}</DetailRow>
            {v.source_image_id ? <DetailRow label={t('vol.sourceImage')}>{v.source_image_id}</DetailRow> : null}
            {v.source_snapshot_id ? (
              <DetailRow label={t('vol.sourceSnapshotId')}>{v.source_snapshot_id}</DetailRow>
            ) : null}
            {v.host ? <DetailRow label={t('vol.host')}>{v.host}</DetailRow> : null}
            <DetailRow label={t('common.createdAt')}>{formatDateTime(v.created_at, locale)}</DetailRow>
          </dl>
        </Card>
        <Card title={t('vol.attachments')}>
          {v.attachments.length === 0 ? <p className="text-sm text-muted">{t('vol.notAttached')}</p> : null}
          <ul className="flex flex-col gap-2 text-sm" aria-label={t('vol.attachments')} data-tour="volume-attachments">
            {v.attachments.map((a) => (
              <li
                key={a.server_id}
                className="flex items-center justify-between gap-2 rounded border border-line px-3 py-2"
              >
                <span>
                  <Link
                    href={`/servers/${a.server_id}`}
                    className="font-medium text-blue-700 hover:underline dark:text-blue-300"
                  >
                    {serverName(a.server_id)}
                  </Link>{' '}
                  <code className="text-xs">{a.device}</code>{' '}
                  <span className="text-xs text-muted">{a.mode === 'ro' ? t('vol.modeRo') : t('vol.modeRw')}</span>
                </span>
                {canWrite ? (
                  <SupportButton
                    requires="POST /volumes/{id}/detach"
                    size="sm"
                    {...gate('detach')}
                    onClick={() => setOpen({ detach: a.server_id })}
                  >
                    {t('vol.detach')}
                  </SupportButton>
                ) : null}
              </li>
            ))}
          </ul>
        </Card>
      </div>
      {snapshotSupport.supported ? (
        <Card title={t('snap.ofVolume')} className="mt-4">
          {snapshots.data && snapshots.data.items.length === 0 ? (
            <p className="text-sm text-muted">{t('snap.noneOfVolume')}</p>
          ) : null}
          <ul className="flex flex-col gap-2 text-sm" aria-label={t('snap.ofVolume')}>
            {(snapshots.data?.items ?? []).map((s) => (
              <li key={s.id} className="flex items-center justify-between gap-2 rounded border border-line px-3 py-2">
                <span>
                  <span className="font-medium">{s.name || s.id.slice(0, 8)}</span>{' '}
                  <span className="text-xs text-muted">
                    {s.size_gb} GB · {formatDateTime(s.created_at, locale)}
                  </span>
                </span>
                <StatusBadge status={s.status} />
              </li>
            ))}
          </ul>
          <Link
            href={`/snapshots?volume_id=${encodeURIComponent(v.id)}`}
            className="mt-2 inline-block text-xs text-blue-700 hover:underline dark:text-blue-300"
          >
            {t('snap.all')}
          </Link>
        </Card>
      ) : null}
      <AttachDialog volume={v} open={open === 'attach'} onClose={close} />
      <CreateSnapshotDialog volume={v} open={open === 'snapshot'} onClose={close} />
      <RetypeDialog volume={v} open={open === 'retype'} onClose={close} />
      <ExtendDialog volume={v} open={open === 'extend'} onClose={close} />
      <ConfirmDialog
        open={open === 'delete'}
        title={t('vol.delete')}
        message={t('vol.deleteConfirm', { name })}
        confirmLabel={t('common.delete')}
        isDanger
        isPending={action.isPending}
        error={error}
        onClose={close}
        onConfirm={() => run('delete')}
      />
      <ConfirmDialog
        open={typeof open === 'object' && open !== null}
        title={t('vol.detach')}
        message={
          typeof open === 'object' && open ? t('vol.detachConfirm', { name, server: serverName(open.detach) }) : ''
        }
        confirmLabel={t('vol.detach')}
        isPending={action.isPending}
        error={error}
        onClose={close}
        onConfirm={() => typeof open === 'object' && open && run(open)}
      />
      {error && !open ? <ErrorText error={error} /> : null}
    </div>
  );
}
