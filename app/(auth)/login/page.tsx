import { redirect } from 'next/navigation';
import { LoginPanel } from '@/components/shell/login-panel';
import { safeNextPath } from '@/lib/navigation/safe-next';
import { getRequestContext } from '@/server/auth/session';

export default async function LoginPage({ searchParams }: { searchParams: Promise<{ next?: string }> }) {
  const { next } = await searchParams;
  // Only same-origin paths, so the sign-in page cannot be used as an open redirect.
  const target = safeNextPath(next);
  if (await getRequestContext()) redirect(target);
  return <LoginPanel next={target} />;
}
