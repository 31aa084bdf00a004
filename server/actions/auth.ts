'use server';
import 'server-only';
import { authOperations as auth } from '../operations/auth';
import { runAction, type ActionBody } from './run-action';

/*
 * The signed-in user's changes to their own session, each the route's own operation (server/operations/auth.ts)
 * run by runAction; a renewed or cleared session cookie is set on the action's response. Sign-in and sign-out stay
 * REST calls (see server/operations/auth.ts).
 */

export async function changeOwnPassword(input: ActionBody<typeof auth.changePassword>) {
  return runAction(auth.changePassword, { body: input });
}

export async function switchProject(input: ActionBody<typeof auth.switchProject>) {
  return runAction(auth.switchProject, { body: input });
}

export async function signOutEverywhere() {
  return runAction(auth.signOutEverywhere, {});
}
