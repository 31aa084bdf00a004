'use client';
import { zodResolver } from '@hookform/resolvers/zod';
import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { useForm, useWatch } from 'react-hook-form';
import type { Upload } from 'tus-js-client';
import { z } from 'zod';
import { SupportButton, SupportChoice, UnsupportedNotice } from '@/components/feature/support-gate';
import { Button } from '@/components/ui/button';
import { ErrorText } from '@/components/ui/error-text';
import { Field, Input, Select } from '@/components/ui/field';
import { ApiError } from '@/lib/api/client';
import { useCreateImageMutation, useImportImageMutation, watchImageImport } from '@/lib/api/images';
import { useSessionInfo } from '@/lib/api/session';
import { findResumable, startImageUpload, type UploadProgress } from '@/lib/api/uploads';
import {
  Architecture,
  ContainerFormat,
  DiskFormat,
  ImageImportInput,
  ImageMetadataCreateInput,
} from '@/lib/contract/image';
import { formatBytes, formatDuration } from '@/lib/format/units';
import { useI18n } from '@/lib/i18n/provider';
import { useTasksStore } from '@/lib/stores/tasks-store';
import { imageImportRequires, imageUploadRequires } from './upload-requires';

const MetaForm = ImageMetadataCreateInput.pick({
  name: true,
  disk_format: true,
  container_format: true,
  architecture: true,
  min_ram_mb: true,
  min_disk_gb: true,
  visibility: true,
})
  .extend({
    /** B.30's 源镜像路径: a local file (tus upload) or a URL the cloud fetches itself (import). */
    source: z.enum(['file', 'url']),
    source_url: z.string(),
  })
  .superRefine((v, ctx) => {
    if (v.source !== 'url') return;
    // The contract's own check, so the browser refuses what the API would (the server also checks the allow-list).
    const r = ImageImportInput.shape.source_url.safeParse(v.source_url.trim());
    if (!r.success) ctx.addIssue({ code: 'custom', path: ['source_url'], message: r.error.issues[0]?.message ?? '' });
  });
type MetaForm = z.input<typeof MetaForm>;
type Phase = 'idle' | 'uploading' | 'paused' | 'done' | 'failed';

