'use client';
import { zodResolver } from '@hookform/resolvers/zod';
import { useState } from 'react';
import { useForm, useWatch } from 'react-hook-form';
import { z } from 'zod';
import { Field, Input } from '@/components/ui/field';
import { FormDialog, useSubmitError } from '@/components/ui/form-dialog';
import { useCreateSnapshotMutation, useUpdateSnapshotMutation } from '@/lib/api/snapshots';
import { Description } from '@/lib/contract/common';
import type { Snapshot } from '@/lib/contract/snapshot';
import { volumeSnapshotAllowed, type Volume } from '@/lib/contract/volume';
import { useI18n } from '@/lib/i18n/provider';

const snapshotForm = z.object({
  name: z.string().trim().max(255, 'max'),
  description: Description,
  force: z.boolean(),
});
type SnapshotFormValues = z.infer<typeof snapshotForm>;

/**
 * Take a snapshot of a volume. An attached volume needs `force` (the contract's `volumeSnapshotAllowed`): the box
 * is offered, unticked, and the submit stays off until it is ticked, so the console never sends what Cinder refuses.
 */
export function CreateSnapshotDialog({
  volume,
  open,
  onClose,
}: {
  volume: Volume;
  open: boolean;
  onClose: () => void;
}) {
  const { t, tx } = useI18n();
  const create = useCreateSnapshotMutation();
  const { error, attempt } = useSubmitError();
  const [idempotencyKey, setKey] = useState(() => crypto.randomUUID());
  const attached = volume.status === 'in-use';
  const form = useForm<SnapshotFormValues>({
    resolver: zodResolver(snapshotForm),
    mode: 'onChange',
    defaultValues: { name: `${volume.name || volume.id.slice(0, 8)}-snap`, description: '', force: false },
  });
  const force = useWatch({ control: form.control, name: 'force' });
  const allowed = volumeSnapshotAllowed(volume, force);
  const submit = form.handleSubmit(async (v) => {
    if (
      await attempt(() =>
        create.mutateAsync({
          input: { volume_id: volume.id, name: v.name.trim(), description: v.description, force: v.force },
          idempotencyKey,
          label: `${volume.name || volume.id}: ${t('snap.create')}`,
        }),
      )
    ) {
      setKey(crypto.randomUUID());
      onClose();
    }
  });
  const e = form.formState.errors;
  return (
    <FormDialog
      open={open}
      title={t('snap.createTitle', { name: volume.name || volume.id })}
      onClose={onClose}
      size="sm"
      onSubmit={submit}
      submitLabel={t('snap.submit')}
      canSubmit={allowed}
      error={error}
      pending={form.formState.isSubmitting}
    >
      <Field
        label={t('common.name')}
        error={e.name?.message ? tx(`form.err.${e.name.message}`, e.name.message) : undefined}
      >
        {(p) => <Input {...p} {...form.register('name')} />}
      </Field>
      <Field label={t('common.description')}>{(p) => <Input {...p} {...form.register('description')} />}</Field>
      {attached ? (
        <>
          <label className="flex items-start gap-2 text-sm">
            <input type="checkbox" className="mt-1" {...form.register('force')} /> {t('snap.force')}
          </label>
          {!force ? <p className="text-xs text-muted">{t('snap.forceNeeded')}</p> : null}
        </>
      ) : null}
    </FormDialog>
  );
}

const renameForm = z.object({ name: z.string().trim().max(255, 'max'), description: Description });

/** Rename a snapshot or change its description. */
export function EditSnapshotDialog({ snapshot, onClose }: { snapshot: Snapshot | null; onClose: () => void }) {
  const { t } = useI18n();
  const update = useUpdateSnapshotMutation();
  const { error, attempt } = useSubmitError();
  const form = useForm<z.infer<typeof renameForm>>({
    resolver: zodResolver(renameForm),
    values: { name: snapshot?.name ?? '', description: snapshot?.description ?? '' },
  });
  const submit = form.handleSubmit(async (v) => {
    if (snapshot && (await attempt(() => update.mutateAsync({ id: snapshot.id, input: v })))) onClose();
  });
  return (
    <FormDialog
      open={!!snapshot}
      title={t('snap.renameTitle', { name: snapshot?.name || snapshot?.id || '' })}
      onClose={onClose}
      size="sm"
      onSubmit={submit}
      submitLabel={t('snap.save')}
      error={error}
      pending={form.formState.isSubmitting}
    >
      <Field label={t('common.name')}>{(p) => <Input {...p} {...form.register('name')} />}</Field>
      <Field label={t('common.description')}>{(p) => <Input {...p} {...form.register('description')} />}</Field>
    </FormDialog>
  );
}
