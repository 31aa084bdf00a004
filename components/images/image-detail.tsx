'use client';
import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { SupportLink } from '@/components/feature/support-gate';
import { ConfirmDialog } from '@/components/resource/confirm-dialog';
import { DetailHeader } from '@/components/resource/detail-header';
import { useStateReason } from '@/components/resource/state-reason';
import { StatusBadge } from '@/components/resource/status-badge';
import { Button } from '@/components/ui/button';
import { Card } from '@/components/ui/card';
import { ErrorText } from '@/components/ui/error-text';
import { useDeleteImageMutation, useImageQuery, usePatchImageMutation } from '@/lib/api/images';
import { useSessionInfo } from '@/lib/api/session';
import { imageRules, type ImageOperation } from '@/lib/contract/image';
import { formatDateTime } from '@/lib/format/dates';
import { formatBytes } from '@/lib/format/units';
import { useI18n } from '@/lib/i18n/provider';
import { ImagePatchEditor } from './image-patch-editor';
import { ImagePropertiesTable } from './image-properties';

export function ImageDetail({ id }: { id: string }) {
  const { t, locale } = useI18n();
  const router = useRouter();
  const session = useSessionInfo();
  const q = useImageQuery(session.projectId, id);
  const patch = usePatchImageMutation(id);
  const del = useDeleteImageMutation();
  const [confirming, setConfirming] = useState(false);
  const reason = useStateReason();
  if (q.isPending) return <p className="text-sm text-muted">{t('common.loading')}</p>;
  if (q.error) return <ErrorText error={q.error} />;
  const img = q.data;
  /** Disabled and its tooltip for an operation the image's status refuses (the contract's table). */
  const gate = (op: ImageOperation) => {
    const refusal = imageRules.refusal(op, img.status);
    return { disabled: !!refusal, title: reason(refusal) };
  };
  const rows: Array<[string, React.ReactNode]> = [
    [t('common.description'), img.description || '—'],
    [t('common.architecture'), img.architecture],
    [t('images.visibility'), t(img.visibility === 'public' ? 'images.public' : 'images.private')],
    [t('images.protected'), img.protected ? t('common.yes') : t('common.no')],
    [
      t('common.size'),
      <span key="s" data-testid="image-size">
        {formatBytes(img.size_bytes)}
        {img.size_bytes !== null ? ` (${img.size_bytes} B)` : ''}
      </span>,
    ],
    [
      t('images.checksum'),
      <code key="c" className="text-xs" data-testid="image-checksum">
        {img.checksum ?? '—'}
      </code>,
    ],
    ...(img.import
      ? ([
          [
            t('images.import'),
            <span key="i" data-testid="image-import" data-import-status={img.import.status}>
              {t(`images.importStatus.${img.import.status}`)}
              {img.import.bytes !== null
                ? ` · ${
                    img.import.total !== null
                      ? t('images.importProgress', {
                          bytes: formatBytes(img.import.bytes),
                          total: formatBytes(img.import.total),
                        })
                      : t('images.importProgressUnknown', { bytes: formatBytes(img.import.bytes) })
                  }`
                : ''}
              {img.import.error ? <span className="block text-xs text-red-600">{img.import.error}</span> : null}
            </span>,
          ],
        ] as Array<[string, React.ReactNode]>)
      : []),
    [t('images.diskFormat'), `${img.disk_format} / ${img.container_format}`],
    [t('images.minRam'), img.min_ram_mb],
    [t('images.minDisk'), img.min_disk_gb],
    [t('images.tags'), img.tags.join(', ') || '—'],
    [
      t('images.owner'),
      <code key="o" className="text-xs">
        {img.owner}
      </code>,
    ],
    [
      t('images.fileUrl'),
      <code key="f" className="text-xs">
        {img.file_url}
      </code>,
    ],
    [t('common.createdAt'), formatDateTime(img.created_at, locale)],
  ];
  return (
    <div>
      <DetailHeader
        backHref="/images"
        backLabel={t('images.title')}
        title={img.name}
        subtitle={img.id}
        status={<StatusBadge status={img.status} />}
        actions={
          <>
            {imageRules.allowed('download', img.status) ? (
              <SupportLink
                requires="GET /images/{id}/file"
                href={`/api/v1/images/${encodeURIComponent(img.id)}/file`}
                isDownload
                className="inline-flex h-8 items-center rounded border border-line bg-surface px-3 text-sm font-medium hover:bg-surface-2"
              >
                {t('images.download')}
              </SupportLink>
            ) : null}
            <Button
              {...gate('update')}
              disabled={gate('update').disabled || patch.isPending}
              onClick={() => patch.mutate([{ op: 'replace', path: '/protected', value: !img.protected }])}
            >
              {img.protected ? t('images.unprotect') : t('images.protect')}
            </Button>
            <Button variant="danger" {...gate('delete')} onClick={() => setConfirming(true)}>
              {t('common.delete')}
            </Button>
          </>
        }
      />
      <div className="grid grid-cols-2 gap-4">
        <Card title={t('servers.overview')}>
          <dl>
            {rows.map(([k, v]) => (
              <div key={k} className="grid grid-cols-[10rem_1fr] gap-2 py-1 text-sm">
                <dt className="text-muted">{k}</dt>
                <dd className="break-all">{v}</dd>
              </div>
            ))}
          </dl>
          <ErrorText error={patch.error} />
        </Card>
        <Card title={t('images.patch')}>
          <ImagePatchEditor imageId={id} />
        </Card>
        <Card title={t('images.properties')} className="col-span-2">
          <ImagePropertiesTable image={img} />
        </Card>
      </div>
      <ConfirmDialog
        open={confirming}
        title={t('common.delete')}
        message={img.protected ? t('images.deleteProtected') : t('images.deleteConfirm', { name: img.name })}
        confirmLabel={t('common.delete')}
        isDanger
        isPending={del.isPending}
        error={del.error}
        onClose={() => setConfirming(false)}
        onConfirm={async () => {
          if (
            await del.mutateAsync(id).then(
              () => true,
              () => false,
            )
          )
            router.push('/images');
        }}
      />
    </div>
  );
}
