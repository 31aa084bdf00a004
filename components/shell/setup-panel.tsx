'use client';
import { zodResolver } from '@hookform/resolvers/zod';
import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useEffect, useState } from 'react';
import { useForm } from 'react-hook-form';
import { setupPasswordSchema, type SetupPasswordForm } from '@/components/users/password-forms';
import { Button } from '@/components/ui/button';
import { ErrorText } from '@/components/ui/error-text';
import { Field, Input } from '@/components/ui/field';
import { consumeSetupLink } from '@/lib/api/auth';
import { ApiError } from '@/lib/api/client';
import { useI18n } from '@/lib/i18n/provider';

/**
 * The holder of a set-up link chooses a password and is signed in. The token is the URL's fragment (browsers never
 * send it, so no log or Referer holds it); it is dropped from the address bar as soon as it is read. An unknown,
 * expired or used link gets one page that says so, without saying which.
 */
export function SetupPanel() {
  const { t, tx } = useI18n();
  const router = useRouter();
  // undefined: not read yet (the fragment exists only in the browser); '' : the address has none.
  const [token, setToken] = useState<string | undefined>(undefined);
  const [isDead, setIsDead] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const form = useForm<SetupPasswordForm>({
    resolver: zodResolver(setupPasswordSchema),
    defaultValues: { password: '', confirm: '' },
  });
  useEffect(() => {
    const fromHash = decodeURIComponent(window.location.hash.replace(/^#/, ''));
    window.history.replaceState(null, '', window.location.pathname);
    // Read once after mount: the fragment is not known while rendering on the server.
    // eslint-disable-next-line react-hooks/set-state-in-effect
    setToken(fromHash);
  }, []);

  const submit = form.handleSubmit(async (v) => {
    setError(null);
    try {
      await consumeSetupLink({ token: token ?? '', password: v.password });
      router.replace('/');
      router.refresh();
    } catch (e) {
      if (e instanceof ApiError && e.status === 404) setIsDead(true);
      else setError(e);
    }
  });
  const err = (m?: string) => (m ? tx(`pw.err.${m}`, m) : undefined);
  const e = form.formState.errors;
  const dead = isDead || token === '';

  return (
    <main className="grid min-h-screen place-items-center p-4">
      <div className="w-[24rem] rounded-lg border border-line bg-surface p-6 shadow-sm">
        {dead ? (
          <div className="flex flex-col gap-3" role="alert">
            <h1 className="text-lg font-semibold">{t('setup.invalidTitle')}</h1>
            <p className="text-sm">{t('setup.invalidBody')}</p>
            <Link href="/login" className="text-sm text-blue-700 underline dark:text-blue-300">
              {t('setup.toSignIn')}
            </Link>
          </div>
        ) : (
          <form onSubmit={submit} className="flex flex-col gap-3" noValidate aria-label={t('setup.title')}>
            <h1 className="text-lg font-semibold">{t('setup.title')}</h1>
            <p className="text-xs text-muted">{t('setup.hint')}</p>
            <Field label={t('setup.password')} error={err(e.password?.message)}>
              {(p) => <Input {...p} type="password" autoComplete="new-password" {...form.register('password')} />}
            </Field>
            <Field label={t('setup.confirm')} error={err(e.confirm?.message)}>
              {(p) => <Input {...p} type="password" autoComplete="new-password" {...form.register('confirm')} />}
            </Field>
            <ErrorText error={error} showDetails />
            <Button type="submit" variant="primary" disabled={form.formState.isSubmitting || token === undefined}>
              {form.formState.isSubmitting ? t('setup.submitting') : t('setup.submit')}
            </Button>
          </form>
        )}
      </div>
    </main>
  );
}
