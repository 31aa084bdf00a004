'use client';
import {
  AllProjectsFilter,
  allProjectsParams,
  useAllProjectsScope,
  withProjectColumn,
} from '@/components/feature/all-projects-scope';
import type { ColumnDef } from '@tanstack/react-table';
import { zodResolver } from '@hookform/resolvers/zod';
import Link from 'next/link';
import { useMemo, useState } from 'react';
import { useForm } from 'react-hook-form';
import type { z } from 'zod';
import { PageTitle } from '@/components/feature/page-title';
import { QueryFailure } from '@/components/feature/unavailable';
import { useCanWrite } from '@/components/feature/use-can-write';
import { EmptyState } from '@/components/resource/empty-state';
import { SearchBox } from '@/components/resource/list-toolbar';
import { Pagination } from '@/components/resource/pagination';
import { ResourceTable } from '@/components/resource/resource-table';
import { useListParams } from '@/components/resource/use-list-params';
import { Button } from '@/components/ui/button';
import { Field, Input } from '@/components/ui/field';
import { FormDialog, useSubmitError } from '@/components/ui/form-dialog';
import { useCreateSecurityGroupMutation, useSecurityGroupsQuery } from '@/lib/api/security-groups';
import { useSessionInfo } from '@/lib/api/session';
import { SecurityGroupCreateInput, type SecurityGroup } from '@/lib/contract/security-group';
import { useI18n } from '@/lib/i18n/provider';
import { isWorldOpen } from '@/lib/network/exposure';

export function SecurityGroupsList() {
  const { t } = useI18n();
  const session = useSessionInfo();
  const canWrite = useCanWrite();
  const { params, setParams, page } = useListParams([...allProjectsParams], { sort: 'name' });
  const scope = useAllProjectsScope(params, setParams);
  const listQuery = useMemo(() => scope.query(params), [scope, params]);
  const list = useSecurityGroupsQuery(session.projectId, listQuery);
  const [isCreating, setIsCreating] = useState(false);
  const columns = useMemo<Array<ColumnDef<SecurityGroup, unknown>>>(
    () => [
      {
        id: 'name',
        header: t('common.name'),
        meta: { sortField: 'name' },
        cell: ({ row }) => (
          <Link
            href={`/security-groups/${row.original.id}`}
            className="font-medium text-blue-700 hover:underline dark:text-blue-300"
          >
            {row.original.name}
          </Link>
        ),
      },
      {
        id: 'description',
        header: t('common.description'),
        cell: ({ row }) => <span className="text-muted">{row.original.description || '—'}</span>,
      },
      { id: 'rules', header: t('sg.rules'), cell: ({ row }) => row.original.rules.length },
      {
        id: 'world',
        header: t('sg.worldOpen'),
        cell: ({ row }) => {
          const n = row.original.rules.filter(isWorldOpen).length;
          return n ? (
            <span className="text-amber-700 dark:text-amber-300">{t('sg.worldRules', { count: n })}</span>
          ) : (
            '—'
          );
        },
      },
      {
        id: 'servers',
        header: t('sg.usedBy'),
        cell: ({ row }) => t('sg.serverCount', { count: row.original.server_ids.length }),
      },
    ],
    [t],
  );
  const shownColumns = useMemo(() => withProjectColumn(columns, t, scope, (r) => r.project_id), [columns, t, scope]);
  return (
    <div className="flex flex-col gap-3">
      <PageTitle title={t('sg.title')}>
        {canWrite ? (
          <Button variant="primary" onClick={() => setIsCreating(true)}>
            {t('sg.create')}
          </Button>
        ) : null}
      </PageTitle>
      <div className="flex items-center gap-2">
        <SearchBox label={t('sg.search')} value={params.name ?? ''} onChange={(v) => setParams({ name: v })} />
        <AllProjectsFilter scope={scope} requires="GET /security-groups#project_id" />
      </div>
      <div className="rounded-lg border border-line bg-surface">
        {list.error ? (
          <QueryFailure error={list.error} />
        ) : (
          <ResourceTable
            label={t('sg.title')}
            rows={list.data?.items ?? []}
            columns={shownColumns}
            getRowId={(g) => g.id}
            getRowLabel={(g) => g.name}
            isLoading={list.isPending}
            sort={params.sort}
            onSortChange={(sort) => setParams({ sort: sort ?? '' })}
            empty={<EmptyState title={t('sg.none')} />}
          />
        )}
        <Pagination
          page={page}
          pageSize={params.limit ?? 20}
          total={list.data?.total ?? 0}
          onChange={(p) => setParams(p)}
        />
      </div>
      <CreateGroupDialog open={isCreating} onClose={() => setIsCreating(false)} />
    </div>
  );
}

function CreateGroupDialog({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t } = useI18n();
  const create = useCreateSecurityGroupMutation();
  const { error, attempt } = useSubmitError();
  const form = useForm<z.input<typeof SecurityGroupCreateInput>, unknown, SecurityGroupCreateInput>({
    resolver: zodResolver(SecurityGroupCreateInput),
    defaultValues: { name: '', description: '' },
  });
  const submit = form.handleSubmit(async (v) => {
    if (await attempt(() => create.mutateAsync(v))) {
      form.reset();
      onClose();
    }
  });
  return (
    <FormDialog
      open={open}
      title={t('sg.create')}
      onClose={onClose}
      size="sm"
      onSubmit={submit}
      submitLabel={t('common.create')}
      error={error}
      pending={form.formState.isSubmitting}
    >
      <Field label={t('common.name')} error={form.formState.errors.name?.message}>
        {(p) => <Input {...p} {...form.register('name')} />}
      </Field>
      <Field label={t('common.description')}>{(p) => <Input {...p} {...form.register('description')} />}</Field>
    </FormDialog>
  );
}
