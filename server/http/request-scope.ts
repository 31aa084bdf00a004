import 'server-only';
import { AsyncLocalStorage } from 'node:async_hooks';

/** What every log line and backend call of one API call can name: its request id. */
export interface RequestScope {
  requestId: string;
}

// On globalThis: every route bundle loads this module, and a backend client must read the scope the pipeline set.
const globalForScope = globalThis as unknown as { yuntuRequestScope?: AsyncLocalStorage<RequestScope> };
const storage = (globalForScope.yuntuRequestScope ??= new AsyncLocalStorage<RequestScope>());

export function inRequestScope<T>(scope: RequestScope, fn: () => Promise<T>): Promise<T> {
  return storage.run(scope, fn);
}

/** The request id of the API call being answered, if any. */
export function currentRequestId(): string | undefined {
  return storage.getStore()?.requestId;
}
