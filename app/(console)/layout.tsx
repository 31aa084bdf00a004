import { cookies } from 'next/headers';
import { ConsoleShell } from '@/components/shell/console-shell';
import { datacenterCookie } from '@/components/shell/prefs';
import { getTheme } from '@/lib/i18n/server';
import { requireRequestContext } from '@/server/auth/session';
import { config } from '@/server/config';

/** The signed-in shell: every console page needs a session, so the check happens once here. */
export default async function ConsoleLayout({ children }: { children: React.ReactNode }) {
  const ctx = await requireRequestContext();
  const p = ctx.principal;
  const [theme, jar] = await Promise.all([getTheme(), cookies()]);
  return (
    <ConsoleShell
      session={{
        userId: p.userId,
        userName: p.userName,
        projectId: p.projectId,
        projectName: p.projectName,
        roles: p.roles,
        isAdmin: p.roles.includes('admin'),
        simulator: config().YUNTU_BACKEND === 'sim',
        readOnly: p.readOnly === true,
      }}
      theme={theme}
      datacenterId={jar.get(datacenterCookie)?.value ?? ''}
    >
      {children}
    </ConsoleShell>
  );
}
