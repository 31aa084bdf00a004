'use client';
import Link from 'next/link';
import { usePathname } from 'next/navigation';
import { useSupportGate } from '@/components/feature/support-gate';
import { useSessionInfo } from '@/lib/api/session';
import { useI18n } from '@/lib/i18n/provider';
import { isActive, navGroups, type NavItem } from './nav';

/**
 * One entry. A page the backend cannot serve stays listed and reachable (it explains itself), but greyed with the
 * reason as tooltip and accessible description, so nobody hunts for a feature that is missing by design.
 */
function NavLink({ item, isCurrent }: { item: NavItem; isCurrent: boolean }) {
  const { t } = useI18n();
  const gate = useSupportGate(item.requires ?? []);
  const look = isCurrent
    ? 'bg-blue-50 font-medium text-blue-800 dark:bg-blue-950 dark:text-blue-200'
    : 'text-ink hover:bg-surface-2';
  return (
    <li>
      <Link
        href={item.href}
        aria-current={isCurrent ? 'page' : undefined}
        data-unsupported={gate.supported ? undefined : 'true'}
        className={`block rounded px-2 py-1.5 text-sm ${look} ${gate.supported ? '' : 'opacity-50'}`}
        {...gate.describedBy}
      >
        {t(item.label)}
      </Link>
      {gate.note}
    </li>
  );
}

export function Sidebar() {
  const { t } = useI18n();
  const pathname = usePathname();
  const { isAdmin, simulator } = useSessionInfo();
  return (
    <nav
      data-tour="sidebar"
      aria-label={t('nav.main')}
      className="flex w-52 shrink-0 flex-col gap-4 overflow-y-auto border-r border-line bg-surface px-2 py-3"
    >
      {navGroups
        .filter((g) => !g.isAdminOnly || isAdmin)
        .map((g) => (
          <div key={g.label}>
            <h2 className="px-2 pb-1 text-[11px] font-semibold tracking-wide text-muted uppercase">{t(g.label)}</h2>
            <ul>
              {g.items
                .filter((item) => !item.simulatorOnly || simulator)
                .map((item) => (
                  <NavLink key={item.href} item={item} isCurrent={isActive(pathname, item.href)} />
                ))}
            </ul>
          </div>
        ))}
    </nav>
  );
}
