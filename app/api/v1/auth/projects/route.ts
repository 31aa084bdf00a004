import { op } from '@/lib/contract/operations';
import { sessionCookieHeader, tokenOf } from '@/server/auth/tokens';
import { defineRoute, ok } from '@/server/http/define-route';
import { listMyProjects, switchProject, tokenBody } from '@/server/services/identity';

/** The projects the signed-in user belongs to (the project switcher). */
export const GET = defineRoute(op('GET /auth/projects'), {
  handler: async ({ ctx }) => ok({ projects: await listMyProjects(ctx) }),
});

/** Switches to another of the user's projects: a new token scoped to it (and a new cookie for the browser). */
export const POST = defineRoute(op('POST /auth/projects'), {
  audit: { action: 'auth.switch_project', resourceType: 'project', resourceId: () => undefined },
  handler: async ({ ctx, body, request }) => {
    const { token, expiresAt, principal } = await switchProject(ctx, body.project_id);
    const headers: Record<string, string> = { 'X-Subject-Token': token };
    if (!request.headers.get('x-auth-token') && tokenOf(request)) headers['Set-Cookie'] = sessionCookieHeader(token, expiresAt, new URL(request.url).protocol === 'https:');
    return { status: 201, body: tokenBody(principal, expiresAt), headers };
  },
});
