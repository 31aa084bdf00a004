import type { z } from 'zod';
import type { ErrorBody } from '@/lib/contract/common';
import { useSessionStore } from '@/lib/stores/session-store';
import { ApiError } from './client';

/**
 * What a server action answers (server/actions/*.ts): the operation's status and success body, or its status and
 * the contract's error object, as plain data. Returned, not thrown: Next.js hides a thrown error's message in
 * production, and a form needs the per-field details.
 */
export type ActionResult<T> =
  { ok: true; status: number; body: T } | { ok: false; status: number; error: z.infer<typeof ErrorBody>['error'] };

/** The error a failed action result becomes: the same ApiError a failed /api/v1 call throws (lib/api/client.ts). */
export const actionError = (r: Extract<ActionResult<unknown>, { ok: false }>) =>
  new ApiError(r.error.message, r.status, r.error.type, r.error.details ?? [], r.error.request_id);

/**
 * Calls a server action and answers its success body, throwing the ApiError the components already show. A 401
 * waits for the user to sign in again and then calls the action once more, as `api()` does for a fetch, unless
 * `isAuthCall` says the caller must see its own 401 (as the ApiInit option of the same name).
 */
export async function callAction<T>(
  action: () => Promise<ActionResult<T>>,
  { isAuthCall = false }: { isAuthCall?: boolean } = {},
): Promise<T> {
  for (;;) {
    let result: ActionResult<T>;
    try {
      result = await action();
    } catch (e) {
      // The action's own failures come back as results; a throw here is the transport (offline, a new deployment).
      throw new ApiError(e instanceof Error ? e.message : 'network error', 0, 'network');
    }
    if (result.ok) return result.body;
    if (result.status === 401 && !isAuthCall) {
      await useSessionStore.getState().whenRestored(result.error.message);
      continue;
    }
    throw actionError(result);
  }
}
