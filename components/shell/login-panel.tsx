'use client';
import { useRouter } from 'next/navigation';
import { useI18n } from '@/lib/i18n/provider';
import { safeNextPath } from '@/lib/navigation/safe-next';
import { SignInForm } from './sign-in-form';

/** The sign-in page body; the language switch is here too, since nobody is signed in yet. */
export function LoginPanel({ next }: { next: string }) {
  const { t, locale } = useI18n();
  const router = useRouter();
  return (
    <main className="grid min-h-screen place-items-center p-4">
      <div className="w-[22rem] rounded-lg border border-line bg-surface p-6 shadow-sm">
        <div className="mb-4 flex items-center justify-between">
          <div>
            <h1 className="text-lg font-semibold">{t('auth.title')}</h1>
            <p className="text-xs text-muted">{t('app.tagline')}</p>
          </div>
          <select
            aria-label={t('shell.language')}
            className="h-8 rounded border border-line bg-surface px-2 text-sm"
            value={locale}
            onChange={(e) => {
              document.cookie = `yuntu_locale=${e.target.value}; Path=/; Max-Age=31536000; SameSite=Lax`;
              router.refresh();
            }}
          >
            <option value="zh-CN">中文</option>
            <option value="en">English</option>
          </select>
        </div>
        <SignInForm
          onSignedIn={() => {
            router.replace(safeNextPath(next));
            router.refresh();
          }}
        />
      </div>
    </main>
  );
}
