'use client';
import { zodResolver } from '@hookform/resolvers/zod';
import { useForm } from 'react-hook-form';
import type { z } from 'zod';
import { SupportChoice } from '@/components/feature/support-gate';
import { Field, Input, Select } from '@/components/ui/field';
import { FormDialog, useSubmitError } from '@/components/ui/form-dialog';
import { useServersQuery } from '@/lib/api/servers';
import { useSessionInfo } from '@/lib/api/session';
import { useVolumeActionMutation } from '@/lib/api/volumes';
import type { Volume } from '@/lib/contract/volume';
import { useI18n } from '@/lib/i18n/provider';
import { attachableServers, volumeAttachSchema, type VolumeAttachValues } from '@/lib/storage/volume-forms';

/** Attach: the picker offers only servers that may take the volume (same datacenter, active/stopped, not attached). */
export function AttachDialog({ volume, open, onClose }: { volume: Volume; open: boolean; onClose: () => void }) {
  const { t, tx } = useI18n();
  const session = useSessionInfo();
  const servers = useServersQuery(session.projectId, { limit: 100, datacenter_id: volume.datacenter_id, sort: 'name' });
  const candidates = attachableServers(volume, servers.data?.items ?? []);
  const action = useVolumeActionMutation();
  const { error, attempt } = useSubmitError();
  const form = useForm<z.input<typeof volumeAttachSchema>, unknown, VolumeAttachValues>({
    resolver: zodResolver(volumeAttachSchema),
    defaultValues: { server_id: '', mode: 'rw', device: '' },
  });
  const err = (m?: string) => (m ? tx(`form.err.${m}`, m) : undefined);
  const submit = form.handleSubmit(async (v) => {
    const server = candidates.find((s) => s.id === v.server_id);
    const input = {
      server_id: v.server_id,
      server_name: server?.name,
      mode: v.mode,
      ...(v.device ? { device: v.device } : {}),
    };
    if (
      await attempt(() => action.mutateAsync({ volume, label: t('vol.attach'), action: { kind: 'attach', input } }))
    ) {
      form.reset();
      onClose();
    }
  });
  return (
    <FormDialog
      open={open}
      title={t('vol.attachTitle', { name: volume.name || volume.id })}
      onClose={onClose}
      onSubmit={submit}
      submitLabel={t('vol.attach')}
      error={error}
      pending={form.formState.isSubmitting}
    >
      <Field
        label={t('vol.server')}
        error={err(form.formState.errors.server_id?.message)}
        hint={t('vol.serverHint', { dc: volume.datacenter_id })}
      >
        {(p) => (
          <Select {...p} {...form.register('server_id')}>
            <option value="">
              {servers.isPending
                ? t('common.loading')
                : candidates.length
                  ? t('vol.pickServer')
                  : t('vol.noCandidates')}
            </option>
            {candidates.map((s) => (
              <option key={s.id} value={s.id}>
                {s.name} ({t(`status.${s.status}`)}, {s.addresses.map((a) => a.private_ip).join(', ') || '—'})
              </option>
            ))}
          </Select>
        )}
      </Field>
      <Field label={t('vol.device')} error={err(form.formState.errors.device?.message)} hint={t('vol.deviceHint')}>
        {(p) => <Input {...p} placeholder="/dev/vdb" {...form.register('device')} />}
      </Field>
      <fieldset className="flex gap-4 text-sm">
        <legend className="mb-1 text-xs font-medium text-muted">{t('vol.mode')}</legend>
        <label className="flex items-center gap-1">
          <input type="radio" value="rw" {...form.register('mode')} /> {t('vol.modeRw')}
        </label>
        <SupportChoice
          requires="POST /volumes/{id}/attach#mode=ro"
          type="radio"
          value="ro"
          label={t('vol.modeRo')}
          {...form.register('mode')}
        />
      </fieldset>
    </FormDialog>
  );
}
