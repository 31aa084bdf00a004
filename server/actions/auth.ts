'use server';
import 'server-only';
import { authOperations as auth } from '../operations/auth';
import { refusedField, runAction, type ActionBody, type ActionResult } from './run-action';

/*
 * The signed-in user's changes to their own session, each the route's own operation (server/operations/auth.ts)
 * run by runAction; a renewed or cleared session cookie is set on the action's response. Sign-in and sign-out stay
 * REST calls (see server/operations/auth.ts).
 */

export async function changeOwnPassword(input: ActionBody<typeof auth.changePassword>) {
  return runAction(auth.changePassword, { body: input });
}

/**
 * The same change as a form action (`useActionState` in components/users/account-view.tsx), so the form works before
 * the page is hydrated or without JavaScript: the fields come as FormData, the confirmation is checked here (the
 * operation has no such field), and the result is the state the form shows.
 */
export async function changeOwnPasswordForm(
  _previous: ActionResult<{ ended_sessions: number }> | null,
  form: FormData,
) {
  const field = (name: string) => {
    const value = form.get(name);
    return typeof value === 'string' ? value : '';
  };
  if (field('confirm') !== field('new_password')) return refusedField('confirm', 'must repeat the new password');
  return runAction(auth.changePassword, {
    body: { current_password: field('current_password'), new_password: field('new_password') },
  });
}

export async function switchProject(input: ActionBody<typeof auth.switchProject>) {
  return runAction(auth.switchProject, { body: input });
}

export async function signOutEverywhere() {
  return runAction(auth.signOutEverywhere, {});
}
