import 'server-only';
import { randomUUID } from 'node:crypto';
import { cookies } from 'next/headers';
import { redirect } from 'next/navigation';
import type { RequestContext } from '../services/context';
import { findSession, sessionCookie } from './tokens';

/** The signed-in browser session of a server component, or null. */
export async function getRequestContext(): Promise<(RequestContext & { expiresAt: Date }) | null> {
  const token = (await cookies()).get(sessionCookie)?.value;
  if (!token) return null;
  const session = await findSession(token);
  if (!session) return null;
  return { principal: session.principal, requestId: randomUUID(), expiresAt: session.expiresAt };
}

/** Like getRequestContext, but sends the visitor to the sign-in page when there is no valid session. */
export async function requireRequestContext(next?: string): Promise<RequestContext & { expiresAt: Date }> {
  const ctx = await getRequestContext();
  if (!ctx) redirect(next ? `/login?next=${encodeURIComponent(next)}` : '/login');
  return ctx;
}

/** Admin-only pages call this: tenants get the not-found page (the API refuses them with 403 anyway). */
export function isAdminContext(ctx: RequestContext): boolean {
  return ctx.principal.roles.includes('admin');
}
