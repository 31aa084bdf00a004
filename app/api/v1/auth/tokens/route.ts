import { op } from '@/lib/contract/operations';
import { clearSessionCookieHeader, sessionCookieHeader, tokenOf } from '@/server/auth/tokens';
import { clientAddress } from '@/server/http/client-address';
import { defineRoute, noContent } from '@/server/http/define-route';
import { recordAudit } from '@/server/services/audit';
import { signIn, signOut, tokenBody } from '@/server/services/identity';
import { isCloudError } from '@/server/providers/errors';

/** B.1.1 鉴权. `?session=cookie` also sets the browser's httpOnly session cookie. */
export const POST = defineRoute(op('POST /auth/tokens'), {
  handler: async ({ body, request, requestId }) => {
    try {
      const { token, expiresAt, principal } = await signIn(body, clientAddress(request));
      await recordAudit({
        user_id: principal.userId,
        user_name: principal.userName,
        project_id: principal.projectId,
        action: 'auth.sign_in',
        resource_type: 'token',
        resource_id: null,
        result: 'success',
        status_code: 201,
        message: null,
        request_id: requestId,
      });
      const headers: Record<string, string> = { 'X-Subject-Token': token };
      const url = new URL(request.url);
      if (url.searchParams.get('session') === 'cookie')
        headers['Set-Cookie'] = sessionCookieHeader(token, expiresAt, url.protocol === 'https:');
      return { status: 201, body: tokenBody(principal, expiresAt), headers };
    } catch (e) {
      // Wrong credentials and refusals by the failed-attempt limits are both audited, with the client's address.
      if (isCloudError(e) && (e.kind === 'unauthorized' || e.kind === 'rate_limited'))
        await recordAudit({
          user_id: null,
          user_name: body.username,
          project_id: null,
          action: e.kind === 'rate_limited' ? 'auth.sign_in_locked' : 'auth.sign_in',
          resource_type: 'token',
          resource_id: null,
          result: 'failure',
          status_code: e.kind === 'rate_limited' ? 429 : 401,
          message: `${e.message} (client ${clientAddress(request)})`,
          request_id: requestId,
        });
      throw e;
    }
  },
});

/** Revokes the token given in X-Auth-Token (or the session cookie, clearing it). */
export const DELETE = defineRoute(op('DELETE /auth/tokens'), {
  audit: { action: 'auth.sign_out', resourceType: 'token', resourceId: () => undefined },
  handler: async ({ request }) => {
    await signOut(tokenOf(request)!);
    return { ...noContent(), headers: { 'Set-Cookie': clearSessionCookieHeader() } };
  },
});

/** The current token's details (the console's "who am I"). */
export const GET = defineRoute(op('GET /auth/tokens'), {
  handler: async ({ ctx, request }) => {
    const { findSession } = await import('@/server/auth/tokens');
    const session = await findSession(tokenOf(request)!);
    return { status: 200, body: tokenBody(ctx.principal, session!.expiresAt) };
  },
});
