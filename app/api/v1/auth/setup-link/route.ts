import { op } from '@/lib/contract/operations';
import { sessionCookieHeader } from '@/server/auth/tokens';
import { clientAddress } from '@/server/http/client-address';
import { defineRoute } from '@/server/http/define-route';
import { recordAudit } from '@/server/services/audit';
import { tokenBody } from '@/server/services/identity';
import { consumeSetupLink } from '@/server/services/setup-links';
import { isCloudError } from '@/server/providers/errors';

/**
 * The set-up page's one call: the link's holder chooses a password and is signed in, like B.1.1 (`?session=cookie`
 * sets the browser's session cookie). REST like sign-in, since nobody is signed in yet.
 */
export const POST = defineRoute(op('POST /auth/setup-link'), {
  handler: async ({ body, request, requestId }) => {
    const client = clientAddress(request);
    const audit = (
      r: { userId: string | null; userName: string | null; projectId: string | null },
      status: number,
      message: string | null,
    ) =>
      recordAudit({
        user_id: r.userId,
        user_name: r.userName,
        project_id: r.projectId,
        action: 'auth.setup_link',
        resource_type: 'token',
        resource_id: null,
        result: status < 400 ? 'success' : 'failure',
        status_code: status,
        message,
        request_id: requestId,
      });
    try {
      const { token, expiresAt, principal } = await consumeSetupLink(body, client, requestId);
      await audit(principal, 201, null);
      const headers: Record<string, string> = { 'X-Subject-Token': token };
      const url = new URL(request.url);
      if (url.searchParams.get('session') === 'cookie')
        headers['Set-Cookie'] = sessionCookieHeader(token, expiresAt, url.protocol === 'https:');
      return { status: 201, body: tokenBody(principal, expiresAt), headers };
    } catch (e) {
      // Unknown tokens and refusals by the failed-attempt limits are audited with the client's address, as sign-ins are.
      if (isCloudError(e) && (e.kind === 'not_found' || e.kind === 'rate_limited'))
        await audit(
          { userId: null, userName: null, projectId: null },
          e.kind === 'rate_limited' ? 429 : 404,
          `${e.message} (client ${client})`,
        );
      throw e;
    }
  },
});
