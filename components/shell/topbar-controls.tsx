'use client';
import Link from 'next/link';
import { useQueryClient } from '@tanstack/react-query';
import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { Button } from '@/components/ui/button';
import { signOut, useMyProjectsQuery, useSwitchProjectMutation } from '@/lib/api/auth';
import { useDatacentersQuery } from '@/lib/api/compute';
import { useSessionInfo } from '@/lib/api/session';
import { locales } from '@/lib/i18n/config';
import { useI18n } from '@/lib/i18n/provider';
import { usePrefs } from './prefs';

const selectCls = 'h-8 rounded border border-line bg-surface px-2 text-sm text-ink';

/** Shown only to users in several projects; switching re-issues the session cookie and reloads all data. */
export function ProjectSwitcher() {
  const { t } = useI18n();
  const session = useSessionInfo();
  const projects = useMyProjectsQuery(session.userId);
  const switchProject = useSwitchProjectMutation();
  const qc = useQueryClient();
  const router = useRouter();
  const list = projects.data ?? [];
  if (list.length < 2)
    return (
      <span className="text-sm text-muted" title={t('shell.project')}>
        {session.projectName}
      </span>
    );
  return (
    <select
      aria-label={t('shell.switchProject')}
      className={selectCls}
      value={session.projectId}
      disabled={switchProject.isPending}
      onChange={async (e) => {
        await switchProject.mutateAsync(e.target.value);
        qc.clear();
        router.refresh();
      }}
    >
      {list.map((p) => (
        <option key={p.id} value={p.id}>
          {p.name}
        </option>
      ))}
    </select>
  );
}

export function DatacenterFilter() {
  const { t } = useI18n();
  const { datacenterId, setDatacenterId } = usePrefs();
  const dcs = useDatacentersQuery();
  return (
    <select
      data-tour="datacenter-filter"
      aria-label={t('shell.datacenterFilter')}
      className={selectCls}
      value={datacenterId}
      onChange={(e) => setDatacenterId(e.target.value)}
    >
      <option value="">{t('common.allDatacenters')}</option>
      {(dcs.data ?? []).map((d) => (
        <option key={d.id} value={d.id}>
          {d.name}
        </option>
      ))}
    </select>
  );
}

export function LocaleSwitch() {
  const { t, locale } = useI18n();
  const { setLocale } = usePrefs();
  return (
    <select
      aria-label={t('shell.language')}
      className={selectCls}
      value={locale}
      onChange={(e) => setLocale(e.target.value as (typeof locales)[number])}
    >
      <option value="zh-CN">中文</option>
      <option value="en">English</option>
    </select>
  );
}

export function ThemeToggle() {
  const { t } = useI18n();
  const { theme, setTheme } = usePrefs();
  const next = theme === 'dark' ? 'light' : 'dark';
  return (
    <Button
      variant="ghost"
      aria-label={t('shell.toggleTheme', { theme: t(next === 'dark' ? 'shell.themeDark' : 'shell.themeLight') })}
      onClick={() => setTheme(next)}
    >
      <span aria-hidden>{theme === 'dark' ? '☀' : '☾'}</span>
    </Button>
  );
}

export function UserMenu() {
  const { t } = useI18n();
  const session = useSessionInfo();
  const router = useRouter();
  const qc = useQueryClient();
  const [busy, setBusy] = useState(false);
  const role = session.roles[0] ?? 'member';
  return (
    <div className="flex items-center gap-2">
      <span className="text-sm text-muted">
        {t('shell.signedInAs', { user: session.userName, role: t(`role.${role}`) })}
      </span>
      <Link href="/account" className="text-sm text-blue-700 hover:underline dark:text-blue-300">
        {t('nav.account')}
      </Link>
      <Button
        disabled={busy}
        onClick={async () => {
          setBusy(true);
          await signOut().catch(() => undefined);
          qc.clear();
          router.replace('/login');
          router.refresh();
        }}
      >
        {t('shell.signOut')}
      </Button>
    </div>
  );
}
