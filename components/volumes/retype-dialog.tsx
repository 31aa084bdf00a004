'use client';
import { zodResolver } from '@hookform/resolvers/zod';
import { useForm } from 'react-hook-form';
import { z } from 'zod';
import { Field, Select } from '@/components/ui/field';
import { FormDialog, useSubmitError } from '@/components/ui/form-dialog';
import { useVolumeActionMutation, useVolumeTypesQuery } from '@/lib/api/volumes';
import type { Volume } from '@/lib/contract/volume';
import { useI18n } from '@/lib/i18n/provider';
import { volumeTypeLabel } from './volume-type-label';

const retypeForm = z.object({ volume_type: z.string().min(1, 'required'), migrate: z.boolean() });

/** Change a volume's type: any of the backend's other types; moving the data is the user's explicit choice. */
export function RetypeDialog({ volume, open, onClose }: { volume: Volume; open: boolean; onClose: () => void }) {
  const { t, tx } = useI18n();
  const types = useVolumeTypesQuery(open);
  const others = (types.data ?? []).filter((x) => x.name !== volume.volume_type);
  const action = useVolumeActionMutation();
  const { error, attempt } = useSubmitError();
  const form = useForm<z.infer<typeof retypeForm>>({
    resolver: zodResolver(retypeForm),
    values: { volume_type: others[0]?.name ?? '', migrate: false },
  });
  const submit = form.handleSubmit(async (v) => {
    if (
      await attempt(() =>
        action.mutateAsync({
          volume,
          label: t('vol.retype'),
          action: {
            kind: 'retype',
            input: { volume_type: v.volume_type, migration_policy: v.migrate ? 'on-demand' : 'never' },
          },
        }),
      )
    )
      onClose();
  });
  const msg = form.formState.errors.volume_type?.message;
  return (
    <FormDialog
      open={open}
      title={t('vol.retypeTitle', { name: volume.name || volume.id })}
      onClose={onClose}
      size="sm"
      onSubmit={submit}
      submitLabel={t('vol.retype')}
      canSubmit={others.length > 0}
      error={error}
      pending={form.formState.isSubmitting}
    >
      <p className="text-sm">{t('vol.currentType', { type: volumeTypeLabel(t, volume.volume_type) })}</p>
      {types.data && others.length === 0 ? <p className="text-sm text-muted">{t('vol.noOtherType')}</p> : null}
      <Field label={t('vol.newType')} error={msg ? tx(`form.err.${msg}`, msg) : undefined}>
        {(p) => (
          <Select {...p} {...form.register('volume_type')}>
            {others.map((x) => (
              <option key={x.id} value={x.name} title={x.description}>
                {volumeTypeLabel(t, x.name)}
                {x.description ? ` — ${x.description}` : ''}
              </option>
            ))}
          </Select>
        )}
      </Field>
      <label className="flex items-start gap-2 text-sm">
        <input type="checkbox" className="mt-1" {...form.register('migrate')} /> {t('vol.retypeMigrate')}
      </label>
    </FormDialog>
  );
}
