import { notFound } from 'next/navigation';
import { requireRequestContext } from '@/server/auth/session';

/** Admin pages do not exist for tenants (404, like the API's "no existence leak"). */
export async function requireAdminPage(path: string) {
  const ctx = await requireRequestContext(path);
  if (!ctx.principal.roles.includes('admin')) notFound();
  return ctx;
}
