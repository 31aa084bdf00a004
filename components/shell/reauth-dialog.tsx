'use client';
import { Dialog } from '@/components/ui/dialog';
import { useSessionInfo } from '@/lib/api/session';
import { useI18n } from '@/lib/i18n/provider';
import { useSessionStore } from '@/lib/stores/session-store';
import { SignInForm } from './sign-in-form';

/**
 * Appears in place when any API call meets a 401: the page underneath stays mounted (forms, wizard,
 * uploads keep their state) and the waiting calls are retried once the user has signed in again.
 */
export function ReauthDialog() {
  const { t } = useI18n();
  const isExpired = useSessionStore((s) => s.isExpired);
  const restore = useSessionStore((s) => s.restore);
  const reason = useSessionStore((s) => s.reason);
  const session = useSessionInfo();
  return (
    <Dialog open={isExpired} title={t('auth.expiredTitle')} onClose={() => undefined} isDismissable={false} size="sm">
      <p className="mb-3 text-sm text-muted">{t('auth.expiredBody')}</p>
      {reason ? <p className="mb-3 text-sm">{reason}</p> : null}
      <SignInForm
        initialUsername={session.userName}
        isUsernameLocked
        projectId={session.projectId}
        onSignedIn={restore}
      />
    </Dialog>
  );
}
