import 'server-only';
import type { SetupLink, User, UserCreateInput } from '@/lib/contract/auth';
import { isoTime } from '@/lib/contract/common';
import { renameSessions } from '../auth/end-sessions';
import {
  claimSetupLink,
  peekSetupLink,
  renameSetupLink,
  storeSetupLink,
  unknownPassword,
} from '../auth/setup-link-store';
import { issueToken } from '../auth/tokens';
import { provider } from '../providers/registry';
import { CloudError, invalid } from '../providers/errors';
import type { Principal } from '../providers/types';
import { requireAdmin, scope, type RequestContext } from './context';
import { createUser, end } from './identity';
import { reserveSignIn } from './sign-in-limits';

/**
 * One-time set-up links. The console has no identity credential of its own on OpenStack (it acts with the signed-in
 * administrator's token), and whoever consumes a link is signed in as nobody. So when a link is issued the console
 * sets a random password nobody is told in the backend and keeps it sealed beside the token's hash; consuming the
 * link signs in as the user with it and changes it to the chosen one with the user's own password change (Keystone's
 * `POST /v3/users/{id}/password`), the same path on every backend. The sealed password goes with the link.
 */

/** The link's address: the token is the fragment, which browsers never send, so no server log or Referer holds it. */
const linkOf = (origin: string, token: string, expiresAt: Date): SetupLink => ({
  url: `${origin}/setup#${token}`,
  expires_at: isoTime(expiresAt),
});

/** The one answer to every token that does not work, so it tells a guesser nothing. */
const unknownLink = () =>
  new CloudError('not_found', 'this set-up link is unknown, has expired or has already been used', [
    { path: 'token', message: 'is unknown, has expired or has already been used' },
  ]);

/** POST /users: with an initial password as before, or with `setup: 'link'` a link answered this once. */
export async function createUserWithSetup(
  ctx: RequestContext,
  input: UserCreateInput,
  origin: string,
): Promise<{ user: User; setup_link?: SetupLink }> {
  const password = input.password ?? unknownPassword();
  const user = await createUser(ctx, { name: input.name, password, project_id: input.project_id, role: input.role });
  if (input.password !== undefined) return { user };
  const { token, expiresAt } = await storeSetupLink(user.id, user.name, password);
  return { user, setup_link: linkOf(origin, token, expiresAt) };
}

/**
 * A new link for an existing user (a lost link, a forgotten password): their password becomes one nobody knows, the
 * older link stops working and their sessions end, as with a password reset.
 */
export async function issueSetupLink(
  ctx: RequestContext,
  userId: string,
  origin: string,
): Promise<{ setup_link: SetupLink; ended_sessions: number }> {
  requireAdmin(ctx, 'issuing set-up links');
  if (userId === ctx.principal.userId)
    throw new CloudError(
      'conflict',
      `you cannot issue a set-up link for your own user ${userId}: change your password with POST /auth/password`,
    );
  const user = await provider().identity.getUser(scope(ctx), userId);
  const password = unknownPassword();
  await provider().identity.setPassword(scope(ctx), userId, password);
  const { token, expiresAt } = await storeSetupLink(user.id, user.name, password);
  const { ended_sessions } = await end({ userId });
  return { setup_link: linkOf(origin, token, expiresAt), ended_sessions };
}

/** PATCH /users/{id}: a new name; their sessions and their live link go on under it. */
export async function renameUser(ctx: RequestContext, userId: string, name: string): Promise<User> {
  requireAdmin(ctx, 'renaming users');
  const user = await provider().identity.renameUser(scope(ctx), userId, name);
  await renameSessions(userId, user.name);
  await renameSetupLink(userId, user.name);
  return user;
}

/**
 * The public end of a link: the holder chooses a password and is signed in. Each attempt takes from the sign-in
 * budgets (sign-in-limits.ts) of the client address, under a name of its own per address, so guessing tokens is
 * limited like guessing passwords; an unknown, expired or used token is a failed attempt and the same 404.
 */
export async function consumeSetupLink(
  input: { token: string; password: string },
  clientAddress: string,
  requestId: string,
): Promise<{ token: string; expiresAt: Date; principal: Principal }> {
  const attempt = await reserveSignIn(`set-up link from ${clientAddress}`, clientAddress);
  const live = await peekSetupLink(input.token);
  if (!live) {
    await attempt.settle('wrong_credentials');
    throw unknownLink();
  }
  // Checked before the link is used up, so a refused password leaves it working.
  if (input.password === live.userName) {
    await attempt.settle('other_error');
    throw invalid('password', 'must not be the user name');
  }
  const claimed = await claimSetupLink(input.token);
  if (!claimed) {
    await attempt.settle('wrong_credentials');
    throw unknownLink();
  }
  let principal: Principal;
  try {
    const p = provider();
    const first = await p.identity.authenticate({ username: claimed.userName, password: claimed.password });
    principal = await p.identity.changeOwnPassword(
      { principal: first, projectId: first.projectId, allProjects: false, requestId },
      claimed.password,
      input.password,
    );
  } catch (e) {
    // A backend that failed (or a user disabled meanwhile) does not use the link up.
    await claimed.restore();
    await attempt.settle('other_error');
    throw e;
  }
  await attempt.settle('success');
  // Whoever held a session of this user before holds none now; the new one is issued after.
  await end({ userId: claimed.userId });
  const { token, expiresAt } = await issueToken(principal);
  return { token, expiresAt, principal };
}
