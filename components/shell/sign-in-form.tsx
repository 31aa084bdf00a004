'use client';
import { useState } from 'react';
import { Button } from '@/components/ui/button';
import { Field, Input } from '@/components/ui/field';
import { signIn } from '@/lib/api/auth';
import { ApiError } from '@/lib/api/client';
import { useI18n } from '@/lib/i18n/provider';

/** Username + password; used by the sign-in page and by the in-place re-sign-in dialog. */
export function SignInForm({
  initialUsername = '',
  isUsernameLocked = false,
  projectId,
  onSignedIn,
}: {
  initialUsername?: string;
  isUsernameLocked?: boolean;
  projectId?: string;
  onSignedIn: () => void;
}) {
  const { t } = useI18n();
  const [username, setUsername] = useState(initialUsername);
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);

  const handleSubmit = async (e: React.FormEvent) => {
    e.preventDefault();
    if (!username || !password) return setError(t('auth.required'));
    setPending(true);
    setError(null);
    try {
      // The same project as before, so the work on screen still belongs to the session.
      await signIn({ username, password, ...(projectId ? { project_id: projectId } : {}) });
      setPassword('');
      onSignedIn();
    } catch (err) {
      // One message for unknown user and wrong password alike: no hint which part was wrong.
      setError(
        err instanceof ApiError && err.status === 401
          ? t('auth.failed')
          : err instanceof Error
            ? err.message
            : String(err),
      );
    } finally {
      setPending(false);
    }
  };

  return (
    <form onSubmit={handleSubmit} className="flex flex-col gap-3" noValidate>
      <Field label={t('auth.username')}>
        {(p) => (
          <Input
            {...p}
            name="username"
            autoComplete="username"
            value={username}
            readOnly={isUsernameLocked}
            onChange={(e) => setUsername(e.target.value)}
            autoFocus={!isUsernameLocked}
          />
        )}
      </Field>
      <Field label={t('auth.password')}>
        {(p) => (
          <Input
            {...p}
            name="password"
            type="password"
            autoComplete="current-password"
            value={password}
            onChange={(e) => setPassword(e.target.value)}
            autoFocus={isUsernameLocked}
          />
        )}
      </Field>
      {error ? (
        <p role="alert" className="text-sm text-red-600 dark:text-red-400">
          {error}
        </p>
      ) : null}
      <Button type="submit" variant="primary" disabled={pending}>
        {pending ? t('auth.submitting') : t('auth.submit')}
      </Button>
    </form>
  );
}
