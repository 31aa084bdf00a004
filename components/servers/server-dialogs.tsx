'use client';
import { zodResolver } from '@hookform/resolvers/zod';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { z } from 'zod';
import { Button } from '@/components/ui/button';
import { Dialog } from '@/components/ui/dialog';
import { ErrorText } from '@/components/ui/error-text';
import { Field, Input } from '@/components/ui/field';
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
  const [error, setError] = useState<unknown>(null);
  const form = useForm({ resolver: zodResolver(RenameForm), values: { name: server.name, description: server.description } });
  const submit = form.handleSubmit(async (v) => {
    try {
      await runServerAction(server.id, { kind: 'update', ...v });
      await qc.invalidateQueries({ queryKey: serverKeys.all });
      onClose();
    } catch (e) {
      setError(e);
    }
  });
  return (
    <Dialog open={open} title={t('servers.rename')} onClose={onClose} size="sm">
      <form onSubmit={submit} className="flex flex-col gap-3">
        <Field label={t('common.name')} error={form.formState.errors.name?.message}>{(p) => <Input {...p} {...form.register('name')} />}</Field>
        <Field label={t('common.description')} error={form.formState.errors.description?.message}>{(p) => <Input {...p} {...form.register('description')} />}</Field>
        <ErrorText error={error} />
        <div className="flex justify-end gap-2">
          <Button onClick={onClose}>{t('common.cancel')}</Button>
          <Button type="submit" variant="primary" disabled={form.formState.isSubmitting}>
            {t('common.save')}
          </Button>
        </div>
      </form>
    </Dialog>
  );
}

function Choice({ name, checked, onChange, disabled, children }: { name: string; checked: boolean; onChange: () => void; disabled?: boolean; children: React.ReactNode }) {
  return (
    <label className={`flex cursor-pointer items-center gap-3 rounded border px-3 py-2 text-sm ${checked ? 'border-blue-600 bg-blue-50 dark:bg-blue-950' : 'border-line'} ${disabled ? 'cursor-not-allowed opacity-50' : ''}`}>
      <input type="radio" name={name} checked={checked} onChange={onChange} disabled={disabled} />
      {children}
    </label>
  );
}

export function ResizeDialog({ server, open, onClose, onSubmit }: DialogProps & { onSubmit: (flavorId: string) => Promise<boolean> }) {
  const { t } = useI18n();
  const flavors = useFlavorsQuery();
  const [choice, setChoice] = useState('');
  const current = flavors.data?.items.find((f) => f.id === server.flavor_id);
  const delta = (a: number, b: number, f: (n: number) => string = String) => `${f(a)} → ${f(b)}`;
  return (
    <Dialog open={open} title={t('servers.resize')} onClose={onClose}>
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
                  vCPU {delta(current.vcpus, f.vcpus)} · RAM {delta(current.ram_mb, f.ram_mb, formatMb)} · Disk {delta(current.disk_gb, f.disk_gb)} GB
                </span>
              ) : null}
            </Choice>
          ))}
      </fieldset>
      <div className="mt-3 flex justify-end gap-2">
        <Button onClick={onClose}>{t('common.cancel')}</Button>
        <Button variant="primary" disabled={!choice} onClick={async () => (await onSubmit(choice)) && onClose()}>
          {t('servers.resize')}
        </Button>
      </div>
    </Dialog>
  );
}

export function MigrateDialog({ server, open, onClose, onSubmit }: DialogProps & { onSubmit: (host: string) => Promise<boolean> }) {
  const { t } = useI18n();
  const hosts = useHostsQuery(server.datacenter_id, open);
  const [choice, setChoice] = useState('');
  return (
    <Dialog open={open} title={t('servers.migrate')} onClose={onClose}>
      <ErrorText error={hosts.error} />
      <fieldset className="flex flex-col gap-2">
        <legend className="mb-2 text-sm text-muted">{t('servers.targetHost')}</legend>
        {(hosts.data ?? []).map((h) => (
          <Choice key={h.id} name="migrate-host" checked={choice === h.name} disabled={h.name === server.host || h.status !== 'enabled'} onChange={() => setChoice(h.name)}>
            <span className="w-44 font-medium">{h.name}</span>
            <span className="text-xs text-muted">{t('servers.hostFree', { vcpus: h.total_vcpus - h.used_vcpus, ram: formatMb(h.total_memory_mb - h.used_memory_mb) })}</span>
          </Choice>
        ))}
      </fieldset>
      <div className="mt-3 flex justify-end gap-2">
        <Button onClick={onClose}>{t('common.cancel')}</Button>
        <Button variant="primary" disabled={!choice} onClick={async () => (await onSubmit(choice)) && onClose()}>
          {t('servers.migrate')}
        </Button>
      </div>
    </Dialog>
  );
}

export function CreateImageDialog({ server, open, onClose }: DialogProps) {
  const { t } = useI18n();
  const create = useCreateImageMutation();
  const [name, setName] = useState(`${server.name}-snapshot`);
  return (
    <Dialog open={open} title={t('servers.createImage')} onClose={onClose} size="sm">
      <form
        className="flex flex-col gap-3"
        onSubmit={async (e) => {
          e.preventDefault();
          // The error is shown from the mutation state; only success closes the dialog.
          const image = await create.mutateAsync({ server_id: server.id, name, description: '' }).catch(() => null);
          if (image) onClose();
        }}
      >
        <Field label={t('servers.imageName')}>{(p) => <Input {...p} value={name} onChange={(e) => setName(e.target.value)} />}</Field>
        <ErrorText error={create.error} />
        <div className="flex justify-end gap-2">
          <Button onClick={onClose}>{t('common.cancel')}</Button>
          <Button type="submit" variant="primary" disabled={create.isPending || !name.trim()}>
            {t('common.create')}
          </Button>
        </div>
      </form>
    </Dialog>
  );
}
