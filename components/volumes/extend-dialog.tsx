'use client';
import { zodResolver } from '@hookform/resolvers/zod';
import { useMemo } from 'react';
import { useForm, useWatch } from 'react-hook-form';
import { Field, Input } from '@/components/ui/field';
import { FormDialog, useSubmitError } from '@/components/ui/form-dialog';
import { useVolumeQuotaQuery } from '@/lib/api/compute';
import { useSessionInfo } from '@/lib/api/session';
import { useVolumeActionMutation } from '@/lib/api/volumes';
import type { Volume } from '@/lib/contract/volume';
import { useI18n } from '@/lib/i18n/provider';
import { volumeExtendSchema } from '@/lib/storage/volume-forms';

/** Extend: a size above the current one; the quota it would consume is shown as the user types. */
export function ExtendDialog({ volume, open, onClose }: { volume: Volume; open: boolean; onClose: () => void }) {
  const { t, tx } = useI18n();
  const session = useSessionInfo();
  const quota = useVolumeQuotaQuery(session.projectId);
  // The free room as numbers, so the schema is rebuilt when they change, not on every new quota object.
  const freeGb = quota.data ? quota.data.total_gb - quota.data.used_gb : undefined;
  const freeVolumes = quota.data ? quota.data.total_volumes - quota.data.used_volumes : undefined;
  const schema = useMemo(
    () =>
      volumeExtendSchema(
        volume.size_gb,
        freeGb === undefined || freeVolumes === undefined ? undefined : { freeGb, freeVolumes },
      ),
    [volume.size_gb, freeGb, freeVolumes],
  );
  const form = useForm<{ new_size_gb: number }>({
    resolver: zodResolver(schema),
    mode: 'onChange',
    defaultValues: { new_size_gb: volume.size_gb + 10 },
  });
  const size = Number(useWatch({ control: form.control, name: 'new_size_gb' })) || 0;
  const action = useVolumeActionMutation();
  const { error, attempt } = useSubmitError();
  const submit = form.handleSubmit(async (v) => {
    if (
      await attempt(() =>
        action.mutateAsync({ volume, label: t('vol.extend'), action: { kind: 'extend', newSizeGb: v.new_size_gb } }),
      )
    )
      onClose();
  });
  const msg = form.formState.errors.new_size_gb?.message;
  return (
    <FormDialog
      open={open}
      title={t('vol.extendTitle', { name: volume.name || volume.id })}
      onClose={onClose}
      size="sm"
      onSubmit={submit}
      submitLabel={t('vol.extend')}
      error={error}
      pending={form.formState.isSubmitting}
    >
      <p className="text-sm">{t('vol.currentSize', { size: volume.size_gb })}</p>
      <Field label={t('vol.newSize')} error={msg ? tx(`form.err.${msg}`, msg) : undefined}>
        {(p) => (
          <Input
            {...p}
            type="number"
            min={volume.size_gb + 1}
            {...form.register('new_size_gb', { valueAsNumber: true })}
          />
        )}
      </Field>
      {quota.data ? (
        <p className="text-xs text-muted" data-testid="extend-quota">
          {t('vol.quotaAfter', {
            used: quota.data.used_gb + Math.max(0, size - volume.size_gb),
            total: quota.data.total_gb,
            delta: Math.max(0, size - volume.size_gb),
          })}
        </p>
      ) : null}
    </FormDialog>
  );
}
