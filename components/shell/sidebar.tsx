'use client';
import Link from 'next/link';
import { usePathname } from 'next/navigation';
import { useSessionInfo } from '@/lib/api/session';
import { useI18n } from '@/lib/i18n/provider';
import { isActive, navGroups } from './nav';

export function Sidebar() {
  const { t } = useI18n();
  const pathname = usePathname();
  const { isAdmin } = useSessionInfo();
  return (
    <nav aria-label={t('nav.main')} className="flex w-52 shrink-0 flex-col gap-4 overflow-y-auto border-r border-line bg-surface px-2 py-3">
      {navGroups
        .filter((g) => !g.isAdminOnly || isAdmin)
        .map((g) => (
          <div key={g.label}>
            <h2 className="px-2 pb-1 text-[11px] font-semibold tracking-wide text-muted uppercase">{t(g.label)}</h2>
            <ul>
              {g.items.map((item) => {
                const active = isActive(pathname, item.href);
                return (
                  <li key={item.href}>
                    <Link
                      href={item.href}
                      aria-current={active ? 'page' : undefined}
                      className={`block rounded px-2 py-1.5 text-sm ${active ? 'bg-blue-50 font-medium text-blue-800 dark:bg-blue-950 dark:text-blue-200' : 'text-ink hover:bg-surface-2'}`}
                    >
                      {t(item.label)}
                    </Link>
                  </li>
                );
              })}
            </ul>
          </div>
        ))}
    </nav>
  );
}
