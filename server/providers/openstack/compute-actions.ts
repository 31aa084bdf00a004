import 'server-only';
import { CloudError } from '../errors';

/** Re-words a backend refusal of an action so it names the server and the action. */
export async function action<T>(what: string, p: Promise<T>): Promise<T> {
  try {
    return await p;
  } catch (e) {
    if (e instanceof CloudError && (e.kind === 'conflict' || e.kind === 'invalid'))
      throw new CloudError(e.kind, `cannot ${what}: ${e.message}`, e.details, e.cause);
    throw e;
  }
}
