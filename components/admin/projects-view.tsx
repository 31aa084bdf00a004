'use client';
import { AllProjectsLinks } from '@/components/feature/all-projects-scope';
import { TableNote } from '@/components/ui/table-note';
import { zodResolver } from '@hookform/resolvers/zod';
import { useEffect, useState } from 'react';
import { useForm, type FieldPath, type UseFormReturn } from 'react-hook-form';
import { PageTitle } from '@/components/feature/page-title';
import { SupportButton, SupportLink, UnsupportedNotice, useSupportGate } from '@/components/feature/support-gate';
import { QueryFailure } from '@/components/feature/unavailable';
import { ConfirmDialog } from '@/components/resource/confirm-dialog';
import { Field, Input } from '@/components/ui/field';
import { FormDialog } from '@/components/ui/form-dialog';
import { ApiError } from '@/lib/api/client';
import {
  useProjectActionMutation,
  useProjectLimitsQuery,
  useProjectUsageQuery,
  type ProjectAction,
} from '@/lib/api/projects';
import { useSessionInfo } from '@/lib/api/session';
import { useAllProjectsQuery } from '@/lib/api/users';
import type { Project, QuotaLimits } from '@/lib/contract/auth';
import type { ComputeQuota, VolumeQuota } from '@/lib/contract/quota';
import { formatMb } from '@/lib/format/units';
import { useI18n } from '@/lib/i18n/provider';
import { Usage } from './usage-meter';
import {
  createProjectSchema,
  numberOrUndefined,
  quotaFields,
  quotasSchema,
  type CreateProjectForm,
  type QuotaField,
  type QuotasForm,
} from './project-forms';

/** The create form's own fields (module-level: the field-error effect depends on the list). */
const createFields = ['name', 'description'] as const;

/** Keystone/Nova/Cinder's "no limit" reaches the contract as the largest int (server/providers/openstack/compute.ts). */
const NO_LIMIT = 2 ** 31 - 1;

type Pending = { kind: 'create' } | { kind: 'quotas' | 'delete'; project: Project } | null;

/** What each quota field's usage is in the B.5/B.6 answers; undefined where the backend does not report it. */
function usageOf(c: ComputeQuota | undefined, v: VolumeQuota | undefined): Record<QuotaField, number | undefined> {
  return {
    instances: c?.used_instances,
    vcpus: c?.used_vcpus,
    ram_mb: c?.used_memory_mb,
    volumes: v?.used_volumes,
    volume_gb: v?.used_gb,
    floating_ips: c?.used_floating_ips,
    public_ips: c?.used_public_ips,
    security_groups: c?.used_security_groups,
  };
}

