'use client';
import { AllProjectsLinks } from '@/components/feature/all-projects-scope';
import { TableNote } from '@/components/ui/table-note';
import { zodResolver } from '@hookform/resolvers/zod';
import { useEffect, useState } from 'react';
import { useForm, type FieldPath, type UseFormRegisterReturn, type UseFormReturn } from 'react-hook-form';
import { PageTitle } from '@/components/feature/page-title';
import {
  SupportButton,
  SupportChoice,
  SupportLink,
  UnsupportedNotice,
  useSupportGate,
} from '@/components/feature/support-gate';
import { QueryFailure } from '@/components/feature/unavailable';
import { ConfirmDialog } from '@/components/resource/confirm-dialog';
import { Field, Input } from '@/components/ui/field';
import { FormDialog } from '@/components/ui/form-dialog';
import { ApiError } from '@/lib/api/client';
import { useQueryClient } from '@tanstack/react-query';
import {
  projectKeys,
  useDefaultQuotasQuery,
  useProjectActionMutation,
  useProjectLimitsQuery,
  useProjectPurgeQuery,
  useProjectResourcesQuery,
  useProjectUsageQuery,
  type ProjectAction,
} from '@/lib/api/projects';
import { useTasksStore } from '@/lib/stores/tasks-store';
import { useSessionInfo } from '@/lib/api/session';
import { useAllProjectsQuery } from '@/lib/api/users';
import type { Project, QuotaLimits } from '@/lib/contract/auth';
import type { ComputeQuota, VolumeQuota } from '@/lib/contract/quota';
import { formatMb } from '@/lib/format/units';
import { useI18n } from '@/lib/i18n/provider';
import { Usage } from './usage-meter';
import {
  createProjectSchema,
  editProjectSchema,
  numberOrUndefined,
  quotaFields,
  quotasSchema,
  type CreateProjectForm,
  type EditProjectForm,
  type QuotaField,
  type QuotasForm,
} from './project-forms';

/** The create form's own fields (module-level: the field-error effect depends on the list). */
const createFields = ['name', 'description'] as const;

/** Keystone/Nova/Cinder's "no limit" reaches the contract as the largest int (server/providers/openstack/compute.ts). */
const NO_LIMIT = 2 ** 31 - 1;

