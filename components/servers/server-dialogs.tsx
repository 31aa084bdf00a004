'use client';
import { zodResolver } from '@hookform/resolvers/zod';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { z } from 'zod';
import { ErrorText } from '@/components/ui/error-text';
import { Field, Input } from '@/components/ui/field';
import { FormDialog, useSubmitError } from '@/components/ui/form-dialog';
import { useHostsQuery } from '@/lib/api/compute';
import { useFlavorsQuery } from '@/lib/api/flavors';
import { useCreateImageMutation } from '@/lib/api/images';
import { runServerAction, serverKeys } from '@/lib/api/servers';
import { Description, Name } from '@/lib/contract/common';
import type { Server } from '@/lib/contract/server';
import { formatMb } from '@/lib/format/units';
import { useI18n } from '@/lib/i18n/provider';

interface DialogProps {
  server: Server;
  open: boolean;
  onClose: () => void;
}

const RenameForm = z.object({ name: Name, description: Description });

export function RenameDialog({ server, open, onClose }: DialogProps) {
  const { t } = useI18n();
  const qc = useQueryClient();
  const { error, attempt } = useSubmitError();
  const form = useForm({
    resolver: zodResolver(RenameForm),
    values: { name: server.name, description: server.description },
  });
  const submit = form.handleSubmit(async (v) => {
    const isSaved = await attempt(async () => {
      await runServerAction(server.id, { kind: 'update', ...v });
      await qc.invalidateQueries({ queryKey: serverKeys.all });
    });
    if (isSaved) onClose();
  });
  return (
    <FormDialog
      open={open}
      title={t('servers.rename')}
      onClose={onClose}
      size="sm"
      onSubmit={submit}
      submitLabel={t('common.save')}
      error={error}
      pending={form.formState.isSubmitting}
    >
      <Field label={t('common.name')} error={form.formState.errors.name?.message}>
        {(p) => <Input {...p} {...form.register('name')} />}
      </Field>
      <Field label={t('common.description')} error={form.formState.errors.description?.message}>
        {(p) => <Input {...p} {...form.register('description')} />}
      </Field>
    </FormDialog>
  );
}

function Choice({
  name,
  checked,
  onChange,
  disabled,
  children,
}: {
  name: string;
  checked: boolean;
  onChange: () => void;
  disabled?: boolean;
  children: React.ReactNode;
}) {
  return (
    <label
      className={`flex cursor-pointer items-center gap-3 rounded border px-3 py-2 text-sm ${checked ? 'border-blue-600 bg-blue-50 dark:bg-blue-950' : 'border-line'} ${disabled ? 'cursor-not-allowed opacity-50' : ''}`}
    >
      <input type="radio" name={name} checked={checked} onChange={onChange} disabled={disabled} />
      {children}
    </label>
  );
}

/** What the action bar tells a dialog whose action it runs: the run (true when it succeeded), its failure and state. */
interface ActionDialogProps<T> extends DialogProps {
  onSubmit: (choice: T) => Promise<boolean>;
  error: unknown;
  pending: boolean;
}

export function ResizeDialog({ server, open, onClose, onSubmit, error, pending }: ActionDialogProps<string>) {
  const { t } = useI18n();
  const flavors = useFlavorsQuery();
  const [choice, setChoice] = useState('');
  const current = flavors.data?.items.find((f) => f.id === server.flavor_id);
  const delta = (a: number, b: number, f: (n: number) => string = String) => `${f(a)} → ${f(b)}`;
  return (
    <FormDialog
      open={open}
      title={t('servers.resize')}
      onClose={onClose}
      onSubmit={async () => (await onSubmit(choice)) && onClose()}
      submitLabel={t('servers.resize')}
      canSubmit={!!choice}
      error={error}
      pending={pending}
    >
      <fieldset className="flex flex-col gap-2">
        <legend className="mb-2 text-sm text-muted">
          {t('servers.currentFlavor')}: <strong>{server.flavor_id}</strong>
        </legend>
        {(flavors.data?.items ?? [])
          .filter((f) => f.id !== server.flavor_id)
          .map((f) => (
            <Choice key={f.id} name="resize-flavor" checked={choice === f.id} onChange={() => setChoice(f.id)}>
              <span className="w-28 font-medium">{f.name}</span>
              {current ? (
                <span className="text-xs text-muted">
                  vCPU {delta(current.vcpus, f.vcpus)} · RAM {delta(current.ram_mb, f.ram_mb, formatMb)} · Disk{' '}
                  {delta(current.disk_gb, f.disk_gb)} GB
                </span>
              ) : null}
            </Choice>
          ))}
      </fieldset>
    </FormDialog>
  );
}

export function MigrateDialog({ server, open, onClose, onSubmit, error, pending }: ActionDialogProps<string>) {
  const { t } = useI18n();
  const hosts = useHostsQuery(server.datacenter_id, open);
  const [choice, setChoice] = useState('');
  return (
    <FormDialog
      open={open}
      title={t('servers.migrate')}
      onClose={onClose}
      onSubmit={async () => (await onSubmit(choice)) && onClose()}
      submitLabel={t('servers.migrate')}
      canSubmit={!!choice}
      error={error}
      pending={pending}
    >
      <ErrorText error={hosts.error} />
      <fieldset className="flex flex-col gap-2">
        <legend className="mb-2 text-sm text-muted">{t('servers.targetHost')}</legend>
        {(hosts.data ?? []).map((h) => (
          <Choice
            key={h.id}
            name="migrate-host"
            checked={choice === h.name}
            disabled={h.name === server.host || h.status !== 'enabled'}
            onChange={() => setChoice(h.name)}
          >
            <span className="w-44 font-medium">{h.name}</span>
            <span className="text-xs text-muted">
              {t('servers.hostFree', {
                vcpus: h.total_vcpus - h.used_vcpus,
                ram: formatMb(h.total_memory_mb - h.used_memory_mb),
              })}
            </span>
            {h.status !== 'enabled' ? (
              <span className="text-xs text-muted">
                ({t('servers.hostDisabled', { reason: h.disabled_reason ?? '' })})
              </span>
            ) : null}
          </Choice>
        ))}
      </fieldset>
    </FormDialog>
  );
}

export function CreateImageDialog({ server, open, onClose }: DialogProps) {
  const { t } = useI18n();
  const create = useCreateImageMutation();
  const [name, setName] = useState(`${server.name}-snapshot`);
  return (
    <FormDialog
      open={open}
      title={t('servers.createImage')}
      onClose={onClose}
      size="sm"
      onSubmit={async () => {
        // The error is shown from the mutation state; only success closes the dialog.
        const image = await create.mutateAsync({ server_id: server.id, name, description: '' }).catch(() => null);
        if (image) onClose();
      }}
      submitLabel={t('common.create')}
      canSubmit={!!name.trim()}
      error={create.error}
      pending={create.isPending}
    >
      <Field label={t('servers.imageName')}>
        {(p) => <Input {...p} value={name} onChange={(e) => setName(e.target.value)} />}
      </Field>
    </FormDialog>
  );
}
