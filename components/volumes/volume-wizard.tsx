'use client';
import { zodResolver } from '@hookform/resolvers/zod';
import { useRouter, useSearchParams } from 'next/navigation';
import { useEffect, useMemo, useRef, useState } from 'react';
import { useForm, useWatch } from 'react-hook-form';
import { DetailHeader } from '@/components/resource/detail-header';
import { usePrefs } from '@/components/shell/prefs';
import { Button } from '@/components/ui/button';
import { Card } from '@/components/ui/card';
import { ErrorText } from '@/components/ui/error-text';
import { SupportChoice } from '@/components/feature/support-gate';
import { Field, Input, Select } from '@/components/ui/field';
import { useDatacentersQuery, useVolumeQuotaQuery } from '@/lib/api/compute';
import { useImagesQuery } from '@/lib/api/images';
import { useSnapshotsQuery } from '@/lib/api/snapshots';
import { useSessionInfo } from '@/lib/api/session';
import { useCreateVolumeMutation, useVolumeTypesQuery } from '@/lib/api/volumes';
import { volumeTypeLabel } from './volume-type-label';
import { useI18n } from '@/lib/i18n/provider';
import {
  toVolumeCreateInput,
  volumeCreateSchema,
  type QuotaRoom,
  type VolumeCreateValues,
} from '@/lib/storage/volume-forms';
import { QuotaMeter } from './quota-meter';

/**
 * Create a volume: size against the quota it would consume, type, datacenter, empty, from an image or from a
 * snapshot (`?snapshot=<id>` preselects one: the snapshots page links here), shareable.
 */