/** 6.3 c: create the image's metadata, then send its file with a resumable tus upload. */
export function ImageUpload() {
  const { t } = useI18n();
  const router = useRouter();
  const create = useCreateImageMutation();
  const importFile = useImportImageMutation();
  const session = useSessionInfo();
  const tasks = useTasksStore();
  const form = useForm<MetaForm>({
    resolver: zodResolver(MetaForm),
    defaultValues: {
      name: '',
      disk_format: 'qcow2',
      container_format: 'bare',
      architecture: 'x86_64',
      min_ram_mb: 0,
      min_disk_gb: 0,
      visibility: 'private',
      source: 'file',
      source_url: '',
    },
  });
  const source = useWatch({ control: form.control, name: 'source' });
  /** The image made for a URL the API then refused: the corrected URL is imported into it, not into another. */
  const [importTarget, setImportTarget] = useState<string | null>(null);
  const [file, setFile] = useState<File | null>(null);
  const [resumeNote, setResumeNote] = useState<string | null>(null);
  const [progress, setProgress] = useState<UploadProgress | null>(null);
  const [phase, setPhase] = useState<Phase>('idle');
  const [error, setError] = useState<string | null>(null);
  const [upload, setUpload] = useState<Upload | null>(null);

  const chooseFile = async (f: File | null) => {
    setFile(f);
    setResumeNote(null);
    if (!f) return;
    if (!form.getValues('name')) form.setValue('name', f.name.replace(/\.[^.]+$/, ''));
    const prev = await findResumable(f);
    if (prev?.metadata.image_id && prev.size) setResumeNote(t('images.resumable', { name: f.name, percent: '…' }));
  };

  const metadata = (v: MetaForm) => ({
    name: v.name,
    disk_format: v.disk_format,
    container_format: v.container_format,
    architecture: v.architecture,
    min_ram_mb: v.min_ram_mb,
    min_disk_gb: v.min_disk_gb,
    visibility: v.visibility,
  });

  /** B.30 from a URL: an empty image, then the import; the task tray follows it until active or killed. */
  const beginImport = async (v: MetaForm) => {
    setError(null);
    let id = importTarget;
    if (!id) {
      const image = await create.mutateAsync(metadata(v)).catch((e: unknown) => {
        setError(e instanceof Error ? e.message : String(e));
        return null;
      });
      if (!image) return;
      id = image.id;
      setImportTarget(id);
    }
    const imageId = id;
    const started = await importFile
      .mutateAsync({ id: imageId, source_url: v.source_url.trim() })
      .catch((e: unknown) => {
        // A refused URL is shown under its field (the API names source_url and says why); anything else below.
        const detail = e instanceof ApiError ? e.details.find((d) => d.path === 'source_url') : undefined;
        if (detail) form.setError('source_url', { message: detail.message });
        else setError(e instanceof Error ? e.message : String(e));
        return null;
      });
    if (!started) return;
    const task = tasks.start(`${t('images.importTask')}: ${v.name}`);
    watchImageImport(task, imageId);
    router.push(`/images/${imageId}`);
  };

  const begin = form.handleSubmit(async (meta) => {
    if (meta.source === 'url') return beginImport(meta);
    if (!file) return setError(t('images.chooseFile'));
    setError(null);
    const previous = await findResumable(file);
    let imageId = previous?.metadata.image_id;
    if (!imageId) {
      const image = await create.mutateAsync(metadata(meta)).catch((e: unknown) => {
        setError(e instanceof Error ? e.message : String(e));
        return null;
      });
      if (!image) return;
      imageId = image.id;
    }
    const id = imageId;
    const task = tasks.start(`${t('images.upload')}: ${file.name}`);
    setPhase('uploading');
    const started = startImageUpload(
      file,
      id,
      {
        onProgress: setProgress,
        onSuccess: () => {
          setPhase('done');
          tasks.finish(task, 'done');
          router.push(`/images/${id}`);
        },
        onError: (message) => {
          setPhase('failed');
          setError(message);
          tasks.finish(task, 'failed', message);
        },
      },
      previous?.metadata.image_id ? previous : null,
    );
    setUpload(started);
  });

  const pct = progress && progress.total ? Math.floor((progress.sent / progress.total) * 100) : 0;
  const eta = progress && progress.speed > 0 ? (progress.total - progress.sent) / progress.speed : NaN;
  const e = form.formState.errors;
  const busy = phase === 'uploading' || phase === 'paused';
  return (
    <form
      onSubmit={begin}
      className="grid max-w-3xl grid-cols-2 gap-3 rounded-lg border border-line bg-surface p-4"
      noValidate
    >
      <div className="col-span-2 empty:hidden">
        <UnsupportedNotice requires={source === 'url' ? imageImportRequires : imageUploadRequires} />
      </div>
      <fieldset className="col-span-2 flex flex-wrap items-center gap-4" disabled={busy}>
        <legend className="mb-1 text-xs font-medium text-muted">{t('images.source')}</legend>
        <label className="flex items-center gap-1.5 text-sm">
          <input type="radio" value="file" {...form.register('source')} />
          {t('images.fromFile')}
        </label>
        {/* Greyed with the backend's reason where it cannot fetch a URL (Huawei, Shanhe, a Glance without web-download). */}
        <SupportChoice
          requires={imageImportRequires}
          className="flex items-center gap-1.5 text-sm"
          type="radio"
          value="url"
          label={t('images.fromUrl')}
          {...form.register('source')}
        />
      </fieldset>
      {source === 'url' ? (
        <Field
          label={t('images.sourceUrl')}
          className="col-span-2"
          error={e.source_url?.message}
          hint={t('images.sourceUrlHint')}
        >
          {(p) => (
            <Input
              {...p}
              type="url"
              inputMode="url"
              placeholder="https://example.com/disk.qcow2"
              {...form.register('source_url')}
            />
          )}
        </Field>
      ) : (
        <Field label={t('images.file')} className="col-span-2" hint={resumeNote ?? undefined}>
          {(p) => (
            <Input
              {...p}
              type="file"
              disabled={busy}
              onChange={(ev) => void chooseFile(ev.target.files?.[0] ?? null)}
              className="py-1"
            />
          )}
        </Field>
      )}
      <Field label={t('common.name')} error={e.name?.message}>
        {(p) => <Input {...p} disabled={busy} {...form.register('name')} />}
      </Field>
      <Field label={t('common.architecture')}>
        {(p) => (
          <Select {...p} disabled={busy} {...form.register('architecture')}>
            {Architecture.options.map((o) => (
              <option key={o}>{o}</option>
            ))}
          </Select>
        )}
      </Field>
      <Field label={t('images.diskFormat')}>
        {(p) => (
          <Select {...p} disabled={busy} {...form.register('disk_format')}>
            {DiskFormat.options.map((o) => (
              <option key={o}>{o}</option>
            ))}
          </Select>
        )}
      </Field>
      <Field label={t('images.containerFormat')}>
        {(p) => (
          <Select {...p} disabled={busy} {...form.register('container_format')}>
            {ContainerFormat.options.map((o) => (
              <option key={o}>{o}</option>
            ))}
          </Select>
        )}
      </Field>
      <Field label={t('images.minRam')} error={e.min_ram_mb?.message}>
        {(p) => (
          <Input {...p} type="number" disabled={busy} {...form.register('min_ram_mb', { valueAsNumber: true })} />
        )}
      </Field>
      <Field label={t('images.minDisk')} error={e.min_disk_gb?.message}>
        {(p) => (
          <Input {...p} type="number" disabled={busy} {...form.register('min_disk_gb', { valueAsNumber: true })} />
        )}
      </Field>
      <Field label={t('images.visibility')}>
        {(p) => (
          <Select {...p} disabled={busy} {...form.register('visibility')}>
            <option value="private">{t('images.private')}</option>
            {/* Publishing is an administrator's right (the API answers 403 to anyone else). */}
            <option
              value="public"
              disabled={!session.isAdmin}
              title={session.isAdmin ? undefined : t('images.publishAdminOnly')}
            >
              {t('images.public')}
              {session.isAdmin ? '' : ` (${t('images.publishAdminOnly')})`}
            </option>
          </Select>
        )}
      </Field>
      <div className="col-span-2 flex flex-col gap-2">
        {progress ? (
          <>
            <div
              role="progressbar"
              aria-label={t('images.progress')}
              aria-valuemin={0}
              aria-valuemax={100}
              aria-valuenow={pct}
              className="h-3 overflow-hidden rounded bg-surface-2 ring-1 ring-line"
            >
              <div className="h-full bg-blue-600 transition-[width]" style={{ width: `${pct}%` }} />
            </div>
            <p className="text-xs text-muted tabular-nums" aria-live="polite">
              {pct}% · {formatBytes(progress.sent)} / {formatBytes(progress.total)} ·{' '}
              {t('images.speed', { speed: formatBytes(progress.speed) })} ·{' '}
              {t('images.eta', { time: formatDuration(eta) })}
            </p>
          </>
        ) : null}
        {error ? <ErrorText error={error} /> : null}
        <div className="flex gap-2">
          {source === 'url' ? (
            <SupportButton
              requires={imageImportRequires}
              type="submit"
              variant="primary"
              disabled={create.isPending || importFile.isPending}
            >
              {t('images.startImport')}
            </SupportButton>
          ) : phase === 'idle' || phase === 'failed' ? (
            <SupportButton requires={imageUploadRequires} type="submit" variant="primary" disabled={create.isPending}>
              {t('images.startUpload')}
            </SupportButton>
          ) : null}
          {phase === 'uploading' ? (
            <Button
              onClick={() => {
                void upload?.abort();
                setPhase('paused');
              }}
            >
              {t('images.pause')}
            </Button>
          ) : null}
          {phase === 'paused' ? (
            <Button
              variant="primary"
              onClick={() => {
                upload?.start();
                setPhase('uploading');
              }}
            >
              {t('images.resume')}
            </Button>
          ) : null}
          {busy ? (
            <Button
              variant="danger"
              onClick={() => {
                void upload?.abort(true);
                setPhase('idle');
                setProgress(null);
              }}
            >
              {t('images.cancelUpload')}
            </Button>
          ) : null}
          {phase === 'done' ? <span role="status">{t('images.uploadDone')}</span> : null}
        </div>
      </div>
    </form>
  );
}