type Pending =
  { kind: 'create' | 'defaults' } | { kind: 'quotas' | 'delete' | 'edit' | 'disable'; project: Project } | null;

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
  /** The task-tray entry of each delete-everything task this page started, followed until it ends. */
  const [watched, setWatched] = useState<{ projectId: string; taskId: string }[]>([]);

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
        <SupportButton requires="GET /quotas/defaults" onClick={() => setPending({ kind: 'defaults' })}>
          {t('projects.defaults')}
        </SupportButton>
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
              <th className="font-medium">{t('projects.state')}</th>
              <th className="font-medium">{t('projects.members')}</th>
              <th className="font-medium">{t('projects.usage')}</th>
              <th className="font-medium">{t('projects.actions')}</th>
            </tr>
          </thead>
          <tbody>
            {projects.isPending && gate.supported ? <TableNote colSpan={6}>{t('common.loading')}</TableNote> : null}
            {projects.data && projects.data.length === 0 ? (
              <TableNote colSpan={6}>{t('projects.empty')}</TableNote>
            ) : null}
            {(projects.data ?? []).map((p) => {
              const isCurrent = p.id === session.projectId;
              return (
                <tr key={p.id} className="border-t border-line align-top" data-testid={`project-row-${p.name}`}>
                  <td className="px-3 py-2 font-medium">
                    {p.name} {isCurrent ? <span className="text-xs text-muted">{t('projects.current')}</span> : null}
                  </td>
                  <td className="max-w-64 py-2 break-words text-muted">{p.description}</td>
                  <td className="py-2 pr-2" data-testid="project-state">
                    <span className={p.enabled === false ? 'text-amber-700 dark:text-amber-400' : 'text-muted'}>
                      {p.enabled === false ? t('projects.disabled') : t('projects.enabled')}
                    </span>
                    {p.purge ? (
                      <PurgeStatus project={p} onRetry={() => run({ kind: 'purge', projectId: p.id })} />
                    ) : null}
                  </td>
                  <td className="py-2 tabular-nums" data-testid="project-members">
                    {p.member_count ?? '—'}
                  </td>
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
                        requires="PATCH /projects/{id}"
                        size="sm"
                        onClick={() => setPending({ kind: 'edit', project: p })}
                      >
                        {t('projects.edit')}
                      </SupportButton>
                      {p.enabled === false ? (
                        <SupportButton
                          requires="POST /projects/{id}/enable"
                          size="sm"
                          onClick={() => void run({ kind: 'enable', projectId: p.id })}
                        >
                          {t('projects.enable')}
                        </SupportButton>
                      ) : (
                        <SupportButton
                          requires="POST /projects/{id}/disable"
                          size="sm"
                          // The API refuses it too (409): a session cannot disable the project it works in.
                          disabled={isCurrent}
                          title={isCurrent ? t('projects.currentCannotDisable') : undefined}
                          onClick={() => setPending({ kind: 'disable', project: p })}
                        >
                          {t('projects.disable')}
                        </SupportButton>
                      )}
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
      {pending?.kind === 'delete' ? (
        <DeleteProjectDialog
          project={pending.project}
          error={error}
          isPending={action.isPending}
          onClose={close}
          onConfirm={async (everything) => {
            const p = pending.project;
            if (!everything) {
              if (await run({ kind: 'delete', projectId: p.id })) close();
              return;
            }
            if (await run({ kind: 'purge', projectId: p.id })) {
              const taskId = useTasksStore.getState().start(t('projects.purgeTask', { name: p.name }));
              setWatched((w) => [...w, { projectId: p.id, taskId }]);
              close();
            }
          }}
        />
      ) : null}
      {watched.map((w) => (
        <PurgeTaskWatcher
          key={w.taskId}
          {...w}
          onEnd={() => setWatched((all) => all.filter((x) => x.taskId !== w.taskId))}
        />
      ))}
      {pending?.kind === 'edit' ? (
        <EditProjectDialog
          project={pending.project}
          error={error}
          onClose={close}
          onSubmit={async (v) => {
            if (await run({ kind: 'update', projectId: pending.project.id, ...v })) close();
          }}
        />
      ) : null}
      <ConfirmDialog
        open={pending?.kind === 'disable'}
        title={pending?.kind === 'disable' ? t('projects.disableTitle', { name: pending.project.name }) : ''}
        message={pending?.kind === 'disable' ? t('projects.disableMessage', { name: pending.project.name }) : ''}
        confirmLabel={t('projects.disable')}
        isDanger
        isPending={action.isPending}
        error={error}
        onClose={close}
        onConfirm={async () => {
          if (pending?.kind === 'disable' && (await run({ kind: 'disable', projectId: pending.project.id }))) close();
        }}
      />
      {pending?.kind === 'defaults' ? (
        <DefaultQuotasDialog
          error={error}
          onClose={close}
          onSubmit={async (quotas) => {
            if (await run({ kind: 'setDefaults', quotas })) close();
          }}
        />
      ) : null}
    </div>
  );
}

/**
 * A delete-everything task's progress in the project's row, polled from the console's database (a reload or a
 * restart shows it too); a failure names what could not go, with the backend's reason, and offers a retry.
 */
function PurgeStatus({ project, onRetry }: { project: Project; onRetry: () => Promise<boolean> }) {
  const { t } = useI18n();
  const qc = useQueryClient();
  const purge = useProjectPurgeQuery(project.id);
  const data = purge.data;
  const status = data?.status ?? project.purge?.status;
  const ended = data && data.status !== 'running' ? data.status : null;
  useEffect(() => {
    // Over: the list shows the project gone, or left with what could not go.
    if (ended) void qc.invalidateQueries({ queryKey: projectKeys.all });
  }, [ended, qc]);
  const done = data?.done ?? project.purge?.done ?? 0;
  const total = data?.total ?? project.purge?.total ?? 0;
  const pct = total ? Math.floor((done / total) * 100) : 0;
  return (
    <div className="mt-1 flex max-w-72 flex-col gap-1" data-testid="project-purge">
      {status === 'running' ? (
        <>
          <span className="text-xs">{t('projects.deleting', { done, total })}</span>
          <div
            role="progressbar"
            aria-label={t('projects.purgeProgress')}
            aria-valuemin={0}
            aria-valuemax={100}
            aria-valuenow={pct}
            className="h-1.5 overflow-hidden rounded bg-surface-2 ring-1 ring-line"
          >
            <div className="h-full bg-red-600 transition-[width]" style={{ width: `${pct}%` }} />
          </div>
        </>
      ) : null}
      {status === 'failed' ? (
        <>
          <span className="text-xs text-red-600 dark:text-red-400">
            {t('projects.purgeFailed', { error: data?.error ?? project.purge?.error ?? '' })}
          </span>
          <ul className="text-xs text-muted">
            {(data?.steps ?? [])
              .filter((s) => s.state === 'failed')
              .map((s) => (
                <li key={`${s.type}-${s.id}`}>
                  {t(`projects.resource.${s.type}`)} {s.name}: {s.error}
                </li>
              ))}
          </ul>
          <SupportButton requires="POST /projects/{id}/purge" size="sm" variant="danger" onClick={() => void onRetry()}>
            {t('projects.purgeRetry')}
          </SupportButton>
        </>
      ) : null}
    </div>
  );
}

/**
 * Follows one delete-everything task this page started and ends its task-tray entry with the outcome; it outlives
 * the project's row, which goes as soon as the project does.
 */
function PurgeTaskWatcher({ projectId, taskId, onEnd }: { projectId: string; taskId: string; onEnd: () => void }) {
  const { t } = useI18n();
  const qc = useQueryClient();
  const purge = useProjectPurgeQuery(projectId).data;
  // An earlier task's outcome still in the cache (a retry after a failure) is not this task's end.
  const [since] = useState(() => Date.now() - 5000);
  useEffect(() => {
    if (!purge || purge.status === 'running' || Date.parse(purge.updated_at) < since) return;
    useTasksStore
      .getState()
      .finish(taskId, purge.status, purge.status === 'done' ? t('projects.purgeDone') : purge.error);
    void qc.invalidateQueries({ queryKey: projectKeys.all });
    onEnd();
  }, [purge, since, taskId, t, qc, onEnd]);
  return null;
}

/**
 * Delete a project: the plain removal (refused while it holds resources), or "delete everything in it", which first
 * lists by name what will go, in the order of removal. Both ask for the project's name typed out.
 */
function DeleteProjectDialog({
  project,
  error,
  isPending,
  onClose,
  onConfirm,
}: {
  project: Project;
  error: unknown;
  isPending: boolean;
  onClose: () => void;
  onConfirm: (everything: boolean) => Promise<void>;
}) {
  const { t } = useI18n();
  const [everything, setEverything] = useState(false);
  const [typed, setTyped] = useState('');
  const resources = useProjectResourcesQuery(project.id, everything);
  return (
    <FormDialog
      title={t('projects.deleteTitle', { name: project.name })}
      onClose={onClose}
      size="md"
      onSubmit={() => void onConfirm(everything)}
      submitLabel={everything ? t('projects.deleteEverythingConfirm') : t('projects.delete')}
      submitVariant="danger"
      canSubmit={typed === project.name && (!everything || !!resources.data)}
      error={error ?? resources.error ?? null}
      pending={isPending}
    >
      <p className="text-sm">{t('projects.deleteMessage', { name: project.name })}</p>
      <SupportChoice
        requires={['GET /projects/{id}/resources', 'POST /projects/{id}/purge']}
        type="checkbox"
        checked={everything}
        onChange={(e) => setEverything(e.target.checked)}
        label={t('projects.deleteEverything')}
      />
      {everything ? (
        <div className="flex flex-col gap-1 text-sm" data-testid="purge-list">
          <p className="text-xs text-muted">{t('projects.purgeMessage')}</p>
          {resources.isPending ? <p className="text-xs text-muted">{t('projects.purgeLoading')}</p> : null}
          {resources.data && resources.data.length === 0 ? (
            <p className="text-xs text-muted">{t('projects.purgeNothing')}</p>
          ) : null}
          <ol className="max-h-48 list-decimal overflow-auto pl-5">
            {(resources.data ?? []).map((r) => (
              <li key={`${r.type}-${r.id}`}>
                <span className="text-muted">{t(`projects.resource.${r.type}`)}</span> {r.name}
              </li>
            ))}
          </ol>
        </div>
      ) : null}
      <Field label={t('servers.typeName')}>
        {(p) => <Input {...p} value={typed} autoComplete="off" onChange={(e) => setTyped(e.target.value)} />}
      </Field>
    </FormDialog>
  );
}

const editFields = ['name', 'description'] as const;

function EditProjectDialog({
  project,
  error,
  onClose,
  onSubmit,
}: {
  project: Project;
  error: unknown;
  onClose: () => void;
  onSubmit: (v: { name?: string; description?: string }) => Promise<void>;
}) {
  const { t } = useI18n();
  const err = useErr();
  const form = useForm<EditProjectForm>({
    resolver: zodResolver(editProjectSchema),
    defaultValues: { name: project.name, description: project.description },
  });
  const shownError = useFieldErrors(form, error, editFields);
  const e = form.formState.errors;
  return (
    <FormDialog
      title={t('projects.editTitle', { name: project.name })}
      onClose={onClose}
      size="md"
      onSubmit={form.handleSubmit((v) =>
        // Only what changed is sent: an unchanged name is not checked against itself.
        onSubmit({
          ...(v.name !== project.name ? { name: v.name } : {}),
          ...(v.description !== project.description || v.name === project.name ? { description: v.description } : {}),
        }),
      )}
      submitLabel={t('common.save')}
      error={shownError}
      pending={form.formState.isSubmitting}
    >
      <NameAndDescription
        name={form.register('name')}
        description={form.register('description')}
        errors={{ name: err(e.name?.message), description: err(e.description?.message) }}
      />
    </FormDialog>
  );
}

/**
 * The cloud's defaults for new projects. A field the backend cannot set as a default (Neutron's, on OpenStack) is
 * greyed with the reason and not sent.
 */
function DefaultQuotasDialog({
  error,
  onClose,
  onSubmit,
}: {
  error: unknown;
  onClose: () => void;
  onSubmit: (v: Partial<QuotaLimits>) => Promise<void>;
}) {
  const { t } = useI18n();
  const defaults = useDefaultQuotasQuery();
  if (!defaults.data)
    return (
      <FormDialog
        title={t('projects.defaultsTitle')}
        onClose={onClose}
        onSubmit={() => undefined}
        submitLabel={t('common.save')}
        error={defaults.error}
        pending={false}
        canSubmit={false}
      >
        <p className="text-sm text-muted">{t('common.loading')}</p>
      </FormDialog>
    );
  return <DefaultQuotasForm limits={defaults.data} error={error} onClose={onClose} onSubmit={onSubmit} />;
}

function DefaultQuotasForm({
  limits,
  error,
  onClose,
  onSubmit,
}: {
  limits: QuotaLimits;
  error: unknown;
  onClose: () => void;
  onSubmit: (v: Partial<QuotaLimits>) => Promise<void>;
}) {
  const { t } = useI18n();
  const err = useErr();
  const gates = {
    floating_ips: useSupportGate('PUT /quotas/defaults#floating_ips'),
    public_ips: useSupportGate('PUT /quotas/defaults#public_ips'),
    security_groups: useSupportGate('PUT /quotas/defaults#security_groups'),
  } as Partial<Record<QuotaField, ReturnType<typeof useSupportGate>>>;
  const form = useForm<QuotasForm>({ resolver: zodResolver(quotasSchema), defaultValues: limits });
  const shownError = useFieldErrors(form, error, quotaFields);
  const e = form.formState.errors;
  return (
    <FormDialog
      title={t('projects.defaultsTitle')}
      onClose={onClose}
      size="md"
      onSubmit={form.handleSubmit((v) =>
        onSubmit(
          Object.fromEntries(
            quotaFields.filter((k) => v[k] !== limits[k] && gates[k]?.supported !== false).map((k) => [k, v[k]]),
          ),
        ),
      )}
      submitLabel={t('common.save')}
      error={shownError}
      pending={form.formState.isSubmitting}
    >
      <p className="text-xs text-muted">{t('projects.defaultsHint')}</p>
      <div className="grid grid-cols-2 gap-2">
        {quotaFields.map((k) => {
          const gate = gates[k];
          return (
            <Field key={k} label={t(`projects.quota.${k}`)} error={err(e[k]?.message)} hint={gate?.text ?? undefined}>
              {(p) => (
                <Input
                  {...p}
                  type="number"
                  min={0}
                  inputMode="numeric"
                  // Read-only, not disabled: react-hook-form drops a disabled field's value, and the schema needs it.
                  readOnly={gate?.supported === false}
                  aria-disabled={gate?.supported === false || undefined}
                  {...(gate?.describedBy ?? {})}
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

/** The project's usage against its quota, as bars (instances, vCPUs, RAM, volumes, volume GB). */
function ProjectUsage({ projectId }: { projectId: string }) {
  const { t } = useI18n();
  const usage = useProjectUsageQuery(projectId);
  const failed = usage.error ? (usage.error instanceof Error ? usage.error.message : '') : usage.data?.error;
  if (failed !== undefined)
    return (
      <span className="text-xs text-red-600 dark:text-red-400">{t('projects.usageFailed', { message: failed })}</span>
    );
  const c = usage.data?.compute;
  const v = usage.data?.volume;
  if (!c || !v) return <span className="text-xs text-muted">{t('common.loading')}</span>;
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

/** A project's name and description fields, the same in the create and the edit dialog. */
function NameAndDescription({
  name,
  description,
  errors,
}: {
  name: UseFormRegisterReturn;
  description: UseFormRegisterReturn;
  errors: { name?: string; description?: string };
}) {
  const { t } = useI18n();
  return (
    <>
      <Field label={t('projects.name')} error={errors.name}>
        {(p) => <Input {...p} autoComplete="off" {...name} />}
      </Field>
      <Field label={t('projects.description')} error={errors.description}>
        {(p) => <Input {...p} autoComplete="off" {...description} />}
      </Field>
    </>
  );
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
      <NameAndDescription
        name={form.register('name')}
        description={form.register('description')}
        errors={{ name: err(e.name?.message), description: err(e.description?.message) }}
      />
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
      usageError={usage.error ?? (usage.data?.error ? new Error(usage.data.error) : null)}
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