export function VolumeWizard() {
  const { t, tx } = useI18n();
  const router = useRouter();
  const session = useSessionInfo();
  const { datacenterId } = usePrefs();
  const dcs = useDatacentersQuery();
  const images = useImagesQuery(session.projectId, { limit: 100, status: 'active' });
  const preselected = useSearchParams().get('snapshot') ?? '';
  const create = useCreateVolumeMutation();
  const types = useVolumeTypesQuery();
  const [error, setError] = useState<unknown>(null);
  // One key per visit: a double submit or a retry after a network error creates one volume, not two.
  const [idempotencyKey] = useState(() => crypto.randomUUID());
  const minDisk = useMemo(() => {
    const m = new Map((images.data?.items ?? []).map((i) => [i.id, i.min_disk_gb]));
    return (id: string) => m.get(id);
  }, [images.data]);

  // The snapshots' sizes, for the resolver (the list is read below, once the snapshot source is picked).
  const snapshotSizesRef = useRef(new Map<string, number>());
  const snapshotSize = (id: string) => snapshotSizesRef.current.get(id);

  const roomRef = useRef<QuotaRoom | undefined>(undefined);
  const form = useForm<VolumeCreateValues>({
    mode: 'onChange',
    defaultValues: {
      name: '',
      description: '',
      size_gb: 20,
      volume_type: 'standard',
      datacenter_id: datacenterId,
      source: preselected ? 'snapshot' : 'empty',
      image_id: '',
      snapshot_id: preselected,
      multiattach: false,
    },
    // The quota comes from the chosen datacenter, so the schema is rebuilt on each validation.
    resolver: (values, ctx, opts) =>
      zodResolver(volumeCreateSchema(roomRef.current, minDisk, snapshotSize))(values, ctx, opts),
  });
  const values = useWatch({ control: form.control });
  // The snapshots are listed once that source is picked (a backend without them greys the choice instead).
  const snapshots = useSnapshotsQuery(
    session.projectId,
    { limit: 100, status: 'available' },
    !!preselected || values.source === 'snapshot',
  );
  const appliedPreselection = useRef(false);
  useEffect(() => {
    snapshotSizesRef.current = new Map((snapshots.data?.items ?? []).map((s) => [s.id, s.size_gb]));
    // The select was drawn before its options came: set the preselected snapshot again once it is among them.
    if (!appliedPreselection.current && preselected && snapshots.data?.items.some((s) => s.id === preselected)) {
      appliedPreselection.current = true;
      form.setValue('snapshot_id', preselected, { shouldValidate: true });
    }
  }, [snapshots.data, preselected, form]);
  // A chosen snapshot sets the volume's size to its own (the smallest the volume can have) once it is known.
  const chosenSnapshotGb =
    values.source === 'snapshot' ? snapshots.data?.items.find((x) => x.id === values.snapshot_id)?.size_gb : undefined;
  useEffect(() => {
    if (chosenSnapshotGb === undefined) return;
    // The snapshot's size, unless the user typed a size of their own that holds it.
    const typed = form.getFieldState('size_gb').isDirty;
    if (!typed || (Number(form.getValues('size_gb')) || 0) < chosenSnapshotGb)
      form.setValue('size_gb', chosenSnapshotGb, { shouldValidate: true });
  }, [chosenSnapshotGb, form]);
  const quota = useVolumeQuotaQuery(session.projectId, values.datacenter_id || undefined);
  const room = quota.data
    ? {
        freeGb: quota.data.total_gb - quota.data.used_gb,
        freeVolumes: quota.data.total_volumes - quota.data.used_volumes,
      }
    : undefined;
  const freeGb = room?.freeGb;
  const freeVolumes = room?.freeVolumes;
  useEffect(() => {
    roomRef.current = freeGb === undefined || freeVolumes === undefined ? undefined : { freeGb, freeVolumes };
    // Re-check the size against the datacenter's quota once it is known.
    if (form.getValues('size_gb')) void form.trigger('size_gb');
  }, [freeGb, freeVolumes, form]);
  const err = (m?: string) => (m ? tx(`form.err.${m}`, m) : undefined);
  const e = form.formState.errors;

  const submit = form.handleSubmit(async (v) => {
    setError(null);
    try {
      const vol = await create.mutateAsync({ input: toVolumeCreateInput(v), idempotencyKey });
      router.push(`/volumes/${vol.id}`);
    } catch (x) {
      setError(x);
    }
  });

  return (
    <div className="max-w-4xl">
      <DetailHeader backHref="/volumes" backLabel={t('vol.title')} title={t('vol.create')} />
      <form onSubmit={submit} noValidate className="grid grid-cols-1 gap-4 md:grid-cols-[1fr_18rem]">
        <Card>
          <div className="grid grid-cols-2 gap-3">
            <Field label={t('common.name')} error={err(e.name?.message)}>
              {(p) => <Input {...p} {...form.register('name')} />}
            </Field>
            <Field label={t('common.datacenter')} error={err(e.datacenter_id?.message)}>
              {(p) => (
                <Select {...p} {...form.register('datacenter_id')}>
                  <option value="">{t('vol.pickDatacenter')}</option>
                  {(dcs.data ?? []).map((d) => (
                    <option key={d.id} value={d.id} disabled={d.status !== 'available'}>
                      {d.name}
                    </option>
                  ))}
                </Select>
              )}
            </Field>
            <Field label={t('vol.sizeGb')} error={err(e.size_gb?.message)}>
              {(p) => <Input {...p} type="number" min={1} {...form.register('size_gb', { valueAsNumber: true })} />}
            </Field>
            <Field label={t('vol.type')}>
              {(p) => (
                <Select {...p} {...form.register('volume_type')}>
                  {/* 'standard' is every backend's default type, until the backend's own list names it. */}
                  {types.data?.some((vt) => vt.name === 'standard') ? null : (
                    <option value="standard">{t('vol.type.default')}</option>
                  )}
                  {(types.data ?? []).map((vt) => (
                    <option key={vt.id} value={vt.name} title={vt.description}>
                      {volumeTypeLabel(t, vt.name)}
                      {vt.is_default ? ` (${t('vol.type.isDefault')})` : ''}
                    </option>
                  ))}
                </Select>
              )}
            </Field>
            <fieldset className="col-span-2 flex flex-wrap gap-4 text-sm">
              <legend className="mb-1 text-xs font-medium text-muted">{t('vol.source')}</legend>
              <label className="flex items-center gap-1">
                <input type="radio" value="empty" {...form.register('source')} /> {t('vol.sourceEmpty')}
              </label>
              <SupportChoice
                requires="POST /volumes#source.image_id"
                type="radio"
                value="image"
                label={t('vol.sourceImage')}
                {...form.register('source')}
              />
              <SupportChoice
                requires="POST /volumes#source.snapshot_id"
                type="radio"
                value="snapshot"
                label={t('vol.sourceSnapshot')}
                {...form.register('source')}
              />
            </fieldset>
            {values.source === 'snapshot' ? (
              <Field className="col-span-2" label={t('vol.sourceSnapshotId')} error={err(e.snapshot_id?.message)}>
                {(p) => (
                  <Select {...p} {...form.register('snapshot_id')}>
                    <option value="">{t('vol.pickSnapshot')}</option>
                    {(snapshots.data?.items ?? []).map((s) => (
                      <option key={s.id} value={s.id}>
                        {s.name || s.id.slice(0, 8)} ({s.size_gb} GB)
                      </option>
                    ))}
                  </Select>
                )}
              </Field>
            ) : null}
            {values.source === 'image' ? (
              <Field className="col-span-2" label={t('servers.image')} error={err(e.image_id?.message)}>
                {(p) => (
                  <Select {...p} {...form.register('image_id')}>
                    <option value="">{t('wizard.pickImage')}</option>
                    {(images.data?.items ?? []).map((i) => (
                      <option key={i.id} value={i.id}>
                        {i.name} (≥ {i.min_disk_gb} GB)
                      </option>
                    ))}
                  </Select>
                )}
              </Field>
            ) : null}
            <SupportChoice
              requires="POST /volumes#multiattach"
              className="col-span-2 flex items-center gap-2 text-sm"
              type="checkbox"
              label={t('vol.shareableLong')}
              {...form.register('multiattach')}
            />
            <Field className="col-span-2" label={t('common.description')} error={err(e.description?.message)}>
              {(p) => <Input {...p} {...form.register('description')} />}
            </Field>
          </div>
        </Card>
        <div className="flex flex-col gap-3">
          <Card title={t('vol.quotaTitle')}>
            {quota.data ? (
              <QuotaMeter
                used={quota.data.used_gb}
                adding={Number(values.size_gb) || 0}
                total={quota.data.total_gb}
                unit="GB"
                label={t('quota.volumeGb')}
              />
            ) : (
              <p className="text-sm text-muted">{t('common.loading')}</p>
            )}
            {quota.data ? (
              <QuotaMeter
                used={quota.data.used_volumes}
                adding={1}
                total={quota.data.total_volumes}
                label={t('quota.volumes')}
              />
            ) : null}
          </Card>
          <ErrorText error={error} />
          <Button type="submit" variant="primary" disabled={form.formState.isSubmitting || create.isPending}>
            {create.isPending ? t('wizard.submitting') : t('vol.submit')}
          </Button>
        </div>
      </form>
    </div>
  );
}
