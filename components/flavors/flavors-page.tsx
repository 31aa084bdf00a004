'use client';
import { zodResolver } from '@hookform/resolvers/zod';
import type { ColumnDef } from '@tanstack/react-table';
import { useMemo, useState } from 'react';
import { useForm } from 'react-hook-form';
import { SupportButton } from '@/components/feature/support-gate';
import { ConfirmDialog } from '@/components/resource/confirm-dialog';
import { ResourceTable } from '@/components/resource/resource-table';
import { Field, Input } from '@/components/ui/field';
import { FormDialog } from '@/components/ui/form-dialog';
import { useCreateFlavorMutation, useDeleteFlavorMutation, useFlavorsQuery } from '@/lib/api/flavors';
import { useSessionInfo } from '@/lib/api/session';
import { FlavorCreateInput, type Flavor } from '@/lib/contract/flavor';
import { formatMb } from '@/lib/format/units';
import { useI18n } from '@/lib/i18n/provider';

function CreateFlavorDialog({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t } = useI18n();
  const create = useCreateFlavorMutation();
  const form = useForm({
    resolver: zodResolver(FlavorCreateInput),
    defaultValues: { id: '', name: '', vcpus: 1, ram_mb: 1024, disk_gb: 20, is_public: true },
  });
  const e = form.formState.errors;
  const submit = form.handleSubmit(async (v) => {
    if (await create.mutateAsync(v).catch(() => null)) {
      form.reset();
      onClose();
    }
  });
  return (
    <FormDialog
      open={open}
      title={t('flavors.create')}
      onClose={onClose}
      size="sm"
      onSubmit={submit}
      submitLabel={t('common.create')}
      error={create.error}
      pending={create.isPending}
    >
      <Field label="ID" error={e.id?.message}>
        {(p) => <Input {...p} {...form.register('id')} />}
      </Field>
      <Field label={t('common.name')} error={e.name?.message}>
        {(p) => <Input {...p} {...form.register('name')} />}
      </Field>
      <Field label={t('flavors.vcpus')} error={e.vcpus?.message}>
        {(p) => <Input {...p} type="number" {...form.register('vcpus', { valueAsNumber: true })} />}
      </Field>
      <Field label={t('flavors.ram')} error={e.ram_mb?.message}>
        {(p) => <Input {...p} type="number" {...form.register('ram_mb', { valueAsNumber: true })} />}
      </Field>
      <Field label={t('flavors.disk')} error={e.disk_gb?.message}>
        {(p) => <Input {...p} type="number" {...form.register('disk_gb', { valueAsNumber: true })} />}
      </Field>
      <label className="flex items-center gap-2 text-sm">
        <input type="checkbox" {...form.register('is_public')} /> {t('flavors.public')}
      </label>
    </FormDialog>
  );
}

export function FlavorsPage() {
  const { t } = useI18n();
  const { isAdmin } = useSessionInfo();
  const flavors = useFlavorsQuery();
  const del = useDeleteFlavorMutation();
  const [creating, setCreating] = useState(false);
  const [deleting, setDeleting] = useState<Flavor | null>(null);
  const columns = useMemo<Array<ColumnDef<Flavor, unknown>>>(() => {
    const cols: Array<ColumnDef<Flavor, unknown>> = [
      {
        id: 'name',
        header: t('common.name'),
        cell: ({ row }) => <span className="font-medium">{row.original.name}</span>,
      },
      { id: 'id', header: 'ID', cell: ({ row }) => <code className="text-xs">{row.original.id}</code> },
      { id: 'vcpus', header: t('flavors.vcpus'), cell: ({ row }) => row.original.vcpus },
      { id: 'ram', header: t('quota.ram'), cell: ({ row }) => formatMb(row.original.ram_mb) },
      { id: 'disk', header: t('flavors.disk'), cell: ({ row }) => row.original.disk_gb },
      {
        id: 'public',
        header: t('flavors.public'),
        cell: ({ row }) => (row.original.is_public ? t('common.yes') : t('common.no')),
      },
    ];
    if (isAdmin)
      cols.push({
        id: 'actions',
        header: t('common.actions'),
        cell: ({ row }) => (
          <SupportButton
            requires="DELETE /flavors/{id}"
            size="sm"
            variant="danger"
            aria-label={`${t('common.delete')} ${row.original.name}`}
            onClick={() => setDeleting(row.original)}
          >
            {t('common.delete')}
          </SupportButton>
        ),
      });
    return cols;
  }, [t, isAdmin]);
  return (
    <div className="flex flex-col gap-3">
      <div className="flex items-center justify-between">
        <h1 className="text-xl font-semibold">{t('flavors.title')}</h1>
        {isAdmin ? (
          <SupportButton requires="POST /flavors" variant="primary" onClick={() => setCreating(true)}>
            {t('flavors.create')}
          </SupportButton>
        ) : null}
      </div>
      <div className="rounded-lg border border-line bg-surface">
        <ResourceTable
          label={t('flavors.title')}
          rows={flavors.data?.items ?? []}
          columns={columns}
          getRowId={(f) => f.id}
          getRowLabel={(f) => f.name}
          isLoading={flavors.isPending}
          error={flavors.error}
        />
      </div>
      {isAdmin ? <CreateFlavorDialog open={creating} onClose={() => setCreating(false)} /> : null}
      <ConfirmDialog
        open={!!deleting}
        title={t('common.delete')}
        message={t('flavors.deleteConfirm', { name: deleting?.name ?? '' })}
        confirmLabel={t('common.delete')}
        isDanger
        isPending={del.isPending}
        error={del.error}
        onClose={() => setDeleting(null)}
        onConfirm={async () => {
          if (
            deleting &&
            (await del.mutateAsync(deleting.id).then(
              () => true,
              () => false,
            ))
          )
            setDeleting(null);
        }}
      />
    </div>
  );
}
