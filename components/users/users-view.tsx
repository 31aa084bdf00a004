'use client';
import { TableNote } from '@/components/ui/table-note';
import { zodResolver } from '@hookform/resolvers/zod';
import { useId, useMemo, useState } from 'react';
import { useForm, useWatch, type UseFormRegisterReturn } from 'react-hook-form';
import { PageTitle } from '@/components/feature/page-title';
import { SupportButton, UnsupportedNotice, useSupportGate } from '@/components/feature/support-gate';
import { QueryFailure } from '@/components/feature/unavailable';
import { ConfirmDialog } from '@/components/resource/confirm-dialog';
import { StatusBadge } from '@/components/resource/status-badge';
import { ErrorText } from '@/components/ui/error-text';
import { Field, Input, Select } from '@/components/ui/field';
import { FormDialog } from '@/components/ui/form-dialog';
import { useSessionInfo } from '@/lib/api/session';
import { useAllProjectsQuery, useUserActionMutation, useUsersQuery, type UserAction } from '@/lib/api/users';
import type { Role, SetupLink, User } from '@/lib/contract/auth';
import { Button } from '@/components/ui/button';
import { formatDateTime } from '@/lib/format/dates';
import { useI18n } from '@/lib/i18n/provider';
import {
  createUserSchema,
  editUserSchema,
  membershipSchema,
  resetPasswordSchema,
  type CreateUserForm,
  type EditUserForm,
  type MembershipForm,
  type ResetPasswordForm,
} from './password-forms';

const roles: Role[] = ['admin', 'member', 'reader'];

type Pending =
  | { kind: 'create' }
  | { kind: 'delete' | 'reset' | 'add' | 'edit' | 'newLink'; user: User }
  | { kind: 'link'; name: string; link: SetupLink }
  | { kind: 'remove'; user: User; projectId: string; projectName: string }
  | null;

