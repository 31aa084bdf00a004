import 'server-only';
import { op } from '@/lib/contract/operations';
import { clearSessionCookieHeader, sessionCookieHeader } from '../auth/tokens';
import { defineOperation, ok } from '../http/pipeline';
import { changeOwnPassword, signOutEverywhere, switchProject, tokenBody } from '../services/identity';

/*
 * The signed-in user's changes to their own session (server/operations/README.md). Sign-in and sign-out stay
 * route-local in app/api/v1/auth/tokens: sign-in is the one public operation, reads `?session=cookie` and writes its
 * own audit records of failed attempts; the console's sign-in form posts to it.
 */
export const authOperations = {
  /** Changes the signed-in user's own password: this session goes on, every other one ends. */
  changePassword: defineOperation(op('POST /auth/password'), {
    audit: { action: 'auth.change_password', resourceType: 'user', resourceId: () => undefined },
    // Authenticated, so the caller has a token.
    handler: async ({ ctx, body, caller }) =>
      ok(await changeOwnPassword(ctx, caller.token!, body, caller.clientAddress)),
  }),
  /** Switches to another of the user's projects: a new token scoped to it (and a new cookie for the browser). */
  switchProject: defineOperation(op('POST /auth/projects'), {
    audit: { action: 'auth.switch_project', resourceType: 'project', resourceId: () => undefined },
    handler: async ({ ctx, body, caller }) => {
      const { token, expiresAt, principal } = await switchProject(ctx, body.project_id);
      const headers: Record<string, string> = { 'X-Subject-Token': token };
      if (caller.viaCookie) headers['Set-Cookie'] = sessionCookieHeader(token, expiresAt, caller.secure);
      return { status: 201, body: tokenBody(principal, expiresAt), headers };
    },
  }),
  /** "Sign out everywhere": ends every session of the signed-in user, this one included. */
  signOutEverywhere: defineOperation(op('DELETE /auth/sessions'), {
    audit: { action: 'auth.sign_out_everywhere', resourceType: 'user', resourceId: () => undefined },
    handler: async ({ ctx }) => ({
      ...ok(await signOutEverywhere(ctx)),
      headers: { 'Set-Cookie': clearSessionCookieHeader() },
    }),
  }),
};
