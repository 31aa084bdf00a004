'use client';
import { zodResolver } from '@hookform/resolvers/zod';
import { useQueryClient } from '@tanstack/react-query';
import { useRouter } from 'next/navigation';
import { useActionState, useMemo, useState } from 'react';
import { useForm } from 'react-hook-form';
import { PageTitle } from '@/components/feature/page-title';
import { SupportButton } from '@/components/feature/support-gate';
import { ConfirmDialog } from '@/components/resource/confirm-dialog';
import { Card } from '@/components/ui/card';
import { ErrorText } from '@/components/ui/error-text';
import { Field, Input } from '@/components/ui/field';
import { actionError } from '@/lib/api/action';
import { useSessionInfo } from '@/lib/api/session';
import { changeOwnPassword, signOutEverywhere } from '@/lib/api/users';
import { useI18n } from '@/lib/i18n/provider';
import { changeOwnPasswordForm } from '@/server/actions/auth';
import { changePasswordSchema, type ChangePasswordForm } from './password-forms';

/** "My account": who am I, change my password, sign out everywhere. */
export function AccountView() {
  const { t, tx } = useI18n();
  const session = useSessionInfo();
  const router = useRouter();
  const qc = useQueryClient();
  const schema = useMemo(() => changePasswordSchema(session.userName), [session.userName]);
  const form = useForm<ChangePasswordForm>({
    resolver: zodResolver(schema),
    defaultValues: { current_password: '', new_password: '', confirm: '' },
  });
  const [error, setError] = useState<unknown>(null);
  const [done, setDone] = useState<number | null>(null);
  const [confirmAll, setConfirmAll] = useState(false);
  const [allError, setAllError] = useState<unknown>(null);
  const err = (m?: string) => (m ? tx(`pw.err.${m}`, m) : undefined);
  // Before hydration (or without JavaScript) the form posts to its server action; once hydrated, react-hook-form's
  // submit handler prevents that and checks the fields first.
  const [posted, postForm] = useActionState(changeOwnPasswordForm, null);
  const [isPostedStale, setPostedStale] = useState(false);
  const shown = isPostedStale ? null : posted;
  const shownError = error ?? (shown && !shown.ok ? actionError(shown) : null);
  const shownDone = done ?? (shown?.ok ? shown.body.ended_sessions : null);

  const submit = form.handleSubmit(async (v) => {
    setError(null);
    setDone(null);
    setPostedStale(true);
    try {
      const r = await changeOwnPassword({ current_password: v.current_password, new_password: v.new_password });
      setDone(r.ended_sessions);
      form.reset();
    } catch (e) {
      setError(e);
    }
  });

  return (
    <div className="flex max-w-xl flex-col gap-4">
      <PageTitle title={t('account.title')} />
      <Card>
        <dl className="grid grid-cols-[8rem_1fr] gap-1 text-sm">
          <dt className="text-muted">{t('account.user')}</dt>
          <dd data-testid="account-user">{session.userName}</dd>
          <dt className="text-muted">{t('account.project')}</dt>
          <dd>
            {session.projectName} · {t(`role.${session.roles[0] ?? 'member'}`)}
          </dd>
        </dl>
      </Card>
      <Card>
        <form
          action={postForm}
          onSubmit={submit}
          className="flex flex-col gap-3"
          noValidate
          aria-label={t('account.changePassword')}
        >
          <h2 className="text-base font-semibold">{t('account.changePassword')}</h2>
          <p className="text-xs text-muted">{t('account.passwordRules')}</p>
          <Field label={t('account.currentPassword')} error={err(form.formState.errors.current_password?.message)}>
            {(p) => (
              <Input {...p} type="password" autoComplete="current-password" {...form.register('current_password')} />
            )}
          </Field>
          <Field label={t('account.newPassword')} error={err(form.formState.errors.new_password?.message)}>
            {(p) => <Input {...p} type="password" autoComplete="new-password" {...form.register('new_password')} />}
          </Field>
          <Field label={t('account.confirmPassword')} error={err(form.formState.errors.confirm?.message)}>
            {(p) => <Input {...p} type="password" autoComplete="new-password" {...form.register('confirm')} />}
          </Field>
          <ErrorText error={shownError} />
          {shownDone !== null ? (
            <p role="status" className="text-sm text-emerald-700 dark:text-emerald-300">
              {t('account.passwordChanged', { count: shownDone })}
            </p>
          ) : null}
          <div className="flex justify-end">
            <SupportButton
              requires="POST /auth/password"
              type="submit"
              variant="primary"
              disabled={form.formState.isSubmitting}
            >
              {t('account.changePassword')}
            </SupportButton>
          </div>
        </form>
      </Card>
      <Card>
        <div className="flex flex-col gap-2">
          <h2 className="text-base font-semibold">{t('account.signOutEverywhere')}</h2>
          <p className="text-xs text-muted">{t('account.signOutEverywhereHint')}</p>
          <div className="flex justify-end">
            <SupportButton requires="DELETE /auth/sessions" variant="danger" onClick={() => setConfirmAll(true)}>
              {t('account.signOutEverywhere')}
            </SupportButton>
          </div>
        </div>
      </Card>
      <ConfirmDialog
        open={confirmAll}
        title={t('account.signOutEverywhere')}
        message={t('account.signOutEverywhereConfirm')}
        confirmLabel={t('account.signOutEverywhere')}
        isDanger
        error={allError}
        onClose={() => setConfirmAll(false)}
        onConfirm={async () => {
          setAllError(null);
          try {
            await signOutEverywhere();
            qc.clear();
            router.replace('/login');
            router.refresh();
          } catch (e) {
            setAllError(e);
          }
        }}
      />
    </div>
  );
}