/** Admin: every user with their projects and roles; disable/enable, delete, reset password, memberships. */
export function UsersView() {
  const { t } = useI18n();
  const session = useSessionInfo();
  const gate = useSupportGate('GET /users');
  const users = useUsersQuery(gate.supported);
  const action = useUserActionMutation();
  const [pending, setPending] = useState<Pending>(null);
  const [error, setError] = useState<unknown>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [filter, setFilter] = useState('');
  // The outcome of a role changed in place, shown beside that membership's Select.
  const [roleNote, setRoleNote] = useState<{ userId: string; projectId: string; ok?: string; error?: unknown } | null>(
    null,
  );

  const run = async (a: UserAction, after?: () => void) => {
    setError(null);
    setNotice(null);
    try {
      const r = await action.mutateAsync(a);
      if (a.kind === 'signOut') setNotice(t('users.signedOut', { count: r?.ended_sessions ?? 0 }));
      after?.();
      // The link exists only in this answer: it is shown now, once.
      if (r.setup_link && (a.kind === 'create' || a.kind === 'newLink')) {
        const name = a.kind === 'create' ? a.name : pending?.kind === 'newLink' ? pending.user.name : '';
        setPending({ kind: 'link', name, link: r.setup_link });
      }
    } catch (e) {
      setError(e);
    }
  };
  const close = () => {
    setPending(null);
    setError(null);
  };
  const shown = (users.data ?? []).filter((u) => u.name.toLowerCase().includes(filter.trim().toLowerCase()));

  return (
    <div className="flex flex-col gap-3">
      <PageTitle title={t('users.title')}>
        <SupportButton requires="POST /users" variant="primary" onClick={() => setPending({ kind: 'create' })}>
          {t('users.create')}
        </SupportButton>
      </PageTitle>
      <UnsupportedNotice requires="GET /users" />
      {!pending ? <ErrorText error={error} /> : null}
      {notice ? (
        <p role="status" className="text-sm text-emerald-700 dark:text-emerald-300">
          {notice}
        </p>
      ) : null}
      <div hidden={!gate.supported} className="flex flex-col gap-2">
        <Input
          aria-label={t('users.filter')}
          placeholder={t('users.filter')}
          value={filter}
          onChange={(e) => setFilter(e.target.value)}
          className="max-w-xs"
        />
        <div className="overflow-auto rounded-lg border border-line bg-surface">
          {users.error ? <QueryFailure error={users.error} /> : null}
          <table className="w-full text-sm" aria-label={t('users.title')}>
            <thead className="bg-surface-2 text-left text-xs text-muted">
              <tr>
                <th className="px-3 py-2 font-medium">{t('users.name')}</th>
                <th className="font-medium">{t('common.status')}</th>
                <th className="font-medium">{t('users.projects')}</th>
                <th className="font-medium">{t('common.actions')}</th>
              </tr>
            </thead>
            <tbody>
              {users.isPending && gate.supported ? <TableNote colSpan={4}>{t('common.loading')}</TableNote> : null}
              {users.data && shown.length === 0 ? <TableNote colSpan={4}>{t('users.empty')}</TableNote> : null}
              {shown.map((u) => {
                const isSelf = u.id === session.userId;
                return (
                  <tr key={u.id} className="border-t border-line align-top" data-testid={`user-row-${u.name}`}>
                    <td className="px-3 py-2 font-medium">
                      {u.name} {isSelf ? <span className="text-xs text-muted">{t('users.you')}</span> : null}
                    </td>
                    <td className="py-2">
                      <StatusBadge status={u.enabled === false ? 'disabled' : 'enabled'} />
                    </td>
                    <td className="py-2">
                      {u.projects.length === 0 ? <span className="text-muted">{t('users.noProjects')}</span> : null}
                      <ul className="flex flex-col gap-1">
                        {u.projects.map((p) => (
                          <li key={p.id} className="flex items-center gap-2">
                            <span className="min-w-32">{p.name}</span>
                            <Select
                              aria-label={t('users.changeRole', { project: p.name })}
                              className="w-28"
                              value={p.role ?? 'member'}
                              disabled={isSelf && p.id === session.projectId}
                              onChange={async (e) => {
                                const role = e.target.value as Role;
                                setRoleNote(null);
                                try {
                                  await action.mutateAsync({ kind: 'setRole', userId: u.id, projectId: p.id, role });
                                  setRoleNote({
                                    userId: u.id,
                                    projectId: p.id,
                                    ok: t('users.roleChanged', {
                                      name: u.name,
                                      project: p.name,
                                      role: t(`role.${role}`),
                                    }),
                                  });
                                } catch (err) {
                                  setRoleNote({ userId: u.id, projectId: p.id, error: err });
                                }
                              }}
                            >
                              {roles.map((r) => (
                                <option key={r} value={r}>
                                  {t(`role.${r}`)}
                                </option>
                              ))}
                            </Select>
                            <SupportButton
                              requires="DELETE /users/{id}/projects/{project_id}"
                              size="sm"
                              variant="ghost"
                              disabled={isSelf && p.id === session.projectId}
                              onClick={() =>
                                setPending({ kind: 'remove', user: u, projectId: p.id, projectName: p.name })
                              }
                            >
                              {t('users.removeMember')}
                            </SupportButton>
                            {roleNote?.userId === u.id && roleNote.projectId === p.id ? (
                              roleNote.ok ? (
                                <span role="status" className="text-xs text-emerald-700 dark:text-emerald-300">
                                  {roleNote.ok}
                                </span>
                              ) : (
                                <ErrorText error={roleNote.error} />
                              )
                            ) : null}
                          </li>
                        ))}
                      </ul>
                    </td>
                    <td className="py-2 pr-3">
                      <div className="flex flex-wrap gap-1">
                        <SupportButton
                          requires="PATCH /users/{id}"
                          size="sm"
                          onClick={() => setPending({ kind: 'edit', user: u })}
                        >
                          {t('users.edit')}
                        </SupportButton>
                        {u.enabled === false ? (
                          <SupportButton
                            requires="POST /users/{id}/enable"
                            size="sm"
                            onClick={() => run({ kind: 'enable', userId: u.id })}
                          >
                            {t('users.enable')}
                          </SupportButton>
                        ) : (
                          <SupportButton
                            requires="POST /users/{id}/disable"
                            size="sm"
                            disabled={isSelf}
                            onClick={() => run({ kind: 'disable', userId: u.id })}
                          >
                            {t('users.disable')}
                          </SupportButton>
                        )}
                        <SupportButton
                          requires="PUT /users/{id}/password"
                          size="sm"
                          disabled={isSelf}
                          onClick={() => setPending({ kind: 'reset', user: u })}
                        >
                          {t('users.resetPassword')}
                        </SupportButton>
                        <SupportButton
                          requires="POST /users/{id}/setup-link"
                          size="sm"
                          disabled={isSelf}
                          onClick={() => setPending({ kind: 'newLink', user: u })}
                        >
                          {t('users.newLink')}
                        </SupportButton>
                        <SupportButton
                          requires="PUT /users/{id}/projects/{project_id}"
                          size="sm"
                          onClick={() => setPending({ kind: 'add', user: u })}
                        >
                          {t('users.addToProject')}
                        </SupportButton>
                        <SupportButton
                          requires="DELETE /users/{id}/sessions"
                          size="sm"
                          onClick={() => run({ kind: 'signOut', userId: u.id })}
                        >
                          {t('users.signOutUser')}
                        </SupportButton>
                        <SupportButton
                          requires="DELETE /users/{id}"
                          size="sm"
                          variant="danger"
                          disabled={isSelf}
                          onClick={() => setPending({ kind: 'delete', user: u })}
                        >
                          {t('users.delete')}
                        </SupportButton>
                      </div>
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      </div>

      {pending?.kind === 'create' ? (
        <CreateUserDialog
          error={error}
          onClose={close}
          onSubmit={(v) =>
            run(
              v.setup === 'link'
                ? { kind: 'create', name: v.name, setup: 'link', project_id: v.project_id, role: v.role }
                : { kind: 'create', name: v.name, password: v.password, project_id: v.project_id, role: v.role },
              close,
            )
          }
        />
      ) : null}
      {pending?.kind === 'edit' ? (
        <EditUserDialog
          user={pending.user}
          error={error}
          onClose={close}
          onSubmit={(v) => run({ kind: 'rename', userId: pending.user.id, name: v.name }, close)}
        />
      ) : null}
      {pending?.kind === 'link' ? <SetupLinkDialog name={pending.name} link={pending.link} onClose={close} /> : null}
      <ConfirmDialog
        open={pending?.kind === 'newLink'}
        title={pending?.kind === 'newLink' ? t('users.newLinkTitle', { name: pending.user.name }) : ''}
        message={pending?.kind === 'newLink' ? t('users.newLinkMessage', { name: pending.user.name }) : ''}
        confirmLabel={t('users.newLink')}
        isPending={action.isPending}
        error={error}
        onClose={close}
        onConfirm={() => pending?.kind === 'newLink' && run({ kind: 'newLink', userId: pending.user.id })}
      />
      {pending?.kind === 'reset' ? (
        <ResetPasswordDialog
          user={pending.user}
          error={error}
          onClose={close}
          onSubmit={(password) => run({ kind: 'resetPassword', userId: pending.user.id, password }, close)}
        />
      ) : null}
      {pending?.kind === 'add' ? (
        <MembershipDialog
          user={pending.user}
          error={error}
          onClose={close}
          onSubmit={(v) =>
            run({ kind: 'setRole', userId: pending.user.id, projectId: v.project_id, role: v.role }, close)
          }
        />
      ) : null}
      <ConfirmDialog
        open={pending?.kind === 'delete'}
        title={pending?.kind === 'delete' ? t('users.deleteTitle', { name: pending.user.name }) : ''}
        message={pending?.kind === 'delete' ? t('users.deleteMessage', { name: pending.user.name }) : ''}
        confirmLabel={t('users.delete')}
        typeToConfirm={pending?.kind === 'delete' ? pending.user.name : undefined}
        isDanger
        isPending={action.isPending}
        error={error}
        onClose={close}
        onConfirm={() => pending?.kind === 'delete' && run({ kind: 'delete', userId: pending.user.id }, close)}
      />
      <ConfirmDialog
        open={pending?.kind === 'remove'}
        title={
          pending?.kind === 'remove'
            ? t('users.removeTitle', { name: pending.user.name, project: pending.projectName })
            : ''
        }
        message={
          pending?.kind === 'remove'
            ? t('users.removeMessage', { name: pending.user.name, project: pending.projectName })
            : ''
        }
        confirmLabel={t('users.removeMember')}
        isDanger
        isPending={action.isPending}
        error={error}
        onClose={close}
        onConfirm={() =>
          pending?.kind === 'remove' &&
          run({ kind: 'removeMember', userId: pending.user.id, projectId: pending.projectId }, close)
        }
      />
    </div>
  );
}

function useErr() {
  const { tx } = useI18n();
  return (m?: string) => (m ? tx(`pw.err.${m}`, m) : undefined);
}

function CreateUserDialog({
  error,
  onClose,
  onSubmit,
}: {
  error: unknown;
  onClose: () => void;
  onSubmit: (v: CreateUserForm) => Promise<void>;
}) {
  const { t } = useI18n();
  const err = useErr();
  const form = useForm<CreateUserForm>({
    resolver: zodResolver(createUserSchema),
    defaultValues: { name: '', setup: 'password', password: '', project_id: '', role: 'member' },
  });
  const e = form.formState.errors;
  const setup = useWatch({ control: form.control, name: 'setup' });
  return (
    <FormDialog
      title={t('users.create')}
      onClose={onClose}
      size="sm"
      onSubmit={form.handleSubmit(onSubmit)}
      submitLabel={t('common.create')}
      error={error}
      pending={form.formState.isSubmitting}
    >
      <Field label={t('users.name')} error={err(e.name?.message)}>
        {(p) => <Input {...p} autoComplete="off" {...form.register('name')} />}
      </Field>
      <fieldset className="flex flex-col gap-1 text-sm">
        <legend className="mb-1 text-xs font-medium text-muted">{t('users.setupChoice')}</legend>
        <label className="flex items-center gap-2">
          <input type="radio" value="password" {...form.register('setup')} />
          {t('users.setupPassword')}
        </label>
        <label className="flex items-center gap-2">
          <input type="radio" value="link" {...form.register('setup')} />
          {t('users.setupLink')}
        </label>
      </fieldset>
      {setup === 'link' ? (
        <p className="text-xs text-muted">{t('users.setupLinkHint')}</p>
      ) : (
        <Field label={t('users.password')} error={err(e.password?.message)}>
          {(p) => <Input {...p} type="password" autoComplete="new-password" {...form.register('password')} />}
        </Field>
      )}
      <ProjectField register={form.register('project_id')} error={err(e.project_id?.message)} />
      <RoleField register={form.register('role')} />
    </FormDialog>
  );
}

function EditUserDialog({
  user,
  error,
  onClose,
  onSubmit,
}: {
  user: User;
  error: unknown;
  onClose: () => void;
  onSubmit: (v: EditUserForm) => Promise<void>;
}) {
  const { t } = useI18n();
  const err = useErr();
  const form = useForm<EditUserForm>({ resolver: zodResolver(editUserSchema), defaultValues: { name: user.name } });
  return (
    <FormDialog
      title={t('users.editTitle', { name: user.name })}
      onClose={onClose}
      size="sm"
      onSubmit={form.handleSubmit(onSubmit)}
      submitLabel={t('common.save')}
      error={error}
      pending={form.formState.isSubmitting}
    >
      <Field label={t('users.name')} error={err(form.formState.errors.name?.message)}>
        {(p) => <Input {...p} autoComplete="off" {...form.register('name')} />}
      </Field>
    </FormDialog>
  );
}

/** The one showing of a set-up link: the API answers it once and the console keeps only its hash. */
function SetupLinkDialog({ name, link, onClose }: { name: string; link: SetupLink; onClose: () => void }) {
  const { t, locale } = useI18n();
  const [copied, setCopied] = useState(false);
  const inputId = useId();
  return (
    <FormDialog
      title={t('users.linkTitle', { name })}
      onClose={onClose}
      size="md"
      onSubmit={onClose}
      submitLabel={t('common.close')}
      error={null}
      pending={false}
      result={
        <div className="flex flex-col gap-2">
          <p className="text-sm">{t('users.linkOnce', { name, expires: formatDateTime(link.expires_at, locale) })}</p>
          <div className="flex gap-2">
            <Input
              id={inputId}
              readOnly
              aria-label={t('users.linkTitle', { name })}
              value={link.url}
              className="font-mono text-xs"
            />
            <Button
              onClick={async () => {
                try {
                  await navigator.clipboard.writeText(link.url);
                  setCopied(true);
                } catch {
                  // No clipboard access (an insecure origin, a denied permission): the text is selected to copy by hand.
                  (document.getElementById(inputId) as HTMLInputElement | null)?.select();
                }
              }}
            >
              {copied ? t('users.copied') : t('users.copy')}
            </Button>
          </div>
        </div>
      }
    >
      {null}
    </FormDialog>
  );
}

function ResetPasswordDialog({
  user,
  error,
  onClose,
  onSubmit,
}: {
  user: User;
  error: unknown;
  onClose: () => void;
  onSubmit: (password: string) => Promise<void>;
}) {
  const { t } = useI18n();
  const err = useErr();
  const schema = useMemo(() => resetPasswordSchema(user.name), [user.name]);
  const form = useForm<ResetPasswordForm>({ resolver: zodResolver(schema), defaultValues: { password: '' } });
  return (
    <FormDialog
      title={t('users.resetTitle', { name: user.name })}
      onClose={onClose}
      size="sm"
      onSubmit={form.handleSubmit((v) => onSubmit(v.password))}
      submitLabel={t('users.resetPassword')}
      error={error}
      pending={form.formState.isSubmitting}
    >
      <p className="text-xs text-muted">{t('users.resetHint')}</p>
      <Field label={t('users.newPassword')} error={err(form.formState.errors.password?.message)}>
        {(p) => <Input {...p} type="password" autoComplete="new-password" {...form.register('password')} />}
      </Field>
    </FormDialog>
  );
}

function MembershipDialog({
  user,
  error,
  onClose,
  onSubmit,
}: {
  user: User;
  error: unknown;
  onClose: () => void;
  onSubmit: (v: MembershipForm) => Promise<void>;
}) {
  const { t } = useI18n();
  const err = useErr();
  const form = useForm<MembershipForm>({
    resolver: zodResolver(membershipSchema),
    defaultValues: { project_id: '', role: 'member' },
  });
  return (
    <FormDialog
      title={t('users.addTitle', { name: user.name })}
      onClose={onClose}
      size="sm"
      onSubmit={form.handleSubmit(onSubmit)}
      submitLabel={t('users.addToProject')}
      error={error}
      pending={form.formState.isSubmitting}
    >
      <ProjectField
        register={form.register('project_id')}
        error={err(form.formState.errors.project_id?.message)}
        exclude={user.projects.map((p) => p.id)}
      />
      <RoleField register={form.register('role')} />
    </FormDialog>
  );
}

/** Every project but those in `exclude` (the ones the user is already in). */
function ProjectField({
  register,
  error,
  exclude = [],
}: {
  register: UseFormRegisterReturn<'project_id'>;
  error?: string;
  exclude?: string[];
}) {
  const { t } = useI18n();
  const projects = useAllProjectsQuery();
  return (
    <Field label={t('users.project')} error={error}>
      {(p) => (
        <Select {...p} {...register}>
          <option value="">—</option>
          {(projects.data ?? [])
            .filter((pr) => !exclude.includes(pr.id))
            .map((pr) => (
              <option key={pr.id} value={pr.id}>
                {pr.name}
              </option>
            ))}
        </Select>
      )}
    </Field>
  );
}

function RoleField({ register }: { register: UseFormRegisterReturn<'role'> }) {
  const { t } = useI18n();
  return (
    <Field label={t('users.role')}>
      {(p) => (
        <Select {...p} {...register}>
          {roles.map((r) => (
            <option key={r} value={r}>
              {t(`role.${r}`)}
            </option>
          ))}
        </Select>
      )}
    </Field>
  );
}
