'use client';
import Link from 'next/link';
import { DemoFaultBanner, DemoMarker } from '@/components/demo/demo-banner';
import { Button } from '@/components/ui/button';
import { useResourceEvents } from '@/lib/api/events';
import { SessionProvider, type SessionInfo } from '@/lib/api/session';
import type { Theme } from '@/lib/i18n/config';
import { useI18n } from '@/lib/i18n/provider';
import { CommandPalette } from './command-palette';
import { PrefsProvider } from './prefs';
import { ReauthDialog } from './reauth-dialog';
import { Sidebar } from './sidebar';
import { TaskTray } from './task-tray';
import { TourEngine } from '@/components/tours/tour-engine';
import { ToursMenu } from '@/components/tours/tours-menu';
import { DatacenterFilter, LocaleSwitch, ProjectSwitcher, ThemeToggle, UserMenu } from './topbar-controls';

function LiveUpdates() {
  useResourceEvents();
  return null;
}

export function ConsoleShell({
  session,
  theme,
  datacenterId,
  children,
}: {
  session: SessionInfo;
  theme: Theme;
  datacenterId: string;
  children: React.ReactNode;
}) {
  const { t } = useI18n();
  return (
    <SessionProvider value={session}>
      <PrefsProvider initialTheme={theme} initialDatacenterId={datacenterId}>
        <a href="#main" className="sr-only focus:not-sr-only focus:absolute focus:z-50 focus:bg-surface focus:p-2">
          {t('shell.skip')}
        </a>
        <div className="flex h-screen min-w-[1280px] flex-col">
          <header className="flex h-12 shrink-0 items-center gap-3 border-b border-line bg-surface px-4">
            <Link href="/" className="flex items-center gap-2 font-semibold">
              <span aria-hidden className="grid size-6 place-items-center rounded bg-brand text-xs text-brand-ink">
                云
              </span>
              {t('app.name')}
            </Link>
            <DemoMarker />
            <ProjectSwitcher />
            <DatacenterFilter />
            <Button
              variant="secondary"
              className="ml-2 w-64 justify-between text-muted"
              onClick={() => window.dispatchEvent(new Event('yuntu:palette'))}
              aria-label={t('shell.paletteOpen')}
            >
              <span>{t('shell.paletteHint')}</span>
              <kbd className="rounded border border-line px-1 text-[10px]">Ctrl K</kbd>
            </Button>
            <div className="ml-auto flex items-center gap-2">
              <ToursMenu />
              <TaskTray />
              <LocaleSwitch />
              <ThemeToggle />
              <UserMenu />
            </div>
          </header>
          <DemoFaultBanner />
          <div className="flex min-h-0 flex-1">
            <Sidebar />
            <main id="main" className="min-w-0 flex-1 overflow-auto p-5">
              {children}
            </main>
          </div>
        </div>
        <CommandPalette />
        <ReauthDialog />
        <LiveUpdates />
        <TourEngine />
      </PrefsProvider>
    </SessionProvider>
  );
}