/** Admin: every project with its usage against its quota; create, set quotas, delete. */
export function ProjectsView() {
  const { t } = useI18n();
  const session = useSessionInfo();
  const gate = useSupportGate('GET /projects');
  const projects = useAllProjectsQuery(gate.supported);
  const action = useProjectActionMutation();
  const [pending, setPending] = useState<Pending>(null);
  const [error, setError] = useState<unknown>(null);

  /** Runs a change; true when it succeeded (the dialog then closes), the failure kept for the dialog otherwise. */
  const run = async (a: ProjectAction): Promise<boolean> => {
    setError(null);
    try {
      await action.mutateAsync(a);
      return true;
    } catch (e) {
      setError(e);
      return false;
    }
  };
  const close = () => {
    setPending(null);
    setError(null);
  };

  return (
    <div className="flex flex-col gap-3">
      <PageTitle title={t('projects.title')}>
        <SupportButton requires="POST /projects" variant="primary" onClick={() => setPending({ kind: 'create' })}>
          {t('projects.create')}
        </SupportButton>
      </PageTitle>
      <UnsupportedNotice requires="GET /projects" />
      <div hidden={!gate.supported} className="overflow-auto rounded-lg border border-line bg-surface">
        {projects.error ? <QueryFailure error={projects.error} /> : null}
        <table className="w-full text-sm" aria-label={t('projects.title')}>
          <thead className="bg-surface-2 text-left text-xs text-muted">
            <tr>
              <th className="px-3 py-2 font-medium">{t('projects.name')}</th>
              <th className="font-medium">{t('projects.description')}</th>
              <th className="font-medium">{t('projects.usage')}</th>
              <th className="font-medium">{t('projects.actions')}</th>
            </tr>
          </thead>
          <tbody>
            {projects.isPending && gate.supported ? <TableNote colSpan={4}>{t('common.loading')}</TableNote> : null}
            {projects.data && projects.data.length === 0 ? (
              <TableNote colSpan={4}>{t('projects.empty')}</TableNote>
            ) : null}
            {(projects.data ?? []).map((p) => {
              const isCurrent = p.id === session.projectId;
              return (
                <tr key={p.id} className="border-t border-line align-top" data-testid={`project-row-${p.name}`}>
                  <td className="px-3 py-2 font-medium">
                    {p.name} {isCurrent ? <span className="text-xs text-muted">{t('projects.current')}</span> : null}
                  </td>
                  <td className="max-w-64 py-2 break-words text-muted">{p.description}</td>
                  <td className="py-2">
                    <ProjectUsage projectId={p.id} />
                    <div className="mt-1">
                      <AllProjectsLinks projectId={p.id} label={t('projects.resourcesOf', { name: p.name })} />
                    </div>
                  </td>
                  <td className="py-2 pr-3">
                    <div className="flex flex-wrap gap-1">
                      <SupportLink
                        requires="GET /usage"
                        href={`/admin/usage?project=${encodeURIComponent(p.id)}`}
                        className="inline-flex h-7 items-center rounded border border-line px-2 text-xs font-medium hover:bg-surface-2"
                      >
                        {t('usage.open')}
                      </SupportLink>
                      <SupportButton
                        requires="PUT /projects/{id}/quotas"
                        size="sm"
                        onClick={() => setPending({ kind: 'quotas', project: p })}
                      >
                        {t('projects.quotas')}
                      </SupportButton>
                      <SupportButton
                        requires="DELETE /projects/{id}"
                        size="sm"
                        variant="danger"
                        // The API refuses it too (409): a session cannot remove the project it works in.
                        disabled={isCurrent}
                        title={isCurrent ? t('projects.currentCannotDelete') : undefined}
                        onClick={() => setPending({ kind: 'delete', project: p })}
                      >
                        {t('projects.delete')}
                      </SupportButton>
                    </div>
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>

      {pending?.kind === 'create' ? (
        <CreateProjectDialog
          error={error}
          onClose={close}
          onSubmit={async (v) => {
            if (await run({ kind: 'create', ...v })) close();
          }}
        />
      ) : null}
      {pending?.kind === 'quotas' ? (
        <QuotasDialog
          project={pending.project}
          error={error}
          onClose={close}
          onSubmit={async (quotas) => {
            if (await run({ kind: 'setQuotas', projectId: pending.project.id, quotas })) close();
          }}
        />
      ) : null}
      <ConfirmDialog
        open={pending?.kind === 'delete'}
        title={pending?.kind === 'delete' ? t('projects.deleteTitle', { name: pending.project.name }) : ''}
        message={pending?.kind === 'delete' ? t('projects.deleteMessage', { name: pending.project.name }) : ''}
        confirmLabel={t('projects.delete')}
        typeToConfirm={pending?.kind === 'delete' ? pending.project.name : undefined}
        isDanger
        isPending={action.isPending}
        error={error}
        onClose={close}
        onConfirm={async () => {
          if (pending?.kind === 'delete' && (await run({ kind: 'delete', projectId: pending.project.id }))) close();
        }}
      />
    </div>
  );
}

/** The project's usage against its quota, as bars (instances, vCPUs, RAM, volumes, volume GB). */
function ProjectUsage({ projectId }: { projectId: string }) {
  const { t } = useI18n();
  const usage = useProjectUsageQuery(projectId);
  if (usage.error)
    return (
      <span className="text-xs text-red-600 dark:text-red-400">
        {t('projects.usageFailed', { message: usage.error instanceof Error ? usage.error.message : '' })}
      </span>
    );
  if (!usage.data) return <span className="text-xs text-muted">{t('common.loading')}</span>;
  const { compute: c, volume: v } = usage.data;
  const of = (total: number, shown: string) => (total >= NO_LIMIT ? t('projects.unlimited') : shown);
  const bars: { key: QuotaField; used: number; total: number; text: string }[] = [
    {
      key: 'instances',
      used: c.used_instances,
      total: c.total_instances,
      text: `${c.used_instances} / ${of(c.total_instances, String(c.total_instances))}`,
    },
    {
      key: 'vcpus',
      used: c.used_vcpus,
      total: c.total_vcpus,
      text: `${c.used_vcpus} / ${of(c.total_vcpus, String(c.total_vcpus))}`,
    },
    {
      key: 'ram_mb',
      used: c.used_memory_mb,
      total: c.total_memory_mb,
      text: `${formatMb(c.used_memory_mb)} / ${of(c.total_memory_mb, formatMb(c.total_memory_mb))}`,
    },
    {
      key: 'volumes',
      used: v.used_volumes,
      total: v.total_volumes,
      text: `${v.used_volumes} / ${of(v.total_volumes, String(v.total_volumes))}`,
    },
    {
      key: 'volume_gb',
      used: v.used_gb,
      total: v.total_gb,
      text: `${v.used_gb} / ${of(v.total_gb, `${v.total_gb} GB`)}`,
    },
  ];
  return (
    <ul className="grid grid-cols-[auto_auto] gap-x-3 gap-y-1 py-1" aria-label={t('projects.usage')}>
      {bars.map((b) => (
        <li key={b.key} className="contents" data-testid={`usage-${b.key}`}>
          <span className="text-xs text-muted">{t(`projects.quota.${b.key}`)}</span>
          <Usage used={b.used} total={b.total} text={b.text} />
        </li>
      ))}
    </ul>
  );
}

/**
 * The API's per-field refusals (a quota below usage names its field) go under their fields; the dialog's own error
 * line keeps only what names no field of the form, so a message is not shown twice.
 */
function useFieldErrors<T extends Record<string, unknown>>(
  form: UseFormReturn<T>,
  error: unknown,
  fields: readonly string[],
  prefix = '',
): unknown {
  const placed =
    error instanceof ApiError && error.details.length > 0 && error.details.every((d) => fields.includes(d.path));
  useEffect(() => {
    if (!(error instanceof ApiError)) return;
    for (const d of error.details)
      if (fields.includes(d.path)) form.setError(`${prefix}${d.path}` as FieldPath<T>, { message: d.message });
  }, [error, form, fields, prefix]);
  return placed ? null : error;
}

function useErr() {
  const { tx } = useI18n();
  return (m?: string) => (m ? tx(`projects.err.${m}`, m) : undefined);
}

function CreateProjectDialog({
  error,
  onClose,
  onSubmit,
}: {
  error: unknown;
  onClose: () => void;
  onSubmit: (v: CreateProjectForm) => Promise<void>;
}) {
  const { t } = useI18n();
  const err = useErr();
  const form = useForm<CreateProjectForm>({
    resolver: zodResolver(createProjectSchema),
    defaultValues: { name: '', description: '', quotas: {} },
  });
  const shownError = useFieldErrors(form, error, createFields);
  const e = form.formState.errors;
  return (
    <FormDialog
      title={t('projects.create')}
      onClose={onClose}
      size="md"
      onSubmit={form.handleSubmit((v) =>
        // Only the quotas typed in are sent: the others keep the backend's defaults.
        onSubmit({
          ...v,
          quotas: Object.fromEntries(Object.entries(v.quotas).filter(([, n]) => n !== undefined)),
        }),
      )}
      submitLabel={t('common.create')}
      error={shownError}
      pending={form.formState.isSubmitting}
    >
      <Field label={t('projects.name')} error={err(e.name?.message)}>
        {(p) => <Input {...p} autoComplete="off" {...form.register('name')} />}
      </Field>
      <Field label={t('projects.description')} error={err(e.description?.message)}>
        {(p) => <Input {...p} autoComplete="off" {...form.register('description')} />}
      </Field>
      <fieldset className="flex flex-col gap-2">
        <legend className="mb-1 text-xs font-medium text-muted">{t('projects.createQuotas')}</legend>
        <div className="grid grid-cols-2 gap-2">
          {quotaFields.map((k) => (
            <Field key={k} label={t(`projects.quota.${k}`)} error={err(e.quotas?.[k]?.message)}>
              {(p) => (
                <Input
                  {...p}
                  type="number"
                  min={0}
                  inputMode="numeric"
                  {...form.register(`quotas.${k}`, { setValueAs: numberOrUndefined })}
                />
              )}
            </Field>
          ))}
        </div>
      </fieldset>
    </FormDialog>
  );
}

/**
 * Every quota with the project's usage beside it. The form is mounted once the current limits are read, so it
 * starts from them (react-hook-form takes its defaults once).
 */
function QuotasDialog({
  project,
  error,
  onClose,
  onSubmit,
}: {
  project: Project;
  error: unknown;
  onClose: () => void;
  onSubmit: (v: Partial<QuotaLimits>) => Promise<void>;
}) {
  const { t } = useI18n();
  const limits = useProjectLimitsQuery(project.id);
  const usage = useProjectUsageQuery(project.id);
  const title = t('projects.quotasTitle', { name: project.name });
  if (!limits.data)
    return (
      <FormDialog
        title={title}
        onClose={onClose}
        onSubmit={() => undefined}
        submitLabel={t('common.save')}
        error={limits.error}
        pending={false}
        canSubmit={false}
      >
        <p className="text-sm text-muted">{t('common.loading')}</p>
      </FormDialog>
    );
  return (
    <QuotasForm
      title={title}
      limits={limits.data}
      used={usageOf(usage.data?.compute, usage.data?.volume)}
      usageError={usage.error}
      error={error}
      onClose={onClose}
      onSubmit={onSubmit}
    />
  );
}

function QuotasForm({
  title,
  limits,
  used,
  usageError,
  error,
  onClose,
  onSubmit,
}: {
  title: string;
  limits: QuotaLimits;
  used: Record<QuotaField, number | undefined>;
  usageError: unknown;
  error: unknown;
  onClose: () => void;
  onSubmit: (v: Partial<QuotaLimits>) => Promise<void>;
}) {
  const { t } = useI18n();
  const err = useErr();
  const form = useForm<QuotasForm>({ resolver: zodResolver(quotasSchema), defaultValues: limits });
  const shownError = useFieldErrors(form, error, quotaFields);
  const e = form.formState.errors;
  return (
    <FormDialog
      title={title}
      onClose={onClose}
      size="md"
      onSubmit={form.handleSubmit((v) =>
        // Only the changed limits are sent: an unchanged one is not re-checked against a usage that grew meanwhile.
        onSubmit(Object.fromEntries(quotaFields.filter((k) => v[k] !== limits[k]).map((k) => [k, v[k]]))),
      )}
      submitLabel={t('common.save')}
      error={shownError ?? usageError}
      pending={form.formState.isSubmitting}
    >
      <p className="text-xs text-muted">{t('projects.quotasHint')}</p>
      <div className="grid grid-cols-2 gap-2">
        {quotaFields.map((k) => {
          const inUse = used[k];
          return (
            <Field
              key={k}
              label={t(`projects.quota.${k}`)}
              error={err(e[k]?.message)}
              hint={inUse === undefined ? t('projects.usageUnknown') : t('projects.inUse', { used: inUse })}
            >
              {(p) => (
                <Input
                  {...p}
                  type="number"
                  min={0}
                  inputMode="numeric"
                  {...form.register(k, { setValueAs: numberOrUndefined })}
                />
              )}
            </Field>
          );
        })}
      </div>
    </FormDialog>
  );
}
